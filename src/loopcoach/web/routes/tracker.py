"""Application tracker pages: the board by stage, a card's detail page, moves between stages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.services import tracker
from loopcoach.services.context import AppContext
from loopcoach.store.store import APPLICATION_STAGES
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Applications", "/applications", 80)
STAGES = [(s, tracker.STAGE_LABELS[s]) for s in APPLICATION_STAGES]


def _board(request: Request, ctx: AppContext, error: str | None = None, status: int = 200) -> HTMLResponse:
    return render(request, "tracker/board.html", {"columns": tracker.board(ctx), "stages": STAGES,
                                                   "error": error}, status_code=status)


@router.get("/applications", response_class=HTMLResponse)
def board_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The board: one column per stage."""
    return _board(request, ctx)


@router.post("/applications")
def add_application(request: Request, company: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
                    stage: Annotated[str, Form()] = "applied", applied_on: Annotated[str, Form()] = "",
                    job_description: Annotated[str, Form()] = "",
                    ctx: AppContext = Depends(get_ctx)) -> Response:
    """Add an application from the board's form, then open it."""
    created = tracker.add(ctx, company, role, stage, applied_on or None, job_description)
    return RedirectResponse(f"/applications/{created['id']}", status_code=303)


@router.get("/applications/{app_id}", response_class=HTMLResponse)
def detail(request: Request, app_id: int, saved: int = 0, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """One application: dates, contacts, notes, next action, job description, resume match link."""
    item = tracker.show(ctx, app_id)
    return render(request, "tracker/detail.html", {
        "app": item, "stages": STAGES, "contacts_text": tracker.contacts_text(item["contacts"]),
        "saved": bool(saved)})


@router.post("/applications/{app_id}")
def edit(app_id: int, company: Annotated[str, Form()], role: Annotated[str, Form()],
         applied_on: Annotated[str, Form()] = "", contacts: Annotated[str, Form()] = "",
         notes: Annotated[str, Form()] = "", next_action: Annotated[str, Form()] = "",
         next_action_on: Annotated[str, Form()] = "", job_description: Annotated[str, Form()] = "",
         ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save the detail form."""
    tracker.update(ctx, app_id, {"company": company, "role": role, "applied_on": applied_on,
                                 "contacts": contacts, "notes": notes, "next_action": next_action,
                                 "next_action_on": next_action_on, "job_description": job_description})
    return RedirectResponse(f"/applications/{app_id}?saved=1", status_code=303)


@router.post("/applications/{app_id}/move")
def move(request: Request, app_id: int, stage: Annotated[str, Form()],
         ctx: AppContext = Depends(get_ctx)) -> Response:
    """Move a card; htmx gets the refreshed board, a plain form a redirect."""
    tracker.move(ctx, app_id, stage)
    if request.headers.get("hx-request"):
        return render(request, "tracker/_board.html", {"columns": tracker.board(ctx), "stages": STAGES})
    back = request.headers.get("referer", "")
    target = f"/applications/{app_id}" if back.rstrip("/").endswith(f"/applications/{app_id}") else "/applications"
    return RedirectResponse(target, status_code=303)


@router.post("/applications/{app_id}/delete")
def delete(app_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Remove an application."""
    tracker.delete(ctx, app_id)
    return RedirectResponse("/applications", status_code=303)
