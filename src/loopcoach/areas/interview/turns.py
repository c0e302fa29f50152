"""The data the interviewer reads (what the grader measured) and what it says (a turn)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Source = Literal["rules", "model"]


@dataclass(frozen=True)
class Gap:
    """A rubric point the grader found missing, most important first in a context."""

    id: str
    text: str
    keywords: tuple[str, ...] = ()
    probe: str | None = None  # a question the content's author wrote for this gap


@dataclass(frozen=True)
class InterviewContext:
    """Everything the interviewer may use: the question, the candidate's text, the measured gaps.

    Nothing else reaches a prompt: no other user's data, no hidden facts, no
    model answer.
    """

    area: str  # theory | design
    topic: str  # the question's or the prompt's title
    answer: str  # the candidate's text so far (the answer and their replies to earlier follow-ups)
    gaps: tuple[Gap, ...] = ()
    fixed: tuple[str, ...] = ()  # the bank's own follow-ups, used when nothing else is left


@dataclass(frozen=True)
class Probe:
    """What to ask about next, chosen by the rules: a gap, or a phrase of the candidate's."""

    target: str  # a stable key: gap:<id>, metric:<name>, model:<name>, scale:<text>, claim:<n>, fixed:<n>
    kind: str  # gap | metric | model | scale | claim | fixed
    question: str  # the rule-based wording
    anchor: str  # the words the question is about (a keyword of the gap, or the candidate's phrase)
    reason: str  # why this probe, for the candidate
    related: tuple[str, ...] = ()  # other words of the same gap (plain terms, no formulas)


@dataclass(frozen=True)
class Turn:
    """One follow-up the interviewer asks."""

    question: str
    source: Source
    target: str
    kind: str
    reason: str
    note: str | None = None  # why a model reply was set aside, or why the model was not asked
    model: str | None = None  # the backend that phrased it, when source == "model"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out = asdict(self)
        out.pop("extra")
        out.update(self.extra)
        return out
