"""Every adversarial case behaves as it states (tests/data/adversarial/*.yaml; schema in cases.py).

Content-free, repeated, stuffed and padded texts must not score as if they
said something; real misconceptions must be flagged; substance reworded must
keep its score. The held-out cases are judged here like the others and
reported apart by ``benchmarks/adversarial.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.areas.behavioral.labeller import StarLabeller

from . import scorers
from .cases import AREAS, VOICES, Case, judge, load_cases


def _ids(area: str) -> list[Any]:
    return [pytest.param(c, id=c.id) for c in load_cases(area)]


def _check(case: Case, scorer: scorers.Scorer) -> None:
    outcome = judge(case, scorer)
    assert outcome.ok, f"{case.id} ({case.kind}, {case.voice}): {'; '.join(outcome.problems)}. {case.why}"


def test_every_area_has_cases_in_several_voices_and_a_heldout_part() -> None:
    for area in AREAS:
        cases = load_cases(area)
        assert len(cases) >= 6, area
        assert len({c.voice for c in cases}) >= 4, area
        assert any(c.split == "heldout" for c in cases), area
        assert {c.voice for c in cases} <= VOICES


@pytest.mark.parametrize("case", _ids("star"))
def test_star(case: Case, star_labeller: StarLabeller) -> None:
    _check(case, scorers.star_scorer(star_labeller))


@pytest.mark.parametrize("case", _ids("pitch"))
def test_pitch(case: Case, star_labeller: StarLabeller) -> None:
    _check(case, scorers.pitch_scorer(star_labeller))


def test_the_schema_rejects_an_unknown_field_and_a_relative_case_without_a_base() -> None:
    good = {"id": "x", "kind": "repetition", "voice": "terse", "split": "tune", "why": "w", "text": "t",
            "expect": {"below": 40}}
    Case.model_validate(good)
    with pytest.raises(ValueError, match="extra"):
        Case.model_validate({**good, "score": 3})
    with pytest.raises(ValueError, match="base"):
        Case.model_validate({**good, "expect": {"rise_at_most": 5}})
    with pytest.raises(ValueError, match="voice"):
        Case.model_validate({**good, "voice": "robot"})


def _theory_ids() -> list[Any]:
    return [pytest.param(c, id=c.id) for c in load_cases("theory")]


@pytest.fixture(scope="module")
def theory_grader(embedder: Any) -> Any:
    """The theory grader on the real sentence model with the bundled calibration."""
    from loopcoach.areas.theory.grader import TheoryGrader

    return TheoryGrader(embedder)


@pytest.mark.model
@pytest.mark.parametrize("case", _theory_ids())
def test_theory(case: Case, theory_grader: Any) -> None:
    _check(case, scorers.theory_scorer(theory_grader))
