"""Start-up cost of the CLI: `loopcoach --help` against a bare `python -c pass` (goal: under 3x).

Each command runs 15 times; the median wall time is compared. Prints one line per figure.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    bare = median_seconds([sys.executable, "-c", "pass"])
    cli = median_seconds([sys.executable, "-m", "loopcoach", "--help"])
    print(f"python -c pass:        {bare * 1000:7.1f} ms (median of {RUNS})")
    print(f"loopcoach --help:      {cli * 1000:7.1f} ms (median of {RUNS})")
    print(f"startup ratio:         {cli / bare:7.2f}x (goal < 3x)")


if __name__ == "__main__":
    main()
