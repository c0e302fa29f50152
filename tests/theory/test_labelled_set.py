"""The labelled answers the grader is calibrated and benchmarked on stay consistent with the bank."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from loopcoach.areas.theory.calibration import (
    MISCONCEPTION_FEATURES,
    POINT_FEATURES,
    SCORE_FEATURES,
    load_calibration,
)

from .conftest import bundled_question

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from calibrate_theory import load_labelled, split


def test_at_least_150_answers_over_12_questions_at_every_level() -> None:
    answers = load_labelled()
    assert len(answers) >= 150
    assert len({a.question_id for a in answers}) >= 12
    levels = Counter(a.level for a in answers)
    for level in ("excellent", "good", "plain", "partial", "buzzword", "wrong", "negation", "off-topic"):
        assert levels[level] >= 10, level
    assert len({a.id for a in answers}) == len(answers)


def test_labels_name_real_key_points_and_misconceptions() -> None:
    for a in load_labelled():
        q = bundled_question(a.question_id)
        assert a.covers <= {p.id for p in q.key_points}, a.id
        assert all(0 <= i < len(q.misconceptions) for i in a.misconceptions), a.id
        assert 0 <= a.grade <= 100
        assert a.text.strip()


def test_split_is_by_question_and_deterministic() -> None:
    answers = load_labelled()
    train, held = split(answers)
    assert {a.question_id for a in train}.isdisjoint({a.question_id for a in held})
    assert len({a.question_id for a in held}) >= 4
    assert [a.id for a in split(load_labelled())[1]] == [a.id for a in held]


def test_bundled_calibration_matches_the_feature_lists() -> None:
    cal = load_calibration()
    assert len(cal.point_weights) == len(POINT_FEATURES)
    assert len(cal.misconception_weights) == len(MISCONCEPTION_FEATURES)
    assert len(cal.score_weights) == len(SCORE_FEATURES)
    assert "answers" in cal.fitted_on
