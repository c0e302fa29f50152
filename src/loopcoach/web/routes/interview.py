"""The follow-up interviewer in the web app: one turn per post, the conversation carried in the form.

``POST /interview/theory`` (question id and the graded answer) and
``POST /interview/design/{session_id}`` (a finished session's notes) return
the thread with the next follow-up (htmx swaps it in place; without
JavaScript the same form gets a full page). Every post re-grades the text
with the area's grader; the interviewer only asks.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext
from loopcoach.web.deps import get_ctx, render

router = APIRouter()
NAV = None
MAX_ANSWER_CHARS = 20_000

Texts = Annotated[list[str] | None, Form()]


def _replies(q: list[str] | None, t: list[str] | None, a: list[str] | None, current_q: str, current_t: str,
             reply: str | None) -> list[dict[str, str]]:
    qs, ts, as_ = q or [], t or [], a or []
    if not len(qs) == len(ts) == len(as_):
        raise BadInputError("The interview form is incomplete; start the follow-up interview again.")
    rows = [{"question": x, "target": y, "answer": z} for x, y, z in zip(qs, ts, as_, strict=True)]
    if reply is not None:
        rows.append({"question": current_q, "target": current_t, "answer": reply})
    return rows


def _respond(request: Request, values: dict[str, Any]) -> HTMLResponse:
    partial = bool(request.headers.get("hx-request"))
    return render(request, "interview/_thread.html" if partial else "interview/page.html", values)


def _turn(request: Request, values: dict[str, Any], run: Any, rows: list[dict[str, str]]) -> HTMLResponse:
    try:
        out = run(rows)
    except BadInputError as exc:
        if not request.headers.get("hx-request") or not rows:
            raise
        # Show the thread as it was, the sentence, and the reply back in its box: nothing typed is lost.
        values["draft"] = rows[-1]["answer"]
        rows = rows[:-1]
        out = run(rows)
        values["error"] = exc.message
    values.update({"out": out, "turn": out["turn"], "model": out["model"], "replies": rows,
                   "area": out["area"], "title": out["title"]})
    return _respond(request, values)


@router.post("/interview/theory", response_class=HTMLResponse)
def theory_turn(request: Request, question_id: Annotated[str, Form()], answer: Annotated[str, Form()] = "",
                q: Texts = None, t: Texts = None, a: Texts = None,
                current_q: Annotated[str, Form()] = "", current_t: Annotated[str, Form()] = "",
                reply: Annotated[str | None, Form()] = None, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The next follow-up on a graded theory answer (the reply, when given, is graded with it)."""
    from loopcoach.services import interview

    if len(answer) > MAX_ANSWER_CHARS:
        raise BadInputError(f"The answer is longer than {MAX_ANSWER_CHARS:,} characters; shorten it.")
    rows = _replies(q, t, a, current_q, current_t, reply)
    values = {"action": "/interview/theory", "fields": {"question_id": question_id, "answer": answer},
              "back": f"/theory/drill?q={question_id}"}
    return _turn(request, values,
                 lambda rs: interview.theory_turn(ctx, question_id, answer, rs, save=reply is not None), rows)


@router.post("/interview/design/{session_id}", response_class=HTMLResponse)
def design_turn(request: Request, session_id: int, q: Texts = None, t: Texts = None, a: Texts = None,
                current_q: Annotated[str, Form()] = "", current_t: Annotated[str, Form()] = "",
                reply: Annotated[str | None, Form()] = None, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The next follow-up probe on a finished design session's notes."""
    from loopcoach.services import design, interview

    state = design.get_session(ctx, session_id)["state"]
    rows = _replies(q, t, a, current_q, current_t, reply)
    values = {"action": f"/interview/design/{session_id}", "fields": {},
              "back": f"/design/sessions/{session_id}/report"}
    return _turn(request, values,
                 lambda rs: interview.design_turn(ctx, state["prompt_id"], state.get("notes", ""), rs), rows)
