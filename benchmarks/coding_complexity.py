"""Accuracy of the complexity estimator on the labelled set, run twice for stability.

Run: .venv/bin/python benchmarks/coding_complexity.py          (the labelled set)
     .venv/bin/python benchmarks/coding_complexity.py --bank   (every problem's reference solution)
Prints per-solution results, accuracy on each part of the labelled set
("train": used to design the estimator; "test": held out from threshold
choices but seen during development; "holdout": written after the estimator
was frozen and run once), the number of answers that changed between the two
runs, and the slowest estimate in seconds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "coding"))

from complexity_labelled import SOLUTIONS

from loopcoach.config import load_settings
from loopcoach.services import coding
from loopcoach.services.context import AppContext


def bank(ctx: AppContext) -> None:
    """Every problem's reference solution against the optimum its author stated (an
    independent labelled set: written by the bank author, never used to tune the estimator)."""
    from loopcoach.errors import LoopcoachError

    good = total = 0
    skipped = []
    slowest = 0.0
    for item in ctx.content("coding").items:
        label = item.complexity.time_class
        if label is None:
            skipped.append(item.id)
            continue
        start = time.perf_counter()
        try:
            got = coding.complexity(ctx, item.id, item.reference_solution)["time"]
        except LoopcoachError as exc:
            got = f"error: {exc.message}"
        took = time.perf_counter() - start
        slowest = max(slowest, took)
        total += 1
        good += got == label
        print(f"{'ok ' if got == label else 'BAD'} {item.id:<48} stated {label:<10} got {got} {took:.1f}s", flush=True)
    print(f"bank reference solutions: {good}/{total} = {100 * good / max(1, total):.1f}% "
          f"(skipped {len(skipped)} whose stated class is not one of the seven: {', '.join(skipped)})")
    print(f"slowest estimate: {slowest:.1f} s")


def main() -> None:
    """Estimate every labelled solution twice and print the figures."""
    ctx = AppContext(load_settings({"LOOPCOACH_HOME": tempfile.mkdtemp(prefix="bench-cx-")}))
    if sys.argv[1:] == ["--bank"]:
        bank(ctx)
        coding.get_runner().close()
        return
    only = set(sys.argv[1:])
    runs: list[dict[str, str]] = []
    slowest = 0.0
    for round_no in (1, 2):
        answers: dict[str, str] = {}
        for item in SOLUTIONS:
            if only and item.name not in only:
                continue
            start = time.perf_counter()
            result = coding.complexity(ctx, item.problem, item.code)
            took = time.perf_counter() - start
            slowest = max(slowest, took)
            answers[item.name] = result["time"]
            if round_no == 1:
                mark = "ok " if result["time"] == item.label else "BAD"
                print(f"{mark} {item.split:<5} {item.name:<22} label {item.label:<10} got {result['time']:<10} "
                      f"conf {result['confidence']:.2f} via {result['signal']:<5} slope {result['time_slope']} "
                      f"{took:.1f}s", flush=True)
        runs.append(answers)
    for split in ("train", "test", "holdout", "all"):
        items = [s for s in SOLUTIONS if (split == "all" or s.split == split) and s.name in runs[0]]
        good = sum(1 for s in items if runs[0][s.name] == s.label)
        if items:
            print(f"accuracy {split}: {good}/{len(items)} = {100 * good / len(items):.1f}%")
    changed = [n for n in runs[0] if runs[0][n] != runs[1].get(n)]
    print(f"stability: {len(runs[0]) - len(changed)}/{len(runs[0])} identical across two runs"
          + (f" (changed: {', '.join(changed)})" if changed else ""))
    print(f"slowest estimate: {slowest:.1f} s")
    coding.get_runner().close()


if __name__ == "__main__":
    main()
