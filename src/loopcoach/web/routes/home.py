"""The home page: the interview path from the seed, and what the user has done in each area."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

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
    """A liveness probe for servers: the database answers; ``ready`` once the models are loaded and warm.

    Open to all; in group mode a stranger's answer names no data.
    """
    base: AppContext = request.app.state.ctx
    if base.settings.group and current_account(request) is None:
        base.store.area_summary()  # the database answers
        out: dict[str, Any] = {"ok": True, "areas": []}
    else:
        out = {"ok": True, "areas": sorted(get_ctx(request).store.area_summary())}
    readiness = getattr(request.app.state, "readiness", None)
    if readiness is not None:
        out.update(readiness.to_dict())
    return out


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """The icon browsers ask for on every page (an SVG; modern browsers accept it under this name)."""
    icon = files("loopcoach.web").joinpath("static", "favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
