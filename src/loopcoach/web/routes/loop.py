"""Mock loop pages: start a recruiter screen, phone screen or on-site loop; the timed interview; the report.

Answers are autosaved by htmx as the user types (``keyup`` with a delay)
into the session state. ``report_html`` renders the self-contained report
file (inline CSS, no links to the app) and is also used by the CLI.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from loopcoach.areas.loop.formats import FORMATS, ONSITE_AREAS
from loopcoach.errors import BadInputError
from loopcoach.services import loop
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Mock loop", "/loop", 65)


def report_html(report: dict[str, Any], created_at: str) -> str:
    """The loop report as one self-contained HTML document."""
    env = Environment(loader=PackageLoader("loopcoach.web", "templates"), autoescape=select_autoescape(),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("loop/report_file.html").render(r=report, created_at=created_at)


@router.get("/loop", response_class=HTMLResponse)
def index(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Start forms and the list of loops (resume a paused one)."""
    return render(request, "loop/index.html", {"loops": loop.list_loops(ctx), "formats": FORMATS,
                                               "areas": loop.available_areas(), "onsite_areas": ONSITE_AREAS})


def _int(value: Any, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(str(value))
    except ValueError:
        raise BadInputError(f"The {name} must be a whole number.") from None


@router.post("/loop")
async def start(request: Request, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Start a loop of the chosen format and open its first interview."""
    form = await request.form()
    mix = [str(v) for v in form.getlist("mix")]
    extra = str(form.get("mix_extra", "")).strip()
    if extra:
        mix.append(extra)
    view = await run_in_threadpool(loop.start, ctx, str(form.get("format", "")), mix or None,
                                   _int(form.get("minutes"), "interview length", 45),
                                   _int(form.get("break_minutes"), "break length", 10))
    return RedirectResponse(f"/loop/{view['id']}", status_code=303)


@router.get("/loop/{session_id}", response_class=HTMLResponse)
def session_page(request: Request, session_id: int, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The current interview (or the break, or the report)."""
    state = loop.view(ctx, session_id)
    current = state["interviews"][state["current"]] if state["phase"] != "done" else None
    previous = state["interviews"][state["current"] - 1] if state["phase"] == "break" else None
    return render(request, "loop/session.html", {"s": state, "iv": current, "previous": previous})


@router.post("/loop/{session_id}/save", response_class=HTMLResponse)
async def save(request: Request, session_id: int, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Autosave: one field of one item (htmx sends the field by its name)."""
    form = await request.form()
    item = _int(form.get("item"), "question number", -1)
    for field in loop.FIELDS:
        if field in form:
            result = await run_in_threadpool(loop.save_answer, ctx, session_id, item, field, str(form[field]))
            return HTMLResponse(f'<span class="saved">Saved ({result["chars"]} characters)</span>')
    raise BadInputError("Nothing to save: the request has no answer field.")


@router.post("/loop/{session_id}/ask", response_class=HTMLResponse)
async def ask(request: Request, session_id: int, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """A clarifying question to the design interviewer; returns the conversation so far."""
    form = await request.form()
    asked = await run_in_threadpool(loop.ask, ctx, session_id, _int(form.get("item"), "question number", -1),
                                    str(form.get("question", "")))
    return render(request, "loop/_asked.html", {"asked": asked})


@router.post("/loop/{session_id}/run", response_class=HTMLResponse)
async def run(request: Request, session_id: int, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Run a coding answer on a custom input (htmx partial, the practice pad's result box)."""
    form = await request.form()
    await run_in_threadpool(loop.get, ctx, session_id)  # no such loop (or another account's): 404, not a message
    try:
        result = await run_in_threadpool(loop.run_code, ctx, session_id, _int(form.get("item"), "question number", -1),
                                         str(form.get("answer", "")), str(form.get("input", "")))
    except BadInputError as exc:
        return render(request, "coding/_message.html", {"message": exc.message})
    return render(request, "coding/_run.html", {"r": result})


@router.post("/loop/{session_id}/{action}")
async def act(session_id: int, action: str, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Submit the interview, pause, resume, or end the break."""
    actions = {"submit": loop.submit, "pause": loop.pause, "resume": loop.resume, "next": loop.next_interview}
    if action not in actions:
        raise BadInputError(f"'{action}' is not something a mock loop can do.")
    await run_in_threadpool(actions[action], ctx, session_id)
    return RedirectResponse(f"/loop/{session_id}", status_code=303)


@router.get("/loop/{session_id}/report.html")
def download(session_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """The report as a self-contained HTML file."""
    report = loop.report(ctx, session_id)
    created = loop.get(ctx, session_id).created_at[:10]
    return HTMLResponse(report_html(report, created), headers={
        "Content-Disposition": f'attachment; filename="loopcoach-mock-{session_id}.html"'})
