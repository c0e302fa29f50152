"""The behavioral question bank: size, every competency, what the interviewer listens for."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import ValidationError

from loopcoach.config import Settings
from loopcoach.content.loader import load_bank
from loopcoach.content.schemas.behavioral import COMPETENCIES, BehavioralQuestion


def test_bank_size_and_competencies(settings: Settings) -> None:
    items = load_bank("behavioral", settings).items
    assert len(items) >= 40
    counts = Counter(q.competency for q in items)
    assert set(counts) == set(COMPETENCIES)
    assert min(counts.values()) >= 4
    assert len({q.text for q in items}) == len(items)
    for q in items:
        assert len(q.listens_for) >= 2


def test_schema_is_strict() -> None:
    base = {"id": "x-y", "text": "Tell me about a time.", "competency": "conflict", "listens_for": ["a", "b"]}
    BehavioralQuestion.model_validate(base)
    with pytest.raises(ValidationError):
        BehavioralQuestion.model_validate({**base, "extra": 1})
    with pytest.raises(ValidationError):
        BehavioralQuestion.model_validate({**base, "competency": "charisma"})
    with pytest.raises(ValidationError):
        BehavioralQuestion.model_validate({**base, "also": ["conflict"]})
    with pytest.raises(ValidationError):
        BehavioralQuestion.model_validate({**base, "listens_for": ["only one"]})
