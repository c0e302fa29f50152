"""The home page: the interview path from the seed, and what the user has done in each area."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from loopcoach.services.context import AppContext
from loopcoach.services.progress import interview_path
from loopcoach.web.deps import NavItem, current_account, get_ctx, render

router = APIRouter()
NAV: NavItem | None = None  # the logo links home


@router.get("/", response_class=HTMLResponse)
def home(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The interview path with per-area progress read from the store."""
    stages = interview_path(ctx, set(request.app.state.paths))
    return render(request, "home.html", {"stages": stages})


@router.get("/api/health")
def health(request: Request) -> dict[str, Any]:
    """A liveness probe for servers: the database answers (open to all; in group mode it names no data)."""
    base: AppContext = request.app.state.ctx
    if base.settings.group and current_account(request) is None:
        base.store.area_summary()  # the database answers
        return {"ok": True, "areas": []}
    return {"ok": True, "areas": sorted(get_ctx(request).store.area_summary())}
