"""The design bank: every prompt validates, required ids and categories exist, the schema refuses bad items."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from loopcoach.content.schemas.design import CATEGORIES, STEP_IDS, DesignPrompt

from .design_labelled import PROMPTS, load_cases


def _raw(name: str = "hate-speech-detection") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PROMPTS / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def test_bank_size_required_ids_and_categories(prompts: dict[str, DesignPrompt]) -> None:
    assert len(prompts) >= 15
    for required in ("hate-speech-detection", "video-recommendations", "restaurant-recommendations"):
        assert required in prompts
    assert {p.category for p in prompts.values()} == set(CATEGORIES)
    rag = [p for p in prompts.values() if p.category == "llm_apps" and "rag" in p.id]
    assert rag, "the bank needs a RAG support assistant prompt"


@pytest.mark.parametrize("path", sorted(PROMPTS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_prompt_file(path: Any) -> None:
    p = DesignPrompt.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert p.id == path.stem
    assert tuple(s.id for s in p.steps) == STEP_IDS
    assert all(s.follow_ups for s in p.steps)
    assert len(p.facts) >= 6
    for fact in p.facts:
        assert len(fact.phrasings) >= 2


def test_schema_refuses_unknown_field() -> None:
    raw = _raw()
    raw["hints"] = ["x"]
    with pytest.raises(ValidationError, match="hints"):
        DesignPrompt.model_validate(raw)


def test_schema_refuses_missing_or_reordered_steps() -> None:
    raw = _raw()
    swapped = copy.deepcopy(raw)
    swapped["steps"][0], swapped["steps"][1] = swapped["steps"][1], swapped["steps"][0]
    with pytest.raises(ValidationError, match="seven framework steps in order"):
        DesignPrompt.model_validate(swapped)
    short = copy.deepcopy(raw)
    short["steps"] = short["steps"][:6]
    with pytest.raises(ValidationError):
        DesignPrompt.model_validate(short)


def test_schema_requires_core_fact_intents_once() -> None:
    raw = _raw()
    no_latency = copy.deepcopy(raw)
    no_latency["facts"] = [f for f in raw["facts"] if f["intent"] != "latency"]
    with pytest.raises(ValidationError, match="latency"):
        DesignPrompt.model_validate(no_latency)
    dup = copy.deepcopy(raw)
    dup["facts"].append(copy.deepcopy(raw["facts"][0]))
    with pytest.raises(ValidationError, match="only once"):
        DesignPrompt.model_validate(dup)


def test_labelled_answers_are_well_formed(prompts: dict[str, DesignPrompt]) -> None:
    cases = load_cases()
    assert len(cases) >= 40
    assert {c.split for c in cases} == {"train", "test"}
    for c in cases:
        assert c.prompt_id in prompts, c.name
        assert 0 <= c.grade <= 100
        assert c.answer.strip()
    kinds = {c.kind for c in cases}
    assert {"complete", "deep_model_jump", "no_monitoring", "buzzwords", "skips_data"} <= kinds
    # held-out prompts never appear in training answers
    test_prompts = {c.prompt_id for c in cases if c.split == "test"}
    assert not test_prompts & {c.prompt_id for c in cases if c.split == "train"}
