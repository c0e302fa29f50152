"""The web app factory: one FastAPI app per AppContext, with routers registered per area.

An area adds its router module to ``ROUTERS``; the module exposes ``router``
(an APIRouter) and ``NAV`` (a NavItem, or None to stay out of the top
navigation), and may expose ``BODY_LIMITS`` (path -> largest request body,
for upload routes) and ``REMOTE_ROUTES`` (routes another machine may reach in
local mode, see ``web.guard``). Every response passes the security layers,
outermost first: security headers (outside even Starlette's error handler), the
guard (Host, loopback, Origin, CSRF cookie), the body limits. Templates are loaded from the package with Jinja2's
PackageLoader and static files from the package folder, so the app works
installed, offline, without a CDN.
"""

from __future__ import annotations

import importlib
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from loopcoach import __version__
from loopcoach.config import Settings
from loopcoach.errors import LoopcoachError
from loopcoach.services.context import AppContext
from loopcoach.services.speech import available as speech_available
from loopcoach.web.auth import AuthMiddleware
from loopcoach.web.csrf import CSRFSigner, load_secret, verify_csrf
from loopcoach.web.deps import NavItem, csrf_field, render, static_url
from loopcoach.web.guard import GuardMiddleware, GuardPolicy, RemoteRoute, policy_for
from loopcoach.web.headers import SecurityHeadersMiddleware
from loopcoach.web.labels import topic_name
from loopcoach.web.limits import BodyLimitMiddleware, BodyLimits
from loopcoach.web.markdown import render_markdown

ROUTERS: list[str] = [
    "loopcoach.web.routes.home",
    "loopcoach.web.routes.coding",
    "loopcoach.web.routes.tracker",
    "loopcoach.web.routes.theory",
    "loopcoach.web.routes.design",
    "loopcoach.web.routes.plan",
    "loopcoach.web.routes.dashboard",
    "loopcoach.web.routes.peer",
    "loopcoach.web.routes.loop",
    "loopcoach.web.routes.behavioral",
    "loopcoach.web.routes.resume",
    "loopcoach.web.routes.portfolio",
    "loopcoach.web.routes.speech",
    "loopcoach.web.routes.interview",
    "loopcoach.web.routes.account",
    "loopcoach.web.routes.cohort",
    "loopcoach.web.routes.admin",
]


class LoopcoachApp(FastAPI):
    """FastAPI with the security headers outside everything, so even an unexpected 500 carries them."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeadersMiddleware(super().build_middleware_stack())


def _templates() -> Jinja2Templates:
    env = Environment(loader=PackageLoader("loopcoach.web", "templates"), autoescape=select_autoescape(),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["markdown"] = render_markdown
    env.filters["topic"] = topic_name
    env.globals["csrf_field"] = csrf_field
    env.globals["static_url"] = static_url
    env.globals["version"] = __version__
    env.globals["speech_status"] = speech_available
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept)


def create_app(settings: Settings | None = None, ctx: AppContext | None = None,
               policy: GuardPolicy | None = None) -> FastAPI:
    """Build the web app for these settings (or this context); ``policy`` replaces the local guard policy."""
    context = ctx or AppContext(settings)
    # No Swagger UI: it loads its code from a CDN and runs inline script; the schema stays at /api/openapi.json.
    app = LoopcoachApp(title="loopcoach", version=__version__, docs_url=None, redoc_url=None,
                        openapi_url="/api/openapi.json", dependencies=[Depends(verify_csrf)])
    app.state.ctx = context
    app.state.templates = _templates()
    app.state.csrf = CSRFSigner(load_secret(context.settings.home))
    nav: list[NavItem] = []
    paths: set[str] = set()
    body_limits: dict[str, int] = {}
    remote: list[RemoteRoute] = []
    for module_name in ROUTERS:
        module = importlib.import_module(module_name)
        app.include_router(module.router)
        paths.update(str(getattr(route, "path", "")) for route in module.router.routes)
        item = getattr(module, "NAV", None)
        if item is not None:
            nav.append(item)
        body_limits.update(getattr(module, "BODY_LIMITS", {}))
        remote.extend(getattr(module, "REMOTE_ROUTES", ()))
    app.state.nav = sorted(nav, key=lambda n: (n.order, n.label))
    app.state.paths = frozenset(paths)  # every page path the registered routers serve
    app.mount("/static", StaticFiles(packages=[("loopcoach.web", "static")]), name="static")
    app.state.policy = (policy or policy_for(context.settings)).with_remote_routes(tuple(remote))
    app.state.body_limits = BodyLimits(routes=body_limits)
    app.add_middleware(BodyLimitMiddleware, limits=app.state.body_limits)
    app.add_middleware(AuthMiddleware, ctx=context)  # added before the guard, so the guard checks first
    app.add_middleware(GuardMiddleware, policy=app.state.policy, signer=app.state.csrf, context=context)
    _install_error_pages(app)
    return app


def _error_response(request: Request, status: int, title: str, message: str, code: str) -> Response:
    if _wants_json(request) or request.headers.get("hx-request"):
        if request.headers.get("hx-request") and not _wants_json(request):
            return render(request, "_error.html", {"title": title, "message": message}, status_code=status)
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return render(request, "error.html", {"title": title, "message": message, "status": status}, status_code=status)


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(LoopcoachError)
    async def loopcoach_error(request: Request, exc: LoopcoachError) -> Response:
        title = "Not found" if exc.http_status == 404 else "That did not work"
        return _error_response(request, exc.http_status, title, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error_response(request, 404, "Page not found",
                                   "There is no page at this address. Use the navigation above.", "not_found")
        if exc.status_code == 405:
            return _error_response(request, 405, "Not allowed", "This address does not accept that request.",
                                   "method_not_allowed")
        return _error_response(request, exc.status_code, "Error", str(exc.detail), "http_error")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors: list[Any] = list(exc.errors())
        first = errors[0] if errors else {}
        field = ".".join(str(p) for p in first.get("loc", ())[1:]) or "input"
        message = f"The field '{field}' is missing or invalid: {str(first.get('msg', 'invalid')).rstrip('.')}."
        return _error_response(request, 422, "Check your input", message, "bad_input")


