"""Web page of the portfolio review: paste a README to check it, or review a GitHub profile (network)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Portfolio", "/portfolio", 12)
MAX_README_CHARS = 500_000


@router.get("/portfolio", response_class=HTMLResponse)
def index(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The README form, the GitHub form and the recent reviews."""
    return render(request, "portfolio/index.html", {"history": ctx.store.list_attempts(area="portfolio", limit=8)})


@router.post("/portfolio/check", response_class=HTMLResponse)
def check(request: Request, readme: Annotated[str, Form()] = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Review a pasted README."""
    from loopcoach.services.portfolio import check_readme

    partial = bool(request.headers.get("hx-request"))
    try:
        if len(readme) > MAX_README_CHARS:
            raise BadInputError("The README is over 500,000 characters; paste the README only.")
        result = check_readme(ctx, readme, "pasted")
    except BadInputError as exc:
        values: dict[str, Any] = {"error": exc.message, "readme": readme}
        return render(request, "portfolio/_result.html" if partial else "portfolio/index.html", values,
                      status_code=200 if partial else 400)
    values = {"r": result, "kind": "readme", "readme": readme}
    return render(request, "portfolio/_result.html" if partial else "portfolio/index.html", values)


@router.post("/portfolio/github", response_class=HTMLResponse)
def github(request: Request, user: Annotated[str, Form()] = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Review a GitHub profile (needs the network; GITHUB_TOKEN optional)."""
    from loopcoach.services.portfolio import review_github

    partial = bool(request.headers.get("hx-request"))
    values: dict[str, Any]
    from loopcoach.areas.portfolio.github import NetworkUnavailableError

    try:
        result = review_github(ctx, user)
    except NetworkUnavailableError:
        # On this page the README box is the offline path, not the command line.
        values = {"error": "GitHub could not be reached (no network connection?), so the profile review cannot "
                           "run now. Your READMEs can still be checked offline: paste one in the README box "
                           "on this page.", "user": user, "offline": True}
        return render(request, "portfolio/_result.html" if partial else "portfolio/index.html", values,
                      status_code=200 if partial else 400)
    except BadInputError as exc:
        values = {"error": exc.message, "user": user}
        return render(request, "portfolio/_result.html" if partial else "portfolio/index.html", values,
                      status_code=200 if partial else 400)
    values = {"r": result, "kind": "github", "user": user}
    return render(request, "portfolio/_result.html" if partial else "portfolio/index.html", values)
