"""The guard: who may talk to this server at all, checked before any route runs.

A pure ASGI middleware (HTTP and WebSocket alike), in this order:

1. Host allow-list. The Host header must name this server: ``localhost``,
   ``127.0.0.1``, ``[::1]``, the bound address, ``LOOPCOACH_ALLOWED_HOSTS``
   and the host of ``LOOPCOACH_PUBLIC_URL``. A DNS-rebinding page (its own
   name re-pointed at 127.0.0.1) sends its own name, and gets 400.
2. Loopback only, in local mode. A client that is not on this machine
   reaches only the remote routes (the peer mock's candidate page and
   socket, with a valid session token) and the static files; everything
   else is 403. Group mode turns this off (``loopback_only=False``) and puts
   its own accounts in front.
3. Origin. Every unsafe method and every WebSocket upgrade must come from
   this server's own origin (the Origin header, else the Referer); ``null``
   and other origins get 403. A request with neither header is not from a
   browser, and still needs the CSRF token (``web.csrf``).
4. The CSRF nonce cookie: read, or issued on the response, and the token
   derived from it put on ``request.state.csrf_token`` for the templates.

The policy is data (``GuardPolicy``), so another mode can extend it without
touching the middleware.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from loopcoach.config import Settings
from loopcoach.web.csrf import UNSAFE, CSRFSigner
from loopcoach.web.limits import send_refusal

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"", "0.0.0.0", "::", "*"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


@dataclass(frozen=True)
class RemoteRoute:
    """A route a client from another machine may reach in local mode, when ``check`` accepts its parameters.

    ``pattern`` is in the router's format (``/peer/{token}``); ``kinds`` holds HTTP
    methods and/or ``"WEBSOCKET"``; ``check`` runs in a worker thread with the
    app's context and the path parameters and answers whether they are valid.
    """

    pattern: str
    kinds: frozenset[str]
    check: Callable[[Any, Mapping[str, str]], bool]

    def match(self, kind: str, path: str) -> dict[str, str] | None:
        """The path parameters when this route covers ``kind`` and ``path``, else None."""
        if kind not in self.kinds:
            return None
        regex, _fmt, _conv = compile_path(self.pattern)
        found = regex.match(path)
        return {k: str(v) for k, v in found.groupdict().items()} if found else None


@dataclass(frozen=True)
class GuardPolicy:
    """What the guard lets through; built from settings by ``policy_for``."""

    allowed_hosts: frozenset[str]
    public_origin: str | None = None
    loopback_only: bool = True
    remote_routes: tuple[RemoteRoute, ...] = ()
    remote_prefixes: tuple[str, ...] = ("/static/",)
    secure_cookies: bool = False  # True: Secure __Host- cookies on every request, whatever its scheme

    def with_remote_routes(self, routes: tuple[RemoteRoute, ...]) -> GuardPolicy:
        """The same policy with more remote routes."""
        return replace(self, remote_routes=self.remote_routes + routes)


def policy_for(settings: Settings) -> GuardPolicy:
    """The policy of a server for these settings (local mode: loopback only; group mode: any address)."""
    hosts = set(LOCAL_NAMES) | {h.lower() for h in settings.allowed_hosts}
    if settings.host.strip("[]") not in WILDCARD_BINDS:
        hosts.add(settings.host.strip("[]").lower())
    if settings.public_url:
        hosts.add((urlsplit(settings.public_url).hostname or "").lower())
    # Cookies are Secure (and __Host-) per request, when it arrived over HTTPS: a browser on
    # http://127.0.0.1 beside a TLS proxy for the public address must still get its cookie.
    # Group mode serves other machines behind its own sign-in (``web.auth``), so it is not loopback-only.
    return GuardPolicy(allowed_hosts=frozenset(hosts), public_origin=settings.public_url,
                       loopback_only=not settings.group)


def _host_name(host_header: str) -> str:
    """The name part of a Host header, lower-cased, without port or IPv6 brackets."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _origin_key(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin or URL, with ws mapped to http; None when it is not one."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def is_loopback(client: tuple[str, int] | list[Any] | None) -> bool:
    """True for a client on this machine (a loopback address, or a Unix socket with no address)."""
    if client is None:
        return True
    try:
        address = ipaddress.ip_address(str(client[0]))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


@dataclass
class _Request:
    """The facts of one connection the checks need."""

    kind: str  # the HTTP method, or WEBSOCKET
    path: str
    scheme: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return self.headers.get("host", "")


class GuardMiddleware:
    """Host allow-list, loopback-only, Origin check and the CSRF nonce cookie (see the module docstring)."""

    def __init__(self, app: ASGIApp, policy: GuardPolicy, signer: CSRFSigner, context: Any = None) -> None:
        self.app = app
        self.policy = policy
        self.signer = signer
        self.context = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        kind = "WEBSOCKET" if scope["type"] == "websocket" else str(scope["method"]).upper()
        req = _Request(kind, str(scope.get("path", "")), str(scope.get("scheme", "http")), headers)
        refusal = await self._refusal(req, scope)
        if refusal is not None:
            status, code, message = refusal
            await _refuse(scope, send, status, code, message)
            return
        await self._with_nonce(scope, receive, send, headers)

    async def _refusal(self, req: _Request, scope: Scope) -> tuple[int, str, str] | None:
        name = _host_name(req.host)
        if name not in self.policy.allowed_hosts:
            shown = name or "(no name)"
            return 400, "host_not_allowed", (
                f"This server does not answer to the name {shown!r}; open it as http://127.0.0.1 or add the name "
                "to LOOPCOACH_ALLOWED_HOSTS.")
        if self.policy.loopback_only and not is_loopback(scope.get("client")) and not await self._remote_ok(req):
            return 403, "local_only", ("This page is only served to this machine; from another machine you can "
                                       "open a peer mock's share link.")
        if (req.kind in UNSAFE or req.kind == "WEBSOCKET") and not self._same_origin(req):
            return 403, "cross_origin", "This request came from another site, so it was refused."
        return None

    async def _remote_ok(self, req: _Request) -> bool:
        if req.kind in ("GET", "HEAD") and req.path.startswith(self.policy.remote_prefixes):
            return True
        for route in self.policy.remote_routes:
            params = route.match(req.kind, req.path)
            if params is not None:
                return bool(await run_in_threadpool(route.check, self.context, params))
        return False

    def _same_origin(self, req: _Request) -> bool:
        sent = req.headers.get("origin")
        if sent is None:
            sent = req.headers.get("referer")
            if sent is None:
                return True  # not a browser: the CSRF token (or the socket's session token) decides
        key = _origin_key(sent)
        if key is None:
            return False  # "null" (sandboxed frames, file: pages) or garbage
        own = {_origin_key(f"{req.scheme}://{req.host}")}
        if self.policy.public_origin:
            own.add(_origin_key(self.policy.public_origin))
        return key in own

    async def _with_nonce(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> None:
        secure = self.policy.secure_cookies or scope.get("scheme") in ("https", "wss")
        name = self.signer.cookie_name(secure)
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:
            cookies = SimpleCookie()
        sent = cookies[name].value if name in cookies else ""
        fresh = not self.signer.valid_nonce(sent)
        nonce = self.signer.new_nonce() if fresh else sent
        state = scope.setdefault("state", {})
        state["csrf_nonce_sent"] = "" if fresh else sent
        state["csrf_token"] = self.signer.token_for(nonce)

        async def send_with_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                attributes = "Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
                cookie = f"{name}={nonce}; {attributes}".encode("latin-1")
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


async def _refuse(scope: Scope, send: Send, status: int, code: str, message: str) -> None:
    """Refuse a WebSocket before it is accepted, or answer an HTTP request with the sentence."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 4400 if status == 400 else 4403, "reason": code})
        return
    await send_refusal(scope, send, status, code, message)
