"""Judge speed: warm sandbox vs a fresh python per test, two-sum latency, throughput.

Run: .venv/bin/python benchmarks/coding_judge.py
Prints
- the ratio naive/warm for judging one 50-test submission (naive = a fresh
  ``python`` process per test running the same harness, without any sandbox),
- the wall time of judging an accepted two-sum (median of 20, warm, cached tests),
- submissions judged per second with 4 concurrent clients on the 2-worker pool.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from loopcoach.areas.coding.harness import harness_config, prelude_source
from loopcoach.config import load_settings
from loopcoach.sandbox.runner import Job
from loopcoach.services import coding
from loopcoach.services.context import AppContext

NAIVE_DRIVER = """
import json, sys
ns = {"__name__": "__harness__"}
exec(compile(sys.argv[1], "<harness>", "exec"), ns)
ns["__setup__"](sys.argv[2], json.loads(sys.argv[3]))
print(json.dumps(ns["__case__"](json.loads(sys.stdin.read()))))
"""


def main() -> None:
    """Measure and print the three figures."""
    ctx = AppContext(load_settings({"LOOPCOACH_HOME": tempfile.mkdtemp(prefix="bench-judge-")}))
    problem = coding.get_problem(ctx, "two-sum")
    suite = coding.build_suite(ctx, problem)
    cases = (suite.args * 2)[:50]
    prelude, cfg = prelude_source(), harness_config(problem)
    runner = coding.get_runner()
    runner.missing_layers()  # start the workers

    warm = []
    for _ in range(5):
        t0 = time.perf_counter()
        res = runner.run(Job(prelude=prelude, source=problem.reference_solution, cases=list(cases),
                             limits=coding.JUDGE_LIMITS, config=cfg))
        warm.append(time.perf_counter() - t0)
        assert all(c.status == "ok" for c in res.cases)
    naive = []
    for _ in range(2):
        t0 = time.perf_counter()
        for case in cases:
            out = subprocess.run([sys.executable, "-c", NAIVE_DRIVER, prelude, problem.reference_solution,
                                  json.dumps(cfg)], input=json.dumps(case), capture_output=True, text=True,
                                 check=True)
            json.loads(out.stdout)
        naive.append(time.perf_counter() - t0)
    w, n = min(warm), min(naive)
    print(f"50-test submission: warm sandbox {w * 1000:.1f} ms, naive fresh python per test {n * 1000:.0f} ms, "
          f"ratio {n / w:.1f}x")

    walls, cpus = [], []
    for _ in range(20):
        t0, c0 = time.perf_counter(), time.process_time()
        result = coding.judge(ctx, "two-sum", problem.reference_solution)
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000 + result["sandbox_cpu_ms"])
        assert result["verdict"] == "accepted"
    print(f"two-sum accepted ({result['total']} tests): median {statistics.median(walls):.1f} ms wall, "
          f"best {min(walls):.1f} ms; CPU (parent + sandbox child) median {statistics.median(cpus):.1f} ms")
    print(f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    total = 40
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(lambda _: coding.judge(ctx, "two-sum", problem.reference_solution)["verdict"],
                                 range(total)))
    took = time.perf_counter() - t0
    assert set(verdicts) == {"accepted"}
    print(f"concurrent: {total} two-sum submissions in {took:.2f} s = {total / took:.1f} submissions/s "
          f"(2 sandbox workers, 4 clients)")
    runner.close()


if __name__ == "__main__":
    main()
