"""Shared pieces of every route: the AppContext, template rendering, navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from loopcoach.services.context import AppContext


@dataclass(frozen=True)
class NavItem:
    """An entry of the top navigation."""

    label: str
    path: str
    order: int = 50


def get_ctx(request: Request) -> AppContext:
    """The app's AppContext (FastAPI dependency)."""
    ctx: AppContext = request.app.state.ctx
    return ctx


def templates(request: Request) -> Jinja2Templates:
    """The app's template environment."""
    env: Jinja2Templates = request.app.state.templates
    return env


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a template with the request, navigation and CSRF helpers."""
    values: dict[str, Any] = {"nav": request.app.state.nav, "csrf_token": _token(request)}
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
