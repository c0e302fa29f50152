"""Schema of the ML theory question bank (one YAML file per question).

The format is fixed by ``brief/theory-schema.md``: a question with a topic and
difficulty, a rubric of 4-7 key points (each with >= 3 phrasings a candidate
might use), common misconceptions stated as wrong claims, a model answer with
an intuition and a concrete example, and 1-3 follow-up questions.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEBAB_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Topic = Literal[
    "fundamentals",
    "classical-models",
    "optimization",
    "deep-learning",
    "cnn-rnn",
    "transformers",
    "llms",
    "evaluation",
    "features-data",
    "probability-statistics",
    "production",
]
Difficulty = Literal["easy", "medium", "hard"]

TOPICS: tuple[Topic, ...] = get_args(Topic)
DIFFICULTIES: tuple[Difficulty, ...] = get_args(Difficulty)


def _strip_nonempty(values: list[str], what: str) -> list[str]:
    """Strip every string and reject blank ones."""
    cleaned = [v.strip() for v in values]
    if any(not v for v in cleaned):
        raise ValueError(f"{what} must not contain empty strings")
    return cleaned


class KeyPoint(BaseModel):
    """One point an interviewer listens for, with the ways a candidate may say it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=KEBAB_ID)
    text: str = Field(min_length=1)
    phrasings: list[str] = Field(min_length=3)
    keywords: list[str] = Field(default_factory=list)
    weight: float = Field(default=1.0, gt=0.0, le=5.0)

    @field_validator("phrasings")
    @classmethod
    def _phrasings_nonempty(cls, value: list[str]) -> list[str]:
        return _strip_nonempty(value, "phrasings")

    @field_validator("keywords")
    @classmethod
    def _keywords_nonempty(cls, value: list[str]) -> list[str]:
        return _strip_nonempty(value, "keywords")


class Misconception(BaseModel):
    """A wrong claim candidates make, how they say it, and the correction."""

    model_config = ConfigDict(extra="forbid")

    claim: str = Field(min_length=1)
    phrasings: list[str] = Field(min_length=1)
    correction: str = Field(min_length=1)

    @field_validator("phrasings")
    @classmethod
    def _phrasings_nonempty(cls, value: list[str]) -> list[str]:
        return _strip_nonempty(value, "phrasings")


class ModelAnswer(BaseModel):
    """The explanation a strong candidate gives, with its intuition and an example."""

    model_config = ConfigDict(extra="forbid")

    answer: str = Field(min_length=1)
    intuition: str = Field(min_length=1)
    example: str = Field(min_length=1)


class TheoryQuestion(BaseModel):
    """One ML theory interview question with its grading rubric."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=KEBAB_ID)
    title: str = Field(min_length=1)
    topic: Topic
    difficulty: Difficulty
    concepts: list[str] = Field(default_factory=list)
    key_points: list[KeyPoint] = Field(min_length=4, max_length=7)
    misconceptions: list[Misconception] = Field(min_length=1)
    model_answer: ModelAnswer
    follow_ups: list[str] = Field(min_length=1, max_length=3)

    @field_validator("concepts")
    @classmethod
    def _concepts_lower(cls, value: list[str]) -> list[str]:
        cleaned = _strip_nonempty(value, "concepts")
        return [c.lower() for c in cleaned]

    @field_validator("follow_ups")
    @classmethod
    def _follow_ups_nonempty(cls, value: list[str]) -> list[str]:
        return _strip_nonempty(value, "follow_ups")

    @model_validator(mode="after")
    def _unique_key_point_ids(self) -> TheoryQuestion:
        seen: set[str] = set()
        for point in self.key_points:
            if point.id in seen:
                raise ValueError(f"duplicate key point id {point.id!r}")
            seen.add(point.id)
        return self


__all__ = [
    "DIFFICULTIES",
    "KEBAB_ID",
    "TOPICS",
    "Difficulty",
    "KeyPoint",
    "Misconception",
    "ModelAnswer",
    "TheoryQuestion",
    "Topic",
]
