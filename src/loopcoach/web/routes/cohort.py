"""The cohort dashboard for coaches (and admins): readiness per candidate, weak areas, recent mocks."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from loopcoach.services import cohort
from loopcoach.services.accounts import require_role
from loopcoach.services.context import AppContext
from loopcoach.web.deps import get_ctx, render

router = APIRouter()
NAV = None  # linked from the account bar for coaches


@router.get("/cohort", response_class=HTMLResponse)
def overview(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Every followed candidate at a glance, the cohort's weak areas and recent mocks."""
    coach = require_role(ctx.account, "coach", "admin")
    return render(request, "cohort/index.html", {"c": cohort.overview(ctx, coach)})


@router.get("/cohort/{name}", response_class=HTMLResponse)
def candidate(request: Request, name: str, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """One followed candidate's readiness dashboard (read only)."""
    coach = require_role(ctx.account, "coach", "admin")
    view = cohort.candidate_dashboard(ctx, coach, name)
    return render(request, "dashboard/index.html", {"d": view["d"], "candidate": view["candidate"]})


@router.get("/api/cohort")
def overview_json(ctx: AppContext = Depends(get_ctx)) -> dict[str, object]:
    """The cohort dashboard as JSON."""
    coach = require_role(ctx.account, "coach", "admin")
    return cohort.overview(ctx, coach)
