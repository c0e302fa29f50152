"""Web page of the resume checker: upload a resume, paste a job, see the findings marked in the text.

``POST /resume/check`` answers htmx with the result partial (or the whole page
without JavaScript). The HTML report of each check is kept with the stored attempt
and served by ``GET /resume/report/{id}`` as a download.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from loopcoach.errors import BadInputError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render
from loopcoach.web.limits import UPLOAD_LIMIT

router = APIRouter()
NAV = NavItem("Resume", "/resume", 10)
MAX_UPLOAD = 10 * 1024 * 1024
# The whole multipart body (file, job text, boundaries) is refused past this before it is spooled.
BODY_LIMITS = {"/resume/check": max(UPLOAD_LIMIT, MAX_UPLOAD + 1024 * 1024)}


def _history(ctx: AppContext) -> list[Any]:
    return ctx.store.list_attempts(area="resume", limit=8)


@router.get("/resume", response_class=HTMLResponse)
def index(request: Request, application: int | None = None, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The upload form and the recent checks; ``?application=ID`` prefills that application's job description."""
    job = ctx.store.get_application(application).job_description if application is not None else ""
    return render(request, "resume/index.html", {"history": _history(ctx), "job": job})


@router.post("/resume/check", response_class=HTMLResponse)
def check(request: Request, resume: Annotated[UploadFile, File()],
          job: Annotated[str, Form()] = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Check the uploaded resume (and the pasted job); store it; show the marked text.

    A plain ``def`` route: reading, parsing, analysing, saving and rendering (thousands of marked lines
    for a long document) run in a worker thread, so the event loop keeps serving other pages meanwhile.
    """
    from loopcoach.areas.resume.annotate import annotate
    from loopcoach.services.resume import check_resume, html_report

    partial = bool(request.headers.get("hx-request"))
    data = resume.file.read(MAX_UPLOAD + 1)
    filename = resume.filename or "resume.txt"
    try:
        if not filename.strip() or (not data and not resume.filename):
            raise BadInputError("Choose a resume file (PDF, DOCX, Markdown or text) to check.")
        if len(data) > MAX_UPLOAD:
            raise TooLargeError(f"{filename} is over 10 MB; loopcoach reads resumes up to 10 MB.")
        result, report = check_resume(ctx, data, filename, job if job.strip() else None, save=False)
    except BadInputError as exc:
        values: dict[str, Any] = {"error": exc.message, "job": job, "history": _history(ctx)}
        return render(request, "resume/_result.html" if partial else "resume/index.html", values,
                      status_code=200 if partial else 400)
    page = html_report(report, f"Resume check: {filename}")
    meta: dict[str, Any] = {"filename": filename, "format": result["format"], "html_report": page}
    if job.strip():
        meta["job_excerpt"] = job.strip()[:300]
    attempt_id = ctx.store.add_attempt("resume", None, report.resume.text[:200_000], result, report.score, meta=meta)
    values = {"r": result, "lines": annotate(report), "attempt_id": attempt_id, "filename": filename, "job": job,
              "history": _history(ctx)}
    return render(request, "resume/_result.html" if partial else "resume/index.html", values)


@router.get("/resume/report/{attempt_id}")
def report(attempt_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """The saved HTML report of one check, as a download."""
    attempt = ctx.store.get_attempt(attempt_id)
    page = attempt.meta.get("html_report") if attempt.area == "resume" else None
    if not isinstance(page, str):
        raise NotFoundError(f"Check number {attempt_id} has no saved HTML report.")
    return Response(page, media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="resume-check-{attempt_id}.html"'})
