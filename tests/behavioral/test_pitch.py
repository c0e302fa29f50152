"""The recruiter pitch: two minutes, project, own contribution, outcome, metric."""

from __future__ import annotations

import pytest

from loopcoach.areas.behavioral.labeller import StarLabeller
from loopcoach.areas.behavioral.pitch import analyse_pitch
from loopcoach.errors import EmptyInputError

GOOD = (
    "My best project is a fraud detection service for a payments startup. "
    "Fraud losses were growing every month and the old rules caught only half of the attacks. "
    "I designed the feature pipeline and trained a gradient boosted model on two years of transactions. "
    "I also built the real-time scoring API and moved it into the checkout path with a safe fallback. "
    "As a result, fraud losses fell by 38 percent in the first quarter while false declines stayed flat. "
    "I really enjoyed working across data, modelling and serving, and I am proud that it is still in production."
)


def test_good_pitch_covers_everything(labeller: StarLabeller) -> None:
    d = analyse_pitch(GOOD, labeller).to_dict()
    assert list(d)[:6] == ["words", "speaking_seconds", "within_two_minutes", "covers", "score", "feedback"]
    assert d["covers"] == {"project": True, "own_contribution": True, "outcome": True, "metric": True}
    assert d["within_two_minutes"] is True
    assert d["speaking_seconds"] == round(d["words"] * 0.4, 1)
    assert d["score"] >= 75


def test_missing_metric_and_contribution(labeller: StarLabeller) -> None:
    text = ("We worked on a recommendation system for an online shop. "
            "We collected data and trained several models together. Customers liked it a lot.")
    d = analyse_pitch(text, labeller).to_dict()
    assert d["covers"]["metric"] is False
    assert d["covers"]["own_contribution"] is False
    assert any("number" in f for f in d["feedback"])
    assert any("yourself" in f for f in d["feedback"])
    assert d["score"] < analyse_pitch(GOOD, labeller).score


def test_over_two_minutes(labeller: StarLabeller) -> None:
    long_text = " ".join([GOOD] * 4)  # about 400 words
    d = analyse_pitch(long_text, labeller).to_dict()
    assert d["speaking_seconds"] > 120 and d["within_two_minutes"] is False
    assert "over two minutes" in d["feedback"][0]


def test_empty_pitch(labeller: StarLabeller) -> None:
    with pytest.raises(EmptyInputError):
        analyse_pitch(" \n ", labeller)


def test_labelled_pitches_regression(labeller: StarLabeller) -> None:
    """Guard against regressions on the labelled pitches (figures: benchmarks/behavioral_pitch.py)."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parent.parent / "data" / "star" / "pitches.yaml"
    pitches = yaml.safe_load(path.read_text(encoding="utf-8"))["pitches"]
    assert len({p["id"] for p in pitches}) == len(pitches) >= 25
    keys = ("project", "own_contribution", "outcome", "metric")
    right = sum(analyse_pitch(p["text"], labeller).covers[k] == p["covers"][k] for p in pitches for k in keys)
    assert right / (len(pitches) * len(keys)) >= 0.9
