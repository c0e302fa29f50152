"""Group mode's sign-in layer: an ASGI middleware that resolves the session cookie to an account.

In local mode it does nothing (one user, no sign-in, as before). In group mode
every HTTP request and WebSocket outside ``PUBLIC`` needs a signed-in account:
a page request without one is redirected to ``/signin``, an API or htmx request
gets a 401 JSON error, a WebSocket is closed with code 4401. The account is
left on ``request.state.account``; ``deps.get_ctx`` turns it into a context
whose store is that account's, so no route can read another account's rows
by forgetting a check. This layer composes with the request guards (Host
allow-list, CSRF, headers) and does not repeat them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from loopcoach.services import accounts
from loopcoach.services.context import AppContext

COOKIE = "loopcoach_session"
PUBLIC_PREFIXES = ("/static/", "/signup/")
PUBLIC = frozenset({"/signin", "/api/health", "/favicon.ico"})


def is_public(path: str) -> bool:
    """Paths anyone may open in group mode: the sign-in and sign-up pages, static files, the icon, the health probe."""
    return path in PUBLIC or path.startswith(PUBLIC_PREFIXES)


def set_session_cookie(response: Any, value: str, secure: bool) -> None:
    """The signed session cookie: HttpOnly, SameSite=Lax (top-level links keep you signed in), whole site."""
    response.set_cookie(COOKIE, value, max_age=accounts.SESSION_DAYS * 86400, httponly=True, samesite="lax",
                        secure=secure, path="/")


def clear_session_cookie(response: Any) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")


class AuthMiddleware:
    """Resolves ``loopcoach_session`` to ``scope['state']['account']`` and turns strangers away."""

    def __init__(self, app: ASGIApp, ctx: AppContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not self.ctx.settings.group:
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        cookie = connection.cookies.get(COOKIE, "")
        account = await run_in_threadpool(accounts.account_for_cookie, self.ctx, cookie) if cookie else None
        scope.setdefault("state", {})["account"] = account
        if account is not None or is_public(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4401, "reason": "sign in first"})
            return
        await _refuse(connection, send)


async def _refuse(connection: HTTPConnection, send: Send) -> None:
    accept = connection.headers.get("accept", "")
    page = (connection.scope.get("method") == "GET" and not connection.url.path.startswith("/api/")
            and not connection.headers.get("hx-request") and "text/html" in accept)
    if page:
        target = connection.url.path + (f"?{connection.url.query}" if connection.url.query else "")
        headers = [(b"location", f"/signin?next={quote(target, safe='')}".encode()), (b"content-length", b"0"),
                   (b"cache-control", b"no-store")]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    body = json.dumps({"error": {"code": "not_signed_in",
                                 "message": "Sign in first: this server serves a cohort."}}).encode()
    await send({"type": "http.response.start", "status": 401,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


def safe_next(value: str) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 2000:
        return "/"
    return value
