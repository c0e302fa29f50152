"""Account management for admins (group mode): list, add (with a one-time sign-up link), new link, disable."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from loopcoach.errors import BadInputError, LoopcoachError
from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.web.deps import get_ctx, render

router = APIRouter()
NAV = None  # linked from the account bar for admins
# same-origin, not no-referrer: a sign-up token in the address never reaches another site, and the page's own
# forms keep their Origin header (under no-referrer a browser posts "Origin: null", which the guard refuses).
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def _page(request: Request, ctx: AppContext, status: int = 200, **values: Any) -> HTMLResponse:
    response = render(request, "admin/users.html", {"users": accounts.list_users(ctx)["users"],
                                                    "roles": ("candidate", "coach", "admin"),
                                                    "error": None, "link": None, "done": None, **values},
                      status_code=status)
    response.headers.update(PRIVATE)
    return response


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Every account, and the form to add one."""
    accounts.require_role(ctx.account, "admin")
    return _page(request, ctx)


@router.post("/admin/users", response_class=HTMLResponse)
async def add(request: Request, name: Annotated[str, Form(max_length=200)],
              role: Annotated[str, Form(max_length=20)] = "candidate",
              cohort: Annotated[str, Form(max_length=200)] = "",
              ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Add an account; the page shows its one-time sign-up link once."""
    accounts.require_role(ctx.account, "admin")
    try:
        added = await run_in_threadpool(accounts.add_user, ctx, name.strip(), role, cohort.strip() or None)
    except LoopcoachError as exc:
        return _page(request, ctx, 400, error=exc.message)
    return _page(request, ctx, link=added["signup_link"], done=f"Added {added['user']['name']}.")


@router.post("/admin/users/link", response_class=HTMLResponse)
def new_link(request: Request, name: Annotated[str, Form(max_length=200)],
             ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """A new one-time link for an account that forgot its password."""
    accounts.require_role(ctx.account, "admin")
    try:
        made = accounts.new_signup_link(ctx, name)
    except LoopcoachError as exc:
        return _page(request, ctx, 400, error=exc.message)
    return _page(request, ctx, link=made["signup_link"], done=f"A new link for {name}.")


@router.post("/admin/users/disable", response_class=HTMLResponse)
def disable(request: Request, name: Annotated[str, Form(max_length=200)],
            ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Disable an account (it is signed out everywhere)."""
    admin = accounts.require_role(ctx.account, "admin")
    try:
        if name == admin.name:
            raise BadInputError("You cannot disable your own account.")
        accounts.disable_user(ctx, name)
    except LoopcoachError as exc:
        return _page(request, ctx, 400, error=exc.message)
    return _page(request, ctx, done=f"Disabled {name}.")
