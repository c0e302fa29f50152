"""Schema of the behavioral question bank (one YAML file per question).

A question is tagged with one primary competency (the contract's
``competency``) and optionally others it also probes; it says what the
interviewer listens for and may carry follow-up questions and a
``kind``: ``story`` questions want a STAR story, ``motivation`` questions
(why this company, why this role) want a short reasoned answer instead.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEBAB_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Competency = Literal[
    "ownership",
    "conflict",
    "failure",
    "ambiguity",
    "leadership-influence",
    "impact",
    "collaboration",
    "learning",
    "customer-focus",
    "motivation",
]
COMPETENCIES: tuple[Competency, ...] = get_args(Competency)
COMPETENCY_NAMES: dict[str, str] = {
    "ownership": "Ownership",
    "conflict": "Conflict",
    "failure": "Failure",
    "ambiguity": "Ambiguity",
    "leadership-influence": "Leadership and influence",
    "impact": "Impact",
    "collaboration": "Collaboration",
    "learning": "Learning",
    "customer-focus": "Customer focus",
    "motivation": "Motivation",
}


class BehavioralQuestion(BaseModel):
    """A behavioral question, its competencies and what a good answer shows."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=KEBAB_ID)
    text: str = Field(min_length=10)
    competency: Competency
    also: list[Competency] = Field(default_factory=list)
    kind: Literal["story", "motivation"] = "story"
    listens_for: list[str] = Field(min_length=2)
    follow_ups: list[str] = Field(default_factory=list)

    @field_validator("listens_for", "follow_ups")
    @classmethod
    def _nonempty(cls, values: list[str]) -> list[str]:
        cleaned = [v.strip() for v in values]
        if any(not v for v in cleaned):
            raise ValueError("must not contain empty strings")
        return cleaned

    @model_validator(mode="after")
    def _also_differs(self) -> BehavioralQuestion:
        if self.competency in self.also:
            raise ValueError("'also' must not repeat the primary competency")
        return self

    @property
    def competencies(self) -> list[str]:
        """The primary competency first, then the others."""
        return [self.competency, *self.also]
