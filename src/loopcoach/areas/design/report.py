"""Result types of a design grade, the follow-up probes and the feedback sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from loopcoach.areas.design.framework import STEP_TITLES
from loopcoach.areas.design.matching import PointMatch
from loopcoach.content.schemas.design import DesignPrompt

MAX_FOLLOW_UPS = 5


@dataclass(frozen=True)
class Check:
    """One interviewer check (clarified_first, baseline_first, offline_online_metrics, tradeoffs)."""

    id: str
    passed: bool
    message: str


@dataclass
class StepResult:
    """Coverage of one framework step."""

    id: str
    title: str
    covered: bool
    coverage: float
    score: float
    matches: list[PointMatch]

    @property
    def missing(self) -> list[str]:
        """Key points not covered, most important first."""
        gaps = [m for m in self.matches if m.credit < 1.0]
        return [m.point.text for m in sorted(gaps, key=lambda m: -m.point.weight)]

    def to_dict(self) -> dict[str, Any]:
        """Contract fields (id, covered, score, missing) plus title, coverage and evidence."""
        return {
            "id": self.id,
            "title": self.title,
            "covered": self.covered,
            "score": round(self.score, 3),
            "coverage": round(self.coverage, 3),
            "missing": self.missing,
            "evidence": [
                {"point": m.point.text, "sentence": m.evidence, "how": m.how, "credit": m.credit}
                for m in self.matches if m.credit > 0
            ],
        }


@dataclass
class RubricLine:
    """One rubric dimension on the hire / no-hire scale, with its reasons."""

    id: str
    title: str
    score: float
    level: str
    reasons: list[str]


@dataclass
class DesignGrade:
    """Everything the grader found about one answer."""

    prompt_id: str
    title: str
    score: int
    steps: list[StepResult]
    checks: list[Check]
    follow_ups: list[str]
    feedback: list[str]
    rubric: list[RubricLine]
    recommendation: str
    buzzword_share: float
    reference_outline: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The ``loopcoach design grade --json`` object."""
        return {
            "prompt_id": self.prompt_id,
            "title": self.title,
            "score": self.score,
            "steps": [s.to_dict() for s in self.steps],
            "checks": [{"id": c.id, "passed": c.passed, "message": c.message} for c in self.checks],
            "follow_ups": self.follow_ups,
            "feedback": self.feedback,
            "rubric": [
                {"id": r.id, "title": r.title, "score": round(r.score, 3), "level": r.level, "reasons": r.reasons}
                for r in self.rubric
            ],
            "recommendation": self.recommendation,
            "buzzword_share": self.buzzword_share,
            "reference_outline": self.reference_outline,
        }


def build_follow_ups(prompt: DesignPrompt, steps: Sequence[StepResult]) -> list[str]:
    """Pick probes for the weakest steps: a missing point's own probe, else the prompt's step follow-ups."""
    chosen: list[str] = []
    for step in sorted(steps, key=lambda s: s.score):
        per_step = 0
        gaps = sorted((m for m in step.matches if m.credit < 1.0), key=lambda m: -m.point.weight)
        pool = [m.point.probe for m in gaps if m.point.probe]
        if gaps:
            pool += prompt.step(step.id).follow_ups
        for q in pool:
            if q not in chosen and per_step < 2 and len(chosen) < MAX_FOLLOW_UPS:
                chosen.append(q)
                per_step += 1
    if not chosen:  # everything covered: an interviewer still digs into the weakest step
        weakest = min(steps, key=lambda s: s.score)
        chosen = list(prompt.step(weakest.id).follow_ups[:2])
    return chosen


def build_feedback(steps: Sequence[StepResult], checks: Sequence[Check], buzz_share: float) -> list[str]:
    """Short, specific sentences: failed checks first, then the steps that are thin."""
    out: list[str] = []
    if buzz_share > 0.1:
        out.append(
            f"{round(buzz_share * 100)}% of your sentences list tools or model names without a reason; "
            "say why each choice fits this problem."
        )
    out += [c.message for c in checks if not c.passed]
    for s in sorted(steps, key=lambda s: s.score):
        if s.covered and s.score >= 0.99:
            continue
        missing = s.missing[:2]
        if not missing:
            continue
        lead = f"{STEP_TITLES[s.id]} is thin" if not s.covered else f"{STEP_TITLES[s.id]} could go further"
        out.append(f"{lead}: " + "; ".join(m.rstrip(".") for m in missing) + ".")
    return out[:8]
