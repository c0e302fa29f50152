"""Schema of the ML system design prompt bank (one YAML file per prompt).

A prompt is what an interviewer says ("Design a system to detect hate
speech..."), the facts the interviewer keeps hidden until asked (each tagged
with the intent of the question that reveals it and example phrasings of that
question), and, for each of the seven framework steps, the key points the
interviewer listens for (with the phrasings and keywords a candidate may use)
and the follow-up probes asked when the step is thin. Pitfalls and a reference
outline complete the item; the outline is shown only after grading.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEBAB_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SNAKE_ID = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"

StepId = Literal[
    "clarify",
    "high_level_design",
    "data",
    "features",
    "model",
    "training_evaluation",
    "deployment_monitoring",
]
#: The seven steps of the framework, in the order a candidate walks them.
STEP_IDS: tuple[StepId, ...] = get_args(StepId)  # the contract's order

Category = Literal[
    "moderation",
    "recommendation",
    "ranking_search",
    "ads",
    "fraud_risk",
    "forecasting",
    "vision",
    "llm_apps",
]
CATEGORIES: tuple[str, ...] = get_args(Category)

FactIntent = Literal[
    "scale",
    "traffic",
    "latency",
    "data",
    "labels",
    "business_goal",
    "success_metrics",
    "constraints",
    "privacy",
    "languages",
    "freshness",
    "cold_start",
    "compute",
    "existing_system",
    "users",
    "feedback",
    "fairness",
]
#: Every intent a clarifying question can have, in a stable order.
FACT_INTENTS: tuple[str, ...] = get_args(FactIntent)


def _clean(values: list[str], what: str) -> list[str]:
    """Strip every string and reject blank ones or duplicates."""
    cleaned = [v.strip() for v in values]
    if any(not v for v in cleaned):
        raise ValueError(f"{what} must not contain empty strings")
    if len({v.lower() for v in cleaned}) != len(cleaned):
        raise ValueError(f"{what} must not repeat an entry")
    return cleaned


class HiddenFact(BaseModel):
    """A fact the interviewer reveals only when a question with its intent is asked."""

    model_config = ConfigDict(extra="forbid")

    intent: FactIntent
    answer: str = Field(min_length=10, description="What the interviewer says, in full sentences.")
    phrasings: list[str] = Field(min_length=2, description="Ways a candidate may ask for this fact.")
    keywords: list[str] = Field(default_factory=list, description="Words that point at this intent here.")

    @field_validator("phrasings", "keywords")
    @classmethod
    def _nonblank(cls, v: list[str]) -> list[str]:
        return _clean(v, "phrasings and keywords")


class KeyPoint(BaseModel):
    """One thing the interviewer expects to hear in a step, and how a candidate may say it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SNAKE_ID)
    text: str = Field(min_length=8, description="The point, stated as the interviewer would note it.")
    phrasings: list[str] = Field(min_length=2, description="Sentences or phrases that express the point.")
    keywords: list[str] = Field(
        default_factory=list, description="Terms whose mention alone is strong evidence for the point."
    )
    weight: float = Field(default=1.0, ge=0.25, le=3.0)
    probe: str | None = Field(default=None, description="Follow-up asked when the point is missing.")

    @field_validator("phrasings", "keywords")
    @classmethod
    def _nonblank(cls, v: list[str]) -> list[str]:
        return _clean(v, "phrasings and keywords")


class DesignStep(BaseModel):
    """The prompt-specific expectations for one framework step."""

    model_config = ConfigDict(extra="forbid")

    id: StepId
    key_points: list[KeyPoint] = Field(min_length=1)
    follow_ups: list[str] = Field(min_length=1, description="Probes an interviewer asks about this step.")

    @field_validator("follow_ups")
    @classmethod
    def _nonblank(cls, v: list[str]) -> list[str]:
        return _clean(v, "follow_ups")

    @model_validator(mode="after")
    def _unique_points(self) -> DesignStep:
        ids = [k.id for k in self.key_points]
        if len(set(ids)) != len(ids):
            raise ValueError(f"key point ids repeat in step {self.id}")
        return self


class DesignPrompt(BaseModel):
    """One ML system design prompt with its hidden facts, expectations and reference."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=KEBAB_ID)
    title: str = Field(min_length=5)
    category: Category
    difficulty: Literal["medium", "hard"] = "medium"
    prompt: str = Field(min_length=20, description="The vague prompt, as an interviewer says it.")
    facts: list[HiddenFact] = Field(min_length=5)
    up_to_candidate: list[str] = Field(
        default_factory=list,
        description="Topics the interviewer deliberately leaves to the candidate (said plainly when asked).",
    )
    steps: list[DesignStep]
    pitfalls: list[str] = Field(min_length=3)
    reference_outline: str = Field(min_length=200)

    @field_validator("pitfalls", "up_to_candidate")
    @classmethod
    def _nonblank(cls, v: list[str]) -> list[str]:
        return _clean(v, "pitfalls and up_to_candidate")

    @model_validator(mode="after")
    def _shape(self) -> DesignPrompt:
        got = tuple(s.id for s in self.steps)
        if got != STEP_IDS:
            raise ValueError("steps must list all seven framework steps in order: " + ", ".join(STEP_IDS))
        intents = [f.intent for f in self.facts]
        if len(set(intents)) != len(intents):
            raise ValueError("each fact intent may appear only once")
        for needed in ("scale", "latency", "data", "success_metrics"):
            if needed not in intents:
                raise ValueError(f"facts must include the {needed!r} intent")
        return self

    def step(self, step_id: str) -> DesignStep:
        """Return the step with this id (all seven always exist)."""
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def fact(self, intent: str) -> HiddenFact | None:
        """Return the fact with this intent, or None when the prompt leaves it open."""
        for f in self.facts:
            if f.intent == intent:
                return f
        return None
