"""Sign-in, sign-up, sign-out and the password page (group mode; in local mode they do not exist)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from loopcoach.errors import LoopcoachError, NotFoundError, SignInError
from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.web.auth import COOKIE, clear_session_cookie, safe_next, set_session_cookie
from loopcoach.web.deps import current_account, render

router = APIRouter()
NAV = None
# same-origin, not no-referrer: a sign-up token in the address never reaches another site, and the page's own
# forms keep their Origin header (under no-referrer a browser posts "Origin: null", which the guard refuses).
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def _group_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    if not ctx.settings.group:
        raise NotFoundError("This server runs in local mode: there are no accounts to sign in to.")
    return ctx


def _secure(request: Request) -> bool:
    """The session cookie is Secure when the request came over HTTPS (e.g. through a TLS proxy)."""
    return request.url.scheme == "https"


def _page(request: Request, name: str, values: dict[str, object], status: int = 200) -> HTMLResponse:
    response = render(request, name, values, status_code=status)
    response.headers.update(PRIVATE)
    return response


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str = "/") -> Response:
    """The sign-in form (already signed in: straight on)."""
    _group_ctx(request)
    if current_account(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _page(request, "account/signin.html", {"next": safe_next(next), "error": None, "name": ""})


@router.post("/signin")
async def signin(request: Request, name: Annotated[str, Form(max_length=200)],
                 password: Annotated[str, Form(max_length=2000)],
                 next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    """Check the name and password; on success set the session cookie and go on."""
    ctx = _group_ctx(request)
    client = request.client.host if request.client else "unknown"
    try:
        _account, cookie = await run_in_threadpool(accounts.sign_in, ctx, name, password, client)
    except LoopcoachError as exc:
        if request.headers.get("accept", "").startswith("application/json"):
            raise
        return _page(request, "account/signin.html", {"next": safe_next(next), "error": exc.message, "name": name},
                     exc.http_status)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, cookie, _secure(request))
    return response


@router.post("/signout")
def signout(request: Request) -> Response:
    """End this browser's session."""
    ctx = _group_ctx(request)
    accounts.sign_out(ctx, request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/signin", status_code=303)
    clear_session_cookie(response)
    return response


@router.get("/signup/{token}", response_class=HTMLResponse)
def signup_page(request: Request, token: str) -> HTMLResponse:
    """Choose a first password through a one-time link."""
    ctx = _group_ctx(request)
    account = accounts.signup_account(ctx, token)
    return _page(request, "account/signup.html", {"token": token, "name": account.name, "error": None,
                                                  "min_length": accounts.MIN_PASSWORD})


@router.post("/signup/{token}")
async def signup(request: Request, token: str, password: Annotated[str, Form(max_length=2000)],
                 repeat: Annotated[str, Form(max_length=2000)]) -> Response:
    """Set the first password, spend the link and sign in."""
    ctx = _group_ctx(request)
    account = accounts.signup_account(ctx, token)
    try:
        if password != repeat:
            raise SignInError("The two passwords differ.")
        _account, cookie = await run_in_threadpool(accounts.complete_signup, ctx, token, password)
    except LoopcoachError as exc:
        return _page(request, "account/signup.html", {"token": token, "name": account.name, "error": exc.message,
                                                      "min_length": accounts.MIN_PASSWORD}, 400)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, cookie, _secure(request))
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request) -> HTMLResponse:
    """Who you are, your cohort, and the password form."""
    _group_ctx(request)
    return _page(request, "account/index.html", {"error": None, "done": False,
                                                 "min_length": accounts.MIN_PASSWORD})


@router.post("/account/password", response_class=HTMLResponse)
async def change_password(request: Request, current: Annotated[str, Form(max_length=2000)],
                          new: Annotated[str, Form(max_length=2000)],
                          repeat: Annotated[str, Form(max_length=2000)]) -> HTMLResponse:
    """Change the password; every other signed-in browser of the account is signed out."""
    ctx = _group_ctx(request)
    account = current_account(request)
    if account is None:
        raise SignInError("Sign in first: this server serves a cohort.")
    try:
        if new != repeat:
            raise SignInError("The two new passwords differ.")
        await run_in_threadpool(accounts.change_password, ctx, account, current, new, request.cookies.get(COOKIE, ""))
    except LoopcoachError as exc:
        return _page(request, "account/index.html", {"error": exc.message, "done": False,
                                                     "min_length": accounts.MIN_PASSWORD}, 400)
    return _page(request, "account/index.html", {"error": None, "done": True, "min_length": accounts.MIN_PASSWORD})
