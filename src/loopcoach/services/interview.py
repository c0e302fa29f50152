"""The follow-up interview: grade with loopcoach's grader, then ask one follow-up at a time.

Each turn re-grades the candidate's text so far (the answer plus their
replies to earlier follow-ups) with the area's own grader, so a reply that
covers a missing point is seen at once and the next follow-up moves on.
The grader is the only judge; the interviewer (rules, optionally a model
phrasing the rules' probe) only asks. With no model configured this is
entirely rule-based and deterministic.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from loopcoach.areas.design.grader import grade_design
from loopcoach.areas.interview.contexts import design_context, theory_context
from loopcoach.areas.interview.interviewer import FollowUpInterviewer
from loopcoach.areas.interview.model import ChatModel
from loopcoach.areas.theory.rubric import rubric_from_question
from loopcoach.errors import BadInputError, EmptyInputError, TooLargeError
from loopcoach.llm.factory import describe, model_from_settings
from loopcoach.services import design, theory
from loopcoach.services.context import AppContext

AREAS = ("theory", "design")
MAX_TURNS = 8
MAX_REPLY_CHARS = 20_000
_MODELS: weakref.WeakKeyDictionary[AppContext, ChatModel | None] = weakref.WeakKeyDictionary()


def model_for(ctx: AppContext) -> ChatModel | None:
    """The context's language model (built once, so an embedded model loads once), or None."""
    if ctx not in _MODELS:
        _MODELS[ctx] = model_from_settings(ctx.settings)
    return _MODELS[ctx]


def interviewer(ctx: AppContext) -> FollowUpInterviewer:
    """The interviewer for this context's settings."""
    return FollowUpInterviewer(model_for(ctx))


def _replies(replies: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    if len(replies) > MAX_TURNS:
        raise BadInputError(f"An interview holds at most {MAX_TURNS} follow-ups; start a new one.")
    out = []
    for r in replies:
        text = str(r.get("answer", "")).strip()
        if not text:
            raise EmptyInputError("The reply to the follow-up is empty; write a few sentences.")
        if len(text) > MAX_REPLY_CHARS:
            raise TooLargeError(f"A reply is limited to {MAX_REPLY_CHARS:,} characters; shorten it.")
        out.append({"question": str(r.get("question", "")), "target": str(r.get("target", "")), "answer": text})
    return out


def _joined(answer: str, replies: Sequence[Mapping[str, str]]) -> str:
    return "\n\n".join([answer.strip(), *(r["answer"] for r in replies)])


def _asked(replies: Sequence[Mapping[str, str]]) -> list[str]:
    return [x for r in replies for x in (r["target"], r["question"]) if x]


def theory_turn(ctx: AppContext, question_id: str, answer: str, replies: Sequence[Mapping[str, str]] = (),
                *, save: bool = False) -> dict[str, Any]:
    """Grade the answer and the replies so far, and ask the next follow-up on a theory question."""
    q = theory.get_question(ctx, question_id)
    rows = _replies(replies)
    before = theory.grade(ctx, q.id, _joined(answer, rows[:-1]), save=False)[1] if rows else None
    text = _joined(answer, rows)
    _, result = theory.grade(ctx, q.id, text, save=False)
    ictx = theory_context(rubric_from_question(q), result, text)
    turn = interviewer(ctx).next_turn(ictx, _asked(rows)) if len(rows) < MAX_TURNS else None
    was = {p.id for p in before.points if p.covered} if before else set()
    if save and rows:
        last = rows[-1]
        ctx.store.add_attempt("theory", q.id, last["answer"], {"follow_up": last["question"]}, None,
                              meta={"mode": "follow_up", "question": last["question"]})
    return {
        "area": "theory", "id": q.id, "title": q.title, "score": result.score,
        "covered": [p.text for p in result.points if p.covered],
        "missing": [g.text for g in ictx.gaps],
        "newly_covered": [p.text for p in result.points if p.covered and p.id not in was] if before else [],
        "turn": turn.to_dict() if turn else None,
        "turns": len(rows),
        "model": describe(ctx.settings),
    }


def design_turn(ctx: AppContext, prompt_id: str, notes: str, replies: Sequence[Mapping[str, str]] = ()
                ) -> dict[str, Any]:
    """Grade the design notes and the replies so far, and ask the next follow-up probe."""
    p = design.get_prompt(ctx, prompt_id)
    rows = _replies(replies)
    text = _joined(notes, rows)
    graded = grade_design(p, text, ctx.embedder)
    ictx = design_context(graded, text)
    turn = interviewer(ctx).next_turn(ictx, _asked(rows)) if len(rows) < MAX_TURNS else None
    return {
        "area": "design", "id": p.id, "title": p.title, "score": graded.score,
        "steps": [{"id": s.id, "covered": s.covered, "missing": s.missing[:3]} for s in graded.steps],
        "turn": turn.to_dict() if turn else None,
        "turns": len(rows),
        "model": describe(ctx.settings),
    }
