"""Web pages of the ML system design interview: prompt list, timed session, graded report.

The session page shows the prompt, a 45-minute timer, a chat with the
interviewer (htmx posts to ``/design/sessions/{id}/ask`` and appends the
exchange) and a notes area saved as the user types (htmx posts to
``.../notes``); Mermaid blocks in the notes are drawn as pictures by the
bundled renderer. "Finish" grades the notes and questions and opens the
report, which shows the reference outline only after grading.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("System design", "/design", 50)
CATEGORY_TITLES = {
    "moderation": "Moderation", "recommendation": "Recommendation", "ranking_search": "Ranking and search",
    "ads": "Ads", "fraud_risk": "Fraud and risk", "forecasting": "Forecasting", "vision": "Vision",
    "llm_apps": "LLM applications",
}


def _is_htmx(request: Request) -> bool:
    return bool(request.headers.get("hx-request"))


@router.get("/design", response_class=HTMLResponse)
def index(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Prompts grouped by category, and the latest sessions."""
    from loopcoach.services import design

    grouped: dict[str, list[dict[str, Any]]] = {}
    for p in design.list_prompts(ctx)["prompts"]:
        grouped.setdefault(p["category"], []).append(p)
    groups = [(CATEGORY_TITLES.get(k, k), v) for k, v in sorted(grouped.items())]
    return render(request, "design/index.html", {"groups": groups, "sessions": design.recent_sessions(ctx)})


@router.post("/design/sessions")
def start(prompt_id: Annotated[str, Form()], minutes: Annotated[int, Form()] = 45,
          ctx: AppContext = Depends(get_ctx)) -> Response:
    """Start a timed session and open it."""
    from loopcoach.services import design

    session_id = design.start_session(ctx, prompt_id, minutes)
    return RedirectResponse(f"/design/sessions/{session_id}", status_code=303)


def _session_context(ctx: AppContext, session_id: int) -> dict[str, Any]:
    from loopcoach.services import design

    s = design.get_session(ctx, session_id)
    prompt = design.get_prompt(ctx, s["state"]["prompt_id"])
    return {"session": s, "state": s["state"], "prompt": prompt}


@router.get("/design/sessions/{session_id}", response_class=HTMLResponse)
def session_page(request: Request, session_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """The live session (or its report once finished)."""
    values = _session_context(ctx, session_id)
    if values["session"]["status"] != "active":
        return RedirectResponse(f"/design/sessions/{session_id}/report", status_code=303)
    return render(request, "design/session.html", values)


@router.post("/design/sessions/{session_id}/ask", response_class=HTMLResponse)
def ask(request: Request, session_id: int, question: Annotated[str, Form()] = "",
        ctx: AppContext = Depends(get_ctx)) -> Response:
    """Ask the interviewer; returns the new exchange (htmx) or goes back to the page."""
    from loopcoach.services import design

    try:
        entries = design.session_ask(ctx, session_id, question)
    except BadInputError as exc:
        if not _is_htmx(request):
            raise
        return render(request, "design/_chat_error.html", {"message": exc.message})
    if not _is_htmx(request):
        return RedirectResponse(f"/design/sessions/{session_id}", status_code=303)
    return render(request, "design/_chat_entries.html", {"entries": entries, "question": question.strip()})


@router.post("/design/sessions/{session_id}/notes", response_class=HTMLResponse)
def notes(request: Request, session_id: int, notes: Annotated[str, Form()] = "",
          ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Save the notes as typed; returns the save status line."""
    from loopcoach.services import design

    saved = design.save_notes(ctx, session_id, notes)
    return render(request, "design/_saved.html", saved)


@router.post("/design/sessions/{session_id}/finish")
def finish(request: Request, session_id: int, notes: Annotated[str, Form()] = "",
           ctx: AppContext = Depends(get_ctx)) -> Response:
    """Grade the session and open the report; empty notes keep the session open with a message."""
    from loopcoach.services import design

    try:
        design.finish_session(ctx, session_id, notes)
    except BadInputError as exc:
        if _is_htmx(request):
            return render(request, "design/_finish_error.html", {"message": exc.message}, status_code=400)
        values = _session_context(ctx, session_id)
        values["error"] = exc.message
        return render(request, "design/session.html", values, status_code=400)
    target = f"/design/sessions/{session_id}/report"
    if _is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


@router.get("/design/sessions/{session_id}/report", response_class=HTMLResponse)
def report(request: Request, session_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """The graded report: steps with evidence, checks, follow-ups, rubric, then the reference outline."""
    values = _session_context(ctx, session_id)
    if values["state"].get("grade") is None:
        return RedirectResponse(f"/design/sessions/{session_id}", status_code=303)
    values["grade"] = values["state"]["grade"]
    return render(request, "design/report.html", values)
