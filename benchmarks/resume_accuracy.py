"""Accuracy of the resume checker on the labelled set, per input format.

Renders each labelled Markdown resume (tests/data/resumes) to plain text, PDF
(one- and two-column layouts) and DOCX, parses it back, and prints section
accuracy, GitHub detection, metric-bullet accuracy and keyword precision/recall
against the gold labels (rows "pdf:two-column" etc. force one layout on every
resume; "pdf:chromium" rows are printed by Chromium, a second PDF producer), separately for the training part (r01-r12, used while
writing the rules) and the held-out part (r13-r25). Goal: >= 0.95 on each.

Run: .venv/bin/python benchmarks/resume_accuracy.py [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "resume"))
sys.path.insert(0, str(ROOT / "src"))

from labelled import ALL_LAYOUTS, CHROMIUM_LAYOUTS, FORMATS, evaluate, job_extraction, load_cases, load_jobs  # noqa: E402


def main() -> None:
    """Print the figures per split and format."""
    verbose = "--verbose" in sys.argv
    cases = load_cases()
    print(f"labelled resumes: {len(cases)} ({sum(c.split == 'train' for c in cases)} train, "
          f"{sum(c.split == 'held-out' for c in cases)} held-out)")
    precision, recall, notes = job_extraction(load_jobs())
    print(f"job skill extraction (4 jobs): precision {precision:.3f} recall {recall:.3f}")
    if verbose:
        for note in notes:
            print("  ", note)
    header = ["split", "format", "sections", "github", "metric_bullets", "kw_precision", "kw_recall", "contact"]
    print(" ".join(f"{h:>14}" for h in header))
    for split in ("train", "held-out", "all"):
        subset = [c for c in cases if split == "all" or c.split == split]
        extra = ALL_LAYOUTS + (CHROMIUM_LAYOUTS if Path("/usr/bin/chromium").exists() else ())
        for fmt in FORMATS + (extra if split == "all" else ()):
            tally = evaluate(subset, fmt)
            f = tally.figures()
            row = [split, fmt, f["section_accuracy"], f["github_detection"], f["metric_bullet_accuracy"],
                   f["keyword_precision"], f["keyword_recall"], f["contact_fields"]]
            print(" ".join(f"{v:>14.3f}" if isinstance(v, float) else f"{v:>14}" for v in row))
            if verbose and split != "all":
                for err in tally.errors:
                    print("    ", err)


if __name__ == "__main__":
    main()
