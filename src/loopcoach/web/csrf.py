"""Cross-site request forgery protection by the double-submit cookie pattern.

The middleware gives every browser a random token in a SameSite=Strict
cookie and exposes it to templates; every unsafe request (POST, PUT, PATCH,
DELETE) must echo it in the ``X-CSRF-Token`` header (htmx and fetch, set by
the base layout) or in the ``csrf_token`` form field. A page on another
origin can neither read the cookie nor set the header, so it cannot forge a
request.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import HTTPConnection
from starlette.responses import Response

from loopcoach.errors import BadInputError

COOKIE = "loopcoach_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CSRFError(BadInputError):
    """The request did not carry this browser's CSRF token."""

    code = "csrf_failed"
    http_status = 403


class CSRFMiddleware(BaseHTTPMiddleware):
    """Issues the token cookie and remembers it on ``request.state.csrf_token``."""

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        token = request.cookies.get(COOKIE)
        fresh = not token or len(token) < 32
        if fresh:
            token = secrets.token_urlsafe(32)
        request.state.csrf_token = token
        response = await call_next(request)
        if fresh:
            response.set_cookie(COOKIE, token or "", httponly=False, samesite="strict", path="/")
        return response


async def verify_csrf(connection: HTTPConnection) -> None:
    """App-wide dependency: refuse unsafe requests without the matching token.

    WebSockets are not form posts: their routes authorise the connection themselves
    (a session token and a same-origin check), so this dependency lets them through.
    """
    if not isinstance(connection, Request) or connection.method not in UNSAFE:
        return
    request = connection
    cookie = request.cookies.get(COOKIE, "")
    sent = request.headers.get(HEADER, "")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else ""
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise CSRFError("This form has expired or came from another site; reload the page and try again.")
