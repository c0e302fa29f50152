"""Every bundled ML theory question validates, and the bank meets its size rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from loopcoach.content.schemas.theory import TOPICS, TheoryQuestion

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "loopcoach" / "content" / "data" / "theory"
FILES = sorted(DATA_DIR.glob("*.yaml"))
REQUIRED_IDS = {
    "bias-variance-tradeoff",
    "attention-mechanism",
    "cnn-vs-rnn",
    "random-forest-vs-gradient-boosting",
    "overfitting-and-regularization",
    "precision-recall-f1",
    "gradient-descent-variants",
    "batch-normalization",
    "retrieval-augmented-generation",
    "class-imbalance",
    "cross-validation",
    "vanishing-gradients",
}


def _load(path: Path) -> TheoryQuestion:
    return TheoryQuestion.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_question_file_is_valid(path: Path) -> None:
    question = _load(path)
    assert question.id == path.stem
    words = len(question.model_answer.answer.split())
    assert 120 <= words <= 250, f"model answer has {words} words"
    phrasings = [p.lower() for kp in question.key_points for p in kp.phrasings]
    assert len(phrasings) == len(set(phrasings)), "a phrasing is repeated across key points"


def test_bank_size_and_required_ids() -> None:
    ids = {path.stem for path in FILES}
    assert len(ids) >= 120
    assert ids >= REQUIRED_IDS, sorted(REQUIRED_IDS - ids)


def test_every_topic_has_at_least_six_questions() -> None:
    topics: Counter[str] = Counter(_load(path).topic for path in FILES)
    for topic in TOPICS:
        assert topics[topic] >= 6, f"{topic} has {topics[topic]}"


def test_titles_are_unique() -> None:
    titles = Counter(_load(path).title.lower() for path in FILES)
    assert [t for t, n in titles.items() if n > 1] == []


def _valid_doc() -> dict[str, Any]:
    doc = yaml.safe_load((DATA_DIR / "bias-variance-tradeoff.yaml").read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def test_schema_rejects_unknown_field() -> None:
    doc = _valid_doc()
    doc["extra_field"] = 1
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)


def test_schema_rejects_bad_topic_and_id() -> None:
    doc = _valid_doc()
    doc["topic"] = "astrology"
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)
    doc = _valid_doc()
    doc["id"] = "Bias_Variance"
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)


def test_schema_rejects_too_few_phrasings_and_key_points() -> None:
    doc = _valid_doc()
    points = doc["key_points"]
    assert isinstance(points, list)
    points[0]["phrasings"] = ["only one", "only two"]
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)
    doc = _valid_doc()
    doc["key_points"] = doc["key_points"][:3]
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)


def test_schema_rejects_duplicate_key_point_ids() -> None:
    doc = _valid_doc()
    points = doc["key_points"]
    assert isinstance(points, list)
    points[1]["id"] = points[0]["id"]
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)


def test_schema_rejects_missing_misconceptions_and_too_many_follow_ups() -> None:
    doc = _valid_doc()
    doc["misconceptions"] = []
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)
    doc = _valid_doc()
    doc["follow_ups"] = ["a?", "b?", "c?", "d?"]
    with pytest.raises(ValidationError):
        TheoryQuestion.model_validate(doc)
