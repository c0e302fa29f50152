"""Grade an ML system design answer against the seven-step framework and one prompt.

Input: the prompt, the candidate's notes (Markdown) and, for a live session,
the clarifying questions asked in the chat (with the notes' length at the time
of asking). Output: per-step coverage with evidence and missing points, four
checks (clarified first, baseline first, offline and online metrics,
tradeoffs), follow-up probes chosen from the gaps, an overall 0-100 score and
a hire / no-hire rubric with reasons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loopcoach.areas.design.calibration import Calibration, load_calibration
from loopcoach.areas.design.checks import run_checks
from loopcoach.areas.design.framework import STEP_TITLES, STEP_WEIGHTS, generic_points
from loopcoach.areas.design.matching import (
    EmbedderLike,
    EncodedSentences,
    PointMatch,
    Sentence,
    mark_keyword_dumps,
    match_points,
)
from loopcoach.areas.design.notes import Unit, parse_notes
from loopcoach.areas.design.report import Check, DesignGrade, StepResult, build_feedback, build_follow_ups
from loopcoach.areas.design.rubric import rubric_for
from loopcoach.content.schemas.design import STEP_IDS, DesignPrompt
from loopcoach.errors import EmptyInputError, TooLargeError

MAX_NOTES_CHARS = 60_000
_CLARIFY_CUE = re.compile(
    r"\b(assum\w*|clarif\w*|ask\w*|requirement\w*|constraint\w*|scope|question\w*|goal)\b|\?\s*$", re.I
)
#: Which generic clarify point a question of each intent shows.
INTENT_TO_POINT: dict[str, str] = {
    "scale": "scale", "traffic": "scale", "users": "scale",
    "latency": "latency",
    "success_metrics": "success_metric", "business_goal": "success_metric",
    "data": "data_available", "labels": "data_available", "feedback": "data_available",
    "privacy": "constraints", "constraints": "constraints", "languages": "constraints",
    "compute": "constraints", "fairness": "constraints", "freshness": "latency",
    "cold_start": "data_available", "existing_system": "constraints",
}


@dataclass(frozen=True)
class AskedQuestion:
    """A clarifying question from the chat, with its detected intent and the notes' length when asked."""

    text: str
    intent: str | None = None
    notes_words: int = 0


@dataclass
class _Context:
    prompt: DesignPrompt
    sentences: list[Sentence]
    questions: list[AskedQuestion] = field(default_factory=list)


def _clarify_zone(sentences: Sequence[Sentence]) -> list[int]:
    notes = [s for s in sentences if s.source == "notes"]
    has_sections = any(s.section is not None for s in notes)
    zone: list[int] = []
    first_design = min(
        (s.position for s in notes if s.section not in (None, "clarify")), default=10**9
    )
    for i, s in enumerate(sentences):
        if s.source == "question" or s.section == "clarify" or (has_sections and s.position < first_design and s.text.rstrip().endswith("?")) or (not has_sections and _CLARIFY_CUE.search(s.text)):
            zone.append(i)
    return zone


def _step_score(matches: Sequence[PointMatch], cal: Calibration) -> tuple[float, float]:
    total = sum(m.point.weight for m in matches)
    got = sum(m.point.weight * m.credit for m in matches)
    coverage = got / total if total else 0.0
    return coverage, min(1.0, coverage / cal.full_credit)


def grade_design(
    prompt: DesignPrompt,
    notes: str,
    embedder: EmbedderLike | None,
    questions: Sequence[AskedQuestion] = (),
    calibration: Calibration | None = None,
) -> DesignGrade:
    """Grade notes (and chat questions) for a prompt; raises EmptyInputError for blank notes."""
    cal = calibration or load_calibration()
    if not notes or not notes.strip():
        raise EmptyInputError("The design notes are empty: write your design before asking for a grade.")
    if len(notes) > MAX_NOTES_CHARS:
        raise TooLargeError(
            f"The design notes are {len(notes):,} characters long; the grader accepts up to {MAX_NOTES_CHARS:,}."
        )
    units = _distinct(parse_notes(notes))
    if not units:
        raise EmptyInputError("The design notes hold no sentences to grade.")
    sentences = [Sentence(q.text, -1 - i, "clarify", "question") for i, q in enumerate(questions)]
    sentences += [Sentence(u.text, u.position, u.section, "notes", u.flow) for u in units]
    encoded = EncodedSentences(sentences, embedder)
    mark_keyword_dumps(encoded, [p for step_id in STEP_IDS
                                 for p in (*generic_points(step_id), *prompt.step(step_id).key_points)])
    notes_idx = [i for i, s in enumerate(sentences) if s.source == "notes"]
    clarify_idx = _clarify_zone(sentences)

    all_matches: dict[str, list[PointMatch]] = {}
    steps: list[StepResult] = []
    for step_id in STEP_IDS:
        generic = generic_points(step_id)
        specific = prompt.step(step_id).key_points
        allowed = clarify_idx if step_id == "clarify" else notes_idx
        matches = match_points(
            step_id, [*generic, *specific], encoded, allowed, embedder, cal,
            generic_ids=frozenset(p.id for p in generic),
        )
        if step_id == "clarify":
            matches = _credit_question_intents(matches, questions)
        elif step_id == "high_level_design":
            matches = _credit_flow(matches, sentences)
        all_matches[step_id] = matches
        coverage, score = _step_score(matches, cal)
        credited = sum(1 for m in matches if m.credit > 0)
        steps.append(StepResult(
            id=step_id, title=STEP_TITLES[step_id],
            covered=coverage >= cal.threshold_for(step_id) and credited >= min(cal.min_points, len(matches)),
            coverage=coverage, score=score, matches=matches,
        ))

    # a keyword dump names a baseline or a tradeoff without discussing it: the checks do not read it
    check_tokens = [[] if encoded.dump[i] else t for i, t in enumerate(encoded.tokens)]
    checks: list[Check] = run_checks(sentences, check_tokens, all_matches, questions)
    buzz_share = sum(encoded.buzz[i] for i in notes_idx) / max(1, len(notes_idx))
    weighted = sum(STEP_WEIGHTS[s.id] * s.score for s in steps) / sum(STEP_WEIGHTS.values())
    passed = sum(c.passed for c in checks) / len(checks)
    raw = 100.0 * (0.75 * weighted + 0.25 * passed) - 40.0 * max(0.0, buzz_share - 0.1)
    score = round(max(0.0, min(100.0, _mapped(raw, cal))))
    rubric, recommendation = rubric_for(steps, checks, buzz_share, len(notes_idx), score)
    return DesignGrade(
        prompt_id=prompt.id, title=prompt.title, score=score, steps=steps, checks=checks,
        follow_ups=build_follow_ups(prompt, steps), feedback=build_feedback(steps, checks, buzz_share),
        rubric=rubric, recommendation=recommendation, buzzword_share=round(buzz_share, 3),
        reference_outline=prompt.reference_outline,
    )


def _mapped(raw: float, cal: Calibration) -> float:
    """The fitted line offset + scale * raw, run linearly down to 0 below the knee (so empty notes score 0)."""
    line = cal.score_offset + cal.score_scale * raw
    if cal.score_knee > 0 and raw < cal.score_knee:
        return max(0.0, raw) / cal.score_knee * (cal.score_offset + cal.score_scale * cal.score_knee)
    return line


def _distinct(units: list[Unit]) -> list[Unit]:
    """Drop sentences repeated word for word: a pasted sentence is evidence once."""
    seen: set[str] = set()
    out: list[Unit] = []
    for u in units:
        key = " ".join(u.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(u)
    return out


def _credit_flow(matches: list[PointMatch], sentences: Sequence[Sentence]) -> list[PointMatch]:
    """A drawn diagram or a written chain of components ("a -> b -> c") shows the end-to-end flow."""
    flow = next((s for s in sentences if s.flow), None)
    out: list[PointMatch] = []
    for m in matches:
        if m.point.id == "pipeline_flow" and m.credit < 1.0 and flow is not None:
            m = PointMatch(m.step, m.point, 1.0, 1.0, "diagram", flow.text, flow.position, True)
        out.append(m)
    return out


def _credit_question_intents(matches: list[PointMatch], questions: Sequence[AskedQuestion]) -> list[PointMatch]:
    """A chat question whose intent was recognised covers the matching generic clarify point."""
    out: list[PointMatch] = []
    for m in matches:
        if m.credit < 1.0 and m.generic:
            q = next((q for q in questions if q.intent and INTENT_TO_POINT.get(q.intent) == m.point.id), None)
            if q is not None:
                m = PointMatch(m.step, m.point, 1.0, 1.0, "question", q.text, -1, True)
        out.append(m)
    return out
