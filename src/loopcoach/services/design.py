"""ML system design use cases: list and show prompts, ask the interviewer, grade notes, timed sessions.

A session is a row of the store's ``mock_sessions`` (kind ``"design"``) whose
state holds the prompt id, the start time and duration, every question with
the interviewer's reply and the notes' length when it was asked, the notes
(saved as the user types) and, once finished, the grade. Every grade is also
recorded as an attempt (area ``"design"``).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from loopcoach.areas.design.grader import AskedQuestion, grade_design
from loopcoach.areas.design.interviewer import Interviewer
from loopcoach.content.schemas.design import DesignPrompt
from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext

KIND = "design"
DEFAULT_MINUTES = 45
MAX_NOTES_CHARS = 60_000
MAX_QUESTIONS = 80
# Asking, saving notes and finishing each read, change and write the session state; the lock keeps a
# question posted while the notes autosave from overwriting one with the other (one server process).
_STATE_LOCK = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def get_prompt(ctx: AppContext, prompt_id: str) -> DesignPrompt:
    """The prompt with this id; NotFoundError (one sentence) for an unknown id."""
    bank = ctx.content("design")
    if prompt_id not in bank:
        raise NotFoundError(
            f"There is no design prompt '{prompt_id}'; run 'loopcoach design list' to see the ids."
        )
    prompt: DesignPrompt = bank.get(prompt_id)
    return prompt


def list_prompts(ctx: AppContext) -> dict[str, Any]:
    """The contract's listing: ``{"prompts": [{"id", "title"}]}`` plus category and difficulty."""
    items: list[DesignPrompt] = ctx.content("design").items
    return {"prompts": [{"id": p.id, "title": p.title, "category": p.category, "difficulty": p.difficulty}
                        for p in items]}


def show_prompt(ctx: AppContext, prompt_id: str, reveal: bool = False) -> dict[str, Any]:
    """What the candidate may see before the interview; with ``reveal`` also the reference outline and pitfalls."""
    p = get_prompt(ctx, prompt_id)
    out: dict[str, Any] = {"id": p.id, "title": p.title, "category": p.category, "difficulty": p.difficulty,
                           "prompt": p.prompt, "minutes": DEFAULT_MINUTES}
    if reveal:
        out["reference_outline"] = p.reference_outline
        out["pitfalls"] = list(p.pitfalls)
    return out


def ask(ctx: AppContext, prompt_id: str, question: str) -> dict[str, Any]:
    """The interviewer's replies to one (possibly compound) clarifying question."""
    p = get_prompt(ctx, prompt_id)
    replies = Interviewer(p, ctx.embedder).answer(question)
    return {"prompt_id": p.id, "question": question.strip(), "replies": [r.to_dict() for r in replies]}


def _check_notes(notes: str) -> str:
    if notes is None or not notes.strip():
        raise EmptyInputError("The design notes are empty: write your design before asking for a grade.")
    if len(notes) > MAX_NOTES_CHARS:
        raise TooLargeError(
            f"The design notes are {len(notes):,} characters long; the limit is {MAX_NOTES_CHARS:,}."
        )
    return notes


def grade(ctx: AppContext, prompt_id: str, notes: str, questions: list[AskedQuestion] | None = None,
          record: bool = True, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Grade notes for a prompt (the ``design grade`` contract) and record the attempt."""
    p = get_prompt(ctx, prompt_id)
    _check_notes(notes)
    started = _now()
    result = grade_design(p, notes, ctx.embedder, questions or ()).to_dict()
    if record:
        ctx.store.add_attempt(KIND, p.id, notes, result, int(result["score"]), started_at=started,
                              meta=meta or {})
    return result


# ------------------------------------------------------------------ sessions
def start_session(ctx: AppContext, prompt_id: str, minutes: int = DEFAULT_MINUTES) -> int:
    """Open a timed session on a prompt; returns its id."""
    p = get_prompt(ctx, prompt_id)
    if not 5 <= minutes <= 180:
        raise BadInputError("A design session lasts between 5 and 180 minutes.")
    state = {"prompt_id": p.id, "minutes": minutes, "started_at": _now(), "questions": [], "notes": "",
             "notes_saved_at": None, "grade": None}
    return ctx.store.create_session(KIND, state)


def get_session(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """A design session's id, status and state; NotFoundError for another kind or an unknown id."""
    s = ctx.store.get_session(session_id)
    if s.kind != KIND:
        raise NotFoundError(f"There is no design session number {session_id}.")
    return {"id": s.id, "status": s.status, "state": s.state, "created_at": s.created_at,
            "finished_at": s.finished_at}


def _active(ctx: AppContext, session_id: int) -> dict[str, Any]:
    s = get_session(ctx, session_id)
    if s["status"] != "active":
        raise BadInputError("This design session is finished; start a new one to keep practising.")
    return s


def session_ask(ctx: AppContext, session_id: int, question: str) -> list[dict[str, Any]]:
    """Ask the interviewer within a session; the exchange is stored with the notes' length at that moment."""
    s = _active(ctx, session_id)
    if len(s["state"]["questions"]) >= MAX_QUESTIONS:
        raise BadInputError(f"A session holds at most {MAX_QUESTIONS} questions; time to design.")
    p = get_prompt(ctx, s["state"]["prompt_id"])
    replies = Interviewer(p, ctx.embedder).answer(question)
    with _STATE_LOCK:
        state = _active(ctx, session_id)["state"]
        words = len(state.get("notes", "").split())
        entries = [{"text": question.strip(), "part": r.question, "reply": r.text, "kind": r.kind,
                    "intent": r.intent, "notes_words": words, "at": _now()} for r in replies]
        state["questions"].extend(entries)
        ctx.store.update_session(session_id, state=state)
    return entries


def save_notes(ctx: AppContext, session_id: int, notes: str) -> dict[str, Any]:
    """Save the notes as typed (empty notes are allowed while writing)."""
    if len(notes) > MAX_NOTES_CHARS:
        raise TooLargeError(f"The notes are {len(notes):,} characters long; the limit is {MAX_NOTES_CHARS:,}.")
    with _STATE_LOCK:
        state = _active(ctx, session_id)["state"]
        state["notes"] = notes
        state["notes_saved_at"] = _now()
        ctx.store.update_session(session_id, state=state)
    return {"saved_at": state["notes_saved_at"], "words": len(notes.split())}


def finish_session(ctx: AppContext, session_id: int, notes: str | None = None) -> dict[str, Any]:
    """Grade the session's notes and questions, store the grade and close the session."""
    s = _active(ctx, session_id)
    state = s["state"]
    if notes is not None:
        state["notes"] = notes
    _check_notes(state.get("notes", ""))
    asked = [AskedQuestion(q.get("part") or q["text"], q.get("intent"), int(q.get("notes_words", 0)))
             for q in state["questions"]]
    result = grade(ctx, state["prompt_id"], state["notes"], asked,
                   meta={"session_id": session_id, "questions": len(asked)})
    state["grade"] = result
    state["finished_at"] = _now()
    ctx.store.update_session(session_id, state=state, status="finished", finished=True)
    return result


def recent_sessions(ctx: AppContext, limit: int = 10) -> list[dict[str, Any]]:
    """The latest design sessions, newest first, with prompt title and score when graded."""
    titles = {p["id"]: p["title"] for p in list_prompts(ctx)["prompts"]}
    out = []
    for s in ctx.store.list_sessions(KIND, limit=limit):
        g = s.state.get("grade") or {}
        out.append({"id": s.id, "status": s.status, "prompt_id": s.state.get("prompt_id"),
                    "title": titles.get(s.state.get("prompt_id", ""), s.state.get("prompt_id")),
                    "created_at": s.created_at, "score": g.get("score")})
    return out
