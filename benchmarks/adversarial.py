"""How many adversarial cases behave as they state, per area and per split (tune / heldout).

The cases live in tests/data/adversarial/<area>.yaml (schema and rule in
tests/adversarial/cases.py); they are scored with the same scorers as the test
suite (tests/adversarial/scorers.py): the real analyzers, the bundled content,
the STAR labeller fitted on the shipped training stories and the real sentence
model. ``heldout`` cases were written before the fixes they test and never
used to tune them, so the heldout column is the honest figure. A trivial
baseline is printed beside each area: the share of its cases a constant score
of 50 would satisfy.

    .venv/bin/python benchmarks/adversarial.py [--verbose] [--area design] [--split tune]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.adversarial import scorers  # noqa: E402
from tests.adversarial.cases import AREAS, Case, Outcome, Scored, judge, load_cases  # noqa: E402


def _constant(case: Case, text: str) -> Scored:
    """The trivial baseline: every text scores 50 and covers nothing."""
    return Scored(50)


def _scorer_factory() -> Callable[[str], scorers.Scorer]:
    cache: dict[str, Any] = {}

    def labeller() -> Any:
        if "labeller" not in cache:
            from loopcoach.areas.behavioral.dataset import training_stories
            from loopcoach.areas.behavioral.labeller import fit_labeller

            cache["labeller"] = fit_labeller(training_stories())
        return cache["labeller"]

    def embedder() -> Any:
        if "embedder" not in cache:
            from loopcoach.config import load_settings
            from loopcoach.text.embeddings import get_embedder

            home = Path(tempfile.mkdtemp(prefix="loopcoach-adversarial-"))
            emb = get_embedder(load_settings({"LOOPCOACH_HOME": str(home)}))
            emb.load()
            cache["embedder"] = emb
        return cache["embedder"]

    def make(area: str) -> scorers.Scorer:
        if area == "theory":
            from loopcoach.areas.theory.grader import TheoryGrader

            return scorers.theory_scorer(TheoryGrader(embedder()))
        if area == "design":
            return scorers.design_scorer(embedder())
        if area == "star":
            return scorers.star_scorer(labeller())
        if area == "pitch":
            return scorers.pitch_scorer(labeller())
        if area == "resume":
            return scorers.resume_scorer()
        if area == "portfolio":
            return scorers.portfolio_scorer()
        raise ValueError(f"no scorer for area {area!r}")

    return make


def _line(outcomes: list[Outcome]) -> str:
    if not outcomes:
        return "   -   "
    ok = sum(o.ok for o in outcomes)
    return f"{ok:>3}/{len(outcomes):<3}"


def main() -> None:
    """Print the table (and, with --verbose, every case's scores)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--area", choices=AREAS, action="append")
    parser.add_argument("--split", choices=("tune", "heldout"))
    args = parser.parse_args()
    make = _scorer_factory()
    print(f"{'area':<10} {'tune':>8} {'heldout':>8} {'all':>8}   constant-50 baseline (all)")
    totals: dict[str, list[Outcome]] = {"tune": [], "heldout": []}
    for area in args.area or AREAS:
        cases = [c for c in load_cases(area) if args.split in (None, c.split)]
        scorer = make(area)
        outcomes = [judge(c, scorer) for c in cases]
        base = [judge(c, _constant) for c in cases]
        by = {s: [o for o in outcomes if o.case.split == s] for s in ("tune", "heldout")}
        for s in by:
            totals[s] += by[s]
        print(f"{area:<10} {_line(by['tune']):>8} {_line(by['heldout']):>8} {_line(outcomes):>8}   "
              f"{_line(base)}")
        for o in outcomes:
            if args.verbose or not o.ok:
                base_txt = f" (base {o.base_score})" if o.base_score is not None else ""
                flag = "ok  " if o.ok else "FAIL"
                print(f"    {flag} [{o.case.split}] {o.case.id}: score {o.score}{base_txt}"
                      + (f"; {'; '.join(o.problems)}" if o.problems else ""))
    every = totals["tune"] + totals["heldout"]
    print(f"{'total':<10} {_line(totals['tune']):>8} {_line(totals['heldout']):>8} {_line(every):>8}")


if __name__ == "__main__":
    main()
