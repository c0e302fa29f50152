"""Fixtures of the adversarial suite: the real STAR labeller (fitted once) and the real sentence model."""

from __future__ import annotations

import pytest

from loopcoach.areas.behavioral.dataset import training_stories
from loopcoach.areas.behavioral.labeller import StarLabeller, fit_labeller


@pytest.fixture(scope="session")
def star_labeller() -> StarLabeller:
    """The labeller fitted on the shipped training split."""
    return fit_labeller(training_stories())
