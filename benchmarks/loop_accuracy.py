"""Accuracy of the loop area's own analyzer (the recruiter screen's salary answer), per labelled set.

Run: .venv/bin/python benchmarks/loop_accuracy.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from loopcoach.areas.loop.recruiter import compensation_answer

DATA = Path(__file__).resolve().parent.parent / "tests" / "loop" / "data"


def main() -> None:
    """Print exact-rating accuracy and the confusion per set."""
    for name in ("compensation.yaml", "compensation_heldout.yaml"):
        rows = yaml.safe_load((DATA / name).read_text())
        confusion: Counter[tuple[int, int]] = Counter()
        for r in rows:
            confusion[(r["label"], compensation_answer(r["text"])["rating"])] += 1
        right = sum(n for (want, got), n in confusion.items() if want == got)
        within = sum(n for (want, got), n in confusion.items() if abs(want - got) <= 1)
        print(f"{name}: exact {right}/{len(rows)} = {right / len(rows):.2f}, within one {within}/{len(rows)}")
        for (want, got), n in sorted(confusion.items()):
            if want != got:
                print(f"  label {want} rated {got}: {n}")


if __name__ == "__main__":
    main()
