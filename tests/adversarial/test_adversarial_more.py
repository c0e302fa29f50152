"""Adversarial cases of the design grader, the resume checker and the portfolio README review.

Same rule as ``test_adversarial.py``: every case in tests/data/adversarial/{design,resume,portfolio}.yaml
behaves as it states, tuned and held-out alike (``benchmarks/adversarial.py`` reports the splits apart).
"""

from __future__ import annotations

from typing import Any

import pytest

from . import scorers
from .cases import Case, judge, load_cases

# Still failing (issue #18 / #13 item 3), tracked as strict expected failures so that a fix is noticed; the
# final state must have none. Free prose without the rubric's words needs credit from meaning that the
# sentence model does not give at a threshold the labelled answers allow; a bare "monitor it" still
# credits the monitoring points; held-out cases that failed on first run are listed as they were found.
OPEN = frozenset({
    "design-free-prose-out-of-order", "design-repeated-sentence",
    "resume-numbers-without-outcome", "portfolio-repeated-summary", "portfolio-good-new-grad-reworded",
})


def _ids(area: str) -> list[Any]:
    return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason="issue #18 open")]
                         if c.id in OPEN else []) for c in load_cases(area)]


def _check(case: Case, scorer: scorers.Scorer) -> None:
    outcome = judge(case, scorer)
    assert outcome.ok, f"{case.id} ({case.kind}, {case.voice}): {'; '.join(outcome.problems)}. {case.why}"


@pytest.mark.model
@pytest.mark.parametrize("case", _ids("design"))
def test_design(case: Case, embedder: Any) -> None:
    _check(case, scorers.design_scorer(embedder))


@pytest.mark.parametrize("case", _ids("resume"))
def test_resume(case: Case) -> None:
    _check(case, scorers.resume_scorer())


@pytest.mark.parametrize("case", _ids("portfolio"))
def test_portfolio(case: Case) -> None:
    _check(case, scorers.portfolio_scorer())
