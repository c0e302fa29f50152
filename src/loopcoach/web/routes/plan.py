"""The marathon plan page: settings form, the day-by-day plan, the iCalendar download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.services import plan
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Plan", "/plan", 70)


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The plan recomputed from the latest results, or the form to make one."""
    saved = plan.settings(ctx)
    current = plan.current(ctx) if saved else None
    return render(request, "plan/index.html", {"plan": current, "saved": saved})


@router.post("/plan")
def make_plan(interview: Annotated[str, Form()], hours_per_week: Annotated[float, Form()],
              study_days: Annotated[int, Form()] = 6, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save the plan settings."""
    plan.save_settings(ctx, interview, hours_per_week, study_days)
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan.ics")
def plan_ics(ctx: AppContext = Depends(get_ctx)) -> Response:
    """The plan as an iCalendar file."""
    return Response(plan.ical(ctx), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="loopcoach-plan.ics"'})
