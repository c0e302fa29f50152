"""Fixtures of the theory tests: the real grader on the real embedding model and bundled rubrics."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from loopcoach.areas.theory.grader import TheoryGrader
from loopcoach.areas.theory.rubric import Rubric, rubric_from_question
from loopcoach.content.schemas.theory import TheoryQuestion


def bundled_question(question_id: str) -> TheoryQuestion:
    """A bundled question read straight from package data."""
    ref = resources.files("loopcoach.content").joinpath(f"data/theory/{question_id}.yaml")
    return TheoryQuestion.model_validate(yaml.safe_load(ref.read_text("utf-8")))


@pytest.fixture(scope="session")
def grader(embedder: Any) -> TheoryGrader:
    """The grader with the bundled calibration."""
    return TheoryGrader(embedder)


@pytest.fixture(scope="session")
def bvt() -> Rubric:
    """The bias-variance rubric."""
    return rubric_from_question(bundled_question("bias-variance-tradeoff"))
