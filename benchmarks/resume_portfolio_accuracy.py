"""Accuracy of the README checks (portfolio review) on the labelled READMEs, per check.

tests/data/github/readmes/*.md are READMEs written for the project, each with a gold
YAML saying which checks a careful reader would pass. Prints agreement per check and
overall, plus the Flesch reading ease of each opening. The set is small (7 READMEs,
49 labels) and was used to set the readability thresholds, so it is a calibration
figure, not a held-out one.

Run: .venv/bin/python benchmarks/resume_portfolio_accuracy.py
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from loopcoach.areas.portfolio.checks import review_readme  # noqa: E402

READMES = ROOT / "tests" / "data" / "github" / "readmes"


def main() -> None:
    """Print per-check agreement with the gold labels, and the review time."""
    per_check: dict[str, list[bool]] = defaultdict(list)
    disagreements: list[str] = []
    started = time.perf_counter()
    paths = sorted(READMES.glob("*.md"))
    for path in paths:
        gold = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        report = review_readme(path.read_text(encoding="utf-8"))
        predicted = {c.id: c.passed for c in report.checks}
        print(f"{path.stem:<15} score {report.score:>3}  opening Flesch {report.opening.reading_ease:6.1f}")
        for check, value in gold.items():
            per_check[check].append(predicted[check] == bool(value))
            if predicted[check] != bool(value):
                disagreements.append(f"{path.stem}: {check} predicted {predicted[check]}, gold {bool(value)}")
    elapsed = (time.perf_counter() - started) * 1000 / len(paths)
    print()
    for check, outcomes in per_check.items():
        print(f"{check:<16} {sum(outcomes)}/{len(outcomes)} = {sum(outcomes) / len(outcomes):.3f}")
    total = [o for outcomes in per_check.values() for o in outcomes]
    print(f"{'overall':<16} {sum(total)}/{len(total)} = {sum(total) / len(total):.3f}   ({elapsed:.1f} ms per README)")
    for line in disagreements:
        print("  disagreement:", line)


if __name__ == "__main__":
    main()
