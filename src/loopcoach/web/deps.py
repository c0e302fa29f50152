"""Shared pieces of every route: the AppContext, template rendering, navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.requests import HTTPConnection

from loopcoach.errors import SignInError
from loopcoach.services.context import AppContext
from loopcoach.store.accounts import Account


@dataclass(frozen=True)
class NavItem:
    """An entry of the top navigation."""

    label: str
    path: str
    order: int = 50


def get_ctx(connection: HTTPConnection) -> AppContext:
    """The context of this request (FastAPI dependency): in group mode, the signed-in account's."""
    ctx: AppContext = connection.app.state.ctx
    if not ctx.settings.group:
        return ctx
    account = current_account(connection)
    if account is None:
        raise SignInError("Sign in first: this server serves a cohort.")
    cached: AppContext | None = getattr(connection.state, "account_ctx", None)
    if cached is None:
        cached = ctx.as_account(account)
        connection.state.account_ctx = cached
    return cached


def current_account(connection: HTTPConnection) -> Account | None:
    """The signed-in account (group mode), or None."""
    account: Account | None = getattr(connection.state, "account", None)
    return account


def templates(request: Request) -> Jinja2Templates:
    """The app's template environment."""
    env: Jinja2Templates = request.app.state.templates
    return env


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a template with the request, navigation and CSRF helpers."""
    values: dict[str, Any] = {"nav": request.app.state.nav, "csrf_token": _token(request),
                              "account": current_account(request), "group": request.app.state.ctx.settings.group}
    values.update(context or {})
    response: HTMLResponse = templates(request).TemplateResponse(request, name, values, status_code=status_code)
    return response


def _token(request: Request) -> str:
    return str(getattr(request.state, "csrf_token", ""))


def static_url(path: str) -> str:
    """The address of a bundled static file, relative to the site root (never built from the Host header)."""
    return "/static/" + path.lstrip("/")


def csrf_field(token: str) -> Markup:
    """The hidden form field carrying the CSRF token."""
    return Markup(f'<input type="hidden" name="csrf_token" value="{escape(token)}">')
