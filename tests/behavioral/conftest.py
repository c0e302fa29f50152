"""Fixtures of the behavioral tests: the real STAR labeller fitted on the training split, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopcoach.areas.behavioral.dataset import LabelledStory, parse_stories, training_stories
from loopcoach.areas.behavioral.labeller import StarLabeller, fit_labeller

HELDOUT = Path(__file__).resolve().parent.parent / "data" / "star" / "heldout.yaml"


@pytest.fixture(scope="session")
def labeller() -> StarLabeller:
    """The labeller fitted on the shipped training split."""
    return fit_labeller(training_stories())


@pytest.fixture(scope="session")
def heldout() -> list[LabelledStory]:
    """The held-out stories (for data checks only; accuracy lives in benchmarks/behavioral_star.py)."""
    return parse_stories(HELDOUT.read_text(encoding="utf-8"), HELDOUT.name)
