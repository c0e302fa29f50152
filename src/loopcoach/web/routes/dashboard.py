"""The readiness dashboard: radar of areas, score trends, topic heat map, due reviews (inline SVG)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from loopcoach.services.context import AppContext
from loopcoach.services.dashboard import dashboard
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Readiness", "/readiness", 60)


@router.get("/readiness", response_class=HTMLResponse)
def readiness(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Where the user stands per area and topic, and how it moved."""
    return render(request, "dashboard/index.html", {"d": dashboard(ctx)})
