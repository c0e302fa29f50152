"""Request body limits, enforced before the body is read or spooled.

A pure ASGI middleware: a declared ``Content-Length`` over the limit is
refused at once (413, nothing read); a body without one (chunked) is
counted as it streams and refused the moment it passes the limit, so a
200 MB upload costs at most the limit in memory or temporary files. The
default is 2 MB; a route that takes uploads declares its own limit in its
router module (``BODY_LIMITS = {"/resume/check": 10 * MB}``) and the app
factory collects them into one table, exact paths or ``{param}`` patterns.
"""

from __future__ import annotations

import contextlib
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MB = 1024 * 1024
DEFAULT_LIMIT = 2 * MB
UPLOAD_LIMIT = 10 * MB


class BodyTooLarge(Exception):
    """Raised inside ``receive`` when a streamed body passes its limit."""


def _size(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n // 1024} KB"


@dataclass(frozen=True)
class BodyLimits:
    """The largest request body per path: ``routes`` overrides ``default``."""

    default: int = DEFAULT_LIMIT
    routes: Mapping[str, int] | None = None

    def for_path(self, path: str) -> int:
        """The limit of the request to ``path``."""
        for pattern, limit in (self.routes or {}).items():
            if pattern == path or ("{" in pattern and compile_path(pattern)[0].match(path)):
                return limit
        return self.default


class BodyLimitMiddleware:
    """Refuses request bodies over their path's limit with 413 and one sentence."""

    def __init__(self, app: ASGIApp, limits: BodyLimits | None = None) -> None:
        self.app = app
        self.limits = limits or BodyLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_path(str(scope.get("path", "")))
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await send_refusal(scope, send, 400, "bad_request", "The request's Content-Length is not a number.")
                return
            if length > limit:
                await _too_large(scope, send, limit)
                return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # the app's answer to a body it could not finish reading: ours goes out instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not started:
            await _too_large(scope, send, limit)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    await send_refusal(scope, send, 413, "too_large",
                  f"The request is larger than {_size(limit)}, the most this address accepts; send a smaller file.")


async def send_refusal(scope: Scope, send: Send, status: int, code: str, message: str) -> None:
    """Answer without running the app: one sentence, as JSON for the API and as a small HTML page otherwise."""
    accept = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"accept"), "")
    if str(scope.get("path", "")).startswith("/api/") or ("json" in accept and "html" not in accept):
        body = json.dumps({"error": {"code": code, "message": message}}).encode()
        kind = b"application/json"
    else:
        text = html.escape(message, quote=False)
        body = f'<!doctype html><meta charset="utf-8"><title>Refused</title><p class="error">{text}</p>'.encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
