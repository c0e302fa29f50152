"""Start-up cost of the CLI and the server, the size of a fresh install, and the idle server's memory.

Usage: .venv/bin/python benchmarks/startup.py [--runs N] [--skip-venv]

Prints, each against a bare `python -c pass` measured in the same run:

* `loopcoach --help` (median of 15; goal under 3x python);
* the cold wall time (a new process each time, median of --runs, default 5) of
  `loopcoach theory grade ID answer.txt`, `story check`, `design grade` and
  `resume check` (goals: theory grade < 1.5 s, story check < 1 s). "Cold"
  means a new process with nothing loaded; the data folder has been used once
  (database created, rubric vectors cached), as on a user's second command.
  The first command in a brand-new data folder is printed separately;
* the size of a fresh virtual environment after `make run`'s install
  (`pip install -e .`) and after a plain `pip install .` (goal < 400 MB), and
  whether torch, transformers or sentence-transformers ended up in it;
* the peak RSS of an idle `loopcoach serve` once the model is loaded (goal < 400 MB).

Commands run with PYTHONDONTWRITEBYTECODE unset, as on a user's machine,
so Python caches its bytecode as it normally does. Beside each wall time
the CPU time (user + system, all threads) is printed: on a busy machine the
wall time grows with the load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LOOPCOACH = [str(Path(PYTHON).with_name("loopcoach"))] if Path(PYTHON).with_name("loopcoach").exists() \
    else [PYTHON, "-m", "loopcoach"]

ANSWER = ("Bias is the error from wrong assumptions in the model: a model that is too simple underfits and misses "
          "the pattern even on the training data. Variance is the error from sensitivity to the particular "
          "training sample: a model that is too flexible overfits and changes a lot when the data changes. "
          "Adding capacity lowers bias and raises variance, so we pick the complexity that minimises validation "
          "error, for example with cross-validation, and regularisation or more data reduce variance.\n")
STORY = ("Our support ticket classifier had plateaued at 71 percent accuracy even though we kept adding data. "
         "My goal was to find out why more data was not helping and fix it within the quarter. "
         "I sampled 500 tickets and relabelled them myself with two colleagues to measure label disagreement. "
         "I found that almost a fifth of the labels were wrong because two categories overlapped. "
         "I wrote a labelling guide, merged the overlapping categories and retrained the model on the cleaned set. "
         "Accuracy rose from 71 to 84 percent and the share of tickets routed to the wrong queue fell by half.\n")


def environment(home: Path) -> dict[str, str]:
    """The environment of a measured command: a given data folder, bytecode caching as usual."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["LOOPCOACH_HOME"] = str(home)
    return env


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one run; the command must succeed."""
    return timed(argv, env)[0]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, every thread) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_seconds(argv: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of ``runs`` runs."""
    return medians(argv, env, runs)[0]


def medians(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall and median CPU time of ``runs`` runs."""
    samples = [timed(argv, env) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def inputs(folder: Path) -> dict[str, list[str]]:
    """The four measured commands with their input files."""
    import yaml

    (folder / "answer.txt").write_text(ANSWER, encoding="utf-8")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    design = yaml.safe_load((ROOT / "tests/data/design_answers/hate-speech-complete.yaml").read_text(encoding="utf-8"))
    (folder / "design.md").write_text(design["answer"], encoding="utf-8")
    resume = ROOT / "tests/data/resumes/r02-senior-mle-recsys.md"
    return {
        "theory grade": ["theory", "grade", "bias-variance-tradeoff", str(folder / "answer.txt")],
        "story check": ["story", "check", str(folder / "story.txt")],
        "design grade": ["design", "grade", "hate-speech-detection", str(folder / "design.md")],
        "resume check": ["resume", "check", str(resume)],
    }


def commands(runs: int) -> None:
    """Cold wall times of the four commands against python -c pass, and a first run in a new data folder."""
    goals = {"theory grade": 1.5, "story check": 1.0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = environment(folder / "home")
        cases = inputs(folder)
        firsts = {name: wall([*LOOPCOACH, *args], environment(folder / f"first-{i}"))
                  for i, (name, args) in enumerate(cases.items())}
        for args in cases.values():
            wall([*LOOPCOACH, *args], env)  # the data folder's one earlier use: database, caches
        bare = median_seconds([PYTHON, "-c", "pass"], env, runs)
        print(f"python -c pass:        {bare * 1000:7.0f} ms (median of {runs})")
        for name, args in cases.items():
            cold, cpu = medians([*LOOPCOACH, *args], env, runs)
            goal = f", goal < {goals[name]:.1f} s" if name in goals else ""
            print(f"{name + ':':<22}{cold * 1000:7.0f} ms ({cold / bare:5.1f}x python; median of {runs}{goal}; "
                  f"CPU {cpu * 1000:.0f} ms; first run in a new data folder {firsts[name] * 1000:.0f} ms)")


def help_ratio() -> None:
    """`loopcoach --help` against python -c pass, median of 15 (the older goal: under 3x)."""
    env = environment(Path(tempfile.gettempdir()) / "loopcoach-startup-help")
    bare = median_seconds([PYTHON, "-c", "pass"], env, 15)
    cli = median_seconds([*LOOPCOACH, "--help"], env, 15)
    print(f"loopcoach --help:      {cli * 1000:7.0f} ms ({cli / bare:5.2f}x python -c pass at {bare * 1000:.0f} ms, "
          "median of 15; goal < 3x)")


def folder_megabytes(path: Path) -> float:
    """Disk usage of a folder, as du counts it."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            total += st.st_blocks * 512
    return total / 1e6


def venv_size(editable: bool) -> None:
    """Build a fresh venv in a temp folder, install loopcoach, report its size and any torch-family package."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        pip = [str(venv / "bin" / "python"), "-m", "pip", "--quiet"]
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, "install", "--upgrade", "pip"], check=True, capture_output=True)
        target = ["-e", str(ROOT)] if editable else [str(ROOT)]
        start = time.perf_counter()
        subprocess.run([*pip, "install", *target], check=True, capture_output=True)
        took = time.perf_counter() - start
        listed = subprocess.run([*pip[:3], "list", "--format=freeze"], check=True, capture_output=True,
                                text=True).stdout.lower()
        heavy = [p for p in ("torch", "transformers", "sentence-transformers", "sentence_transformers")
                 if f"\n{p}==" in "\n" + listed]
        how = "make run's install (pip install -e .)" if editable else "pip install ."
        size = folder_megabytes(venv)
        print(f"fresh venv, {how + ':':<38}{size:6.0f} MB = {size * 1e6 / 2**20:.0f} MiB (du -sh) (goal < 400 MB; "
              f"install {took:.0f} s; torch-family packages: {', '.join(heavy) or 'none'})")


def serve_rss() -> None:
    """Peak and current RSS of `loopcoach serve` once it says it is ready (model and graders warm), after 2 s idle."""
    with tempfile.TemporaryDirectory() as tmp:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = environment(Path(tmp) / "home") | {"LOOPCOACH_PORT": str(port)}
        start = time.perf_counter()
        proc = subprocess.Popen([*LOOPCOACH, "serve"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                text=True)
        try:
            assert proc.stderr is not None
            line = ""
            while "loopcoach: ready at" not in line:  # serve says so once the model and graders are warm
                line = proc.stderr.readline()
                if not line:
                    raise SystemExit("loopcoach serve stopped before the model was ready")
            ready = time.perf_counter() - start
            time.sleep(2)
            status = Path(f"/proc/{proc.pid}/status").read_text()
            fields = {k: v.strip() for k, v in (row.split(":", 1) for row in status.splitlines() if ":" in row)}
            peak = int(fields["VmHWM"].split()[0]) / 1024
            now = int(fields["VmRSS"].split()[0]) / 1024
            print(f"loopcoach serve, idle: peak RSS {peak:.0f} MB, RSS {now:.0f} MB (goal < 400 MB; "
                  f"ready {ready:.1f} s after start)")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-venv", action="store_true", help="skip the two fresh-venv installs (minutes)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    help_ratio()
    commands(args.runs)
    serve_rss()
    if not args.skip_venv:
        venv_size(editable=True)
        venv_size(editable=False)
    print(f"load average {os.getloadavg()[0]:.1f} at the end (figures measured under load are upper bounds)")


if __name__ == "__main__":
    main()
