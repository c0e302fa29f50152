"""Behavioral and recruiter-screen pages: story bank, live STAR editor, coverage, timed practice, pitch, prep.

The story editor posts the text to ``/behavioral/analyse`` as the candidate
types (htmx, debounced) and swaps in the labelled sentences and feedback.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from loopcoach.content.schemas.behavioral import COMPETENCIES, COMPETENCY_NAMES
from loopcoach.errors import BadInputError, LoopcoachError
from loopcoach.services import behavioral, pitch
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Behavioral", "/behavioral", 60)
COMPETENCY_CHOICES = [(c, COMPETENCY_NAMES[c]) for c in COMPETENCIES]
Text = Annotated[str, Form()]


def _analysis_partial(request: Request, analysis: dict[str, Any] | None, error: str | None = None) -> HTMLResponse:
    return render(request, "behavioral/_analysis.html", {"a": analysis, "error": error})


@router.get("/behavioral", response_class=HTMLResponse)
def bank(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The story bank: every story with its score and versions."""
    return render(request, "behavioral/bank.html", {"stories": behavioral.list_stories(ctx)["stories"],
                                                    "names": COMPETENCY_NAMES})


@router.post("/behavioral/analyse", response_class=HTMLResponse)
def analyse(request: Request, text: Text = "", kind: Text = "story", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Live analysis for the editors (htmx partial): story or pitch."""
    name = "behavioral/_pitch_analysis.html" if kind == "pitch" else "behavioral/_analysis.html"
    if not text.strip():
        return render(request, name, {"a": None, "error": None, "kind": kind})
    try:
        result = pitch.analyse(ctx, text) if kind == "pitch" else behavioral.analyse(ctx, text)
    except LoopcoachError as exc:
        return render(request, name, {"a": None, "error": exc.message, "kind": kind})
    return render(request, name, {"a": result, "error": None, "kind": kind})


@router.get("/behavioral/stories/new", response_class=HTMLResponse)
def new_story(request: Request) -> HTMLResponse:
    """The editor for a new story."""
    return render(request, "behavioral/editor.html", {"story": None, "competencies": COMPETENCY_CHOICES,
                                                      "text": "", "error": None})


@router.post("/behavioral/stories", response_model=None)
def create_story(request: Request, title: Text = "", text: Text = "",
                 tags: Annotated[list[str] | None, Form()] = None,
                 ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save a new story (version 1) and open it."""
    try:
        story = behavioral.add_story(ctx, title, text, tags or [])
    except BadInputError as exc:  # show the form again with the text, so nothing typed is lost
        return render(request, "behavioral/editor.html", {"story": None, "competencies": COMPETENCY_CHOICES,
                                                          "text": text, "title": title, "error": exc.message},
                      status_code=exc.http_status)
    return RedirectResponse(f"/behavioral/stories/{story['id']}?saved=1", status_code=303)


@router.get("/behavioral/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int, saved: int = 0, version: int | None = None,
               ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """A story in the editor, with its analysis, version history and the questions it can answer."""
    story = behavioral.show_story(ctx, story_id)
    shown = behavioral.story_version(ctx, story_id, version) if version else None
    text = shown["text"] if shown else story["text"]
    analysis = shown["analysis"] if shown else story["analysis"]
    return render(request, "behavioral/editor.html", {
        "story": story, "text": text, "analysis": analysis, "competencies": COMPETENCY_CHOICES,
        "saved": bool(saved), "viewing_version": version, "error": None})


@router.post("/behavioral/stories/{story_id}", response_model=None)
def save_story(request: Request, story_id: int, title: Text = "", text: Text = "",
               tags: Annotated[list[str] | None, Form()] = None, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save the editor's text as the story's next version."""
    story = behavioral.show_story(ctx, story_id)  # an unknown story is a 404 before anything else
    try:
        behavioral.revise_story(ctx, story_id, text, title=title, tags=tags or [])
    except BadInputError as exc:
        return render(request, "behavioral/editor.html", {
            "story": story, "text": text, "analysis": None, "competencies": COMPETENCY_CHOICES, "saved": False,
            "viewing_version": None, "error": exc.message}, status_code=exc.http_status)
    return RedirectResponse(f"/behavioral/stories/{story_id}?saved=1", status_code=303)


@router.post("/behavioral/stories/{story_id}/delete", response_model=None)
def delete_story(story_id: int, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Remove a story and its versions."""
    behavioral.delete_story(ctx, story_id)
    return RedirectResponse("/behavioral", status_code=303)


@router.get("/behavioral/questions", response_class=HTMLResponse)
def questions_page(request: Request, competency: str | None = None,
                   ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The question bank grouped by competency."""
    chosen = competency if competency in COMPETENCIES else None
    qs = [behavioral.question_payload(q) for q in behavioral.questions(ctx)
          if chosen is None or chosen in q.competencies]
    groups = [(c, name, [q for q in qs if q["competency"] == c]) for c, name in COMPETENCY_CHOICES]
    return render(request, "behavioral/questions.html", {"groups": [g for g in groups if g[2]],
                                                         "competencies": COMPETENCY_CHOICES, "chosen": chosen})


@router.get("/behavioral/coverage", response_class=HTMLResponse)
def coverage_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Which story answers which question; competencies without a story."""
    return render(request, "behavioral/coverage.html", {"c": behavioral.coverage(ctx), "names": COMPETENCY_NAMES})


@router.get("/behavioral/practice", response_class=HTMLResponse)
def practice_page(request: Request, question: str | None = None, competency: str | None = None,
                  ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """A chosen or random question with a running timer and an answer box."""
    q = behavioral.pick_question(ctx, question, competency if competency in COMPETENCIES else None)
    suggestion = behavioral.suggest_story(ctx, q.id) if behavioral.list_stories(ctx)["stories"] else None
    return render(request, "behavioral/practice.html", {
        "q": behavioral.question_payload(q), "stories": behavioral.list_stories(ctx)["stories"],
        "suggestion": suggestion, "competencies": COMPETENCY_CHOICES,
        "history": behavioral.practice_history(ctx, 5)})


@router.post("/behavioral/practice", response_class=HTMLResponse)
def practice_submit(request: Request, question_id: Text, text: Text = "", seconds: Text = "",
                    story_id: Text = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Analyse the answer; optionally save it as the next version of a story."""
    try:
        elapsed = float(seconds) if seconds.strip() else None
    except ValueError:
        elapsed = None
    story = int(story_id) if story_id.strip().isdigit() else None
    result = behavioral.submit_practice(ctx, question_id, text, elapsed, story)
    return render(request, "behavioral/practice_result.html", {"r": result, "a": result["analysis"]})


@router.get("/behavioral/pitch", response_class=HTMLResponse)
def pitch_page(request: Request, saved: int = 0, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The 2-minute pitch editor with live checking and the saved pitches."""
    history = pitch.pitch_history(ctx)
    return render(request, "behavioral/pitch.html", {"history": history, "saved": bool(saved),
                                                     "text": history[0]["text"] if history else ""})


@router.post("/behavioral/pitch", response_model=None)
def pitch_save(text: Text = "", ctx: AppContext = Depends(get_ctx)) -> Response:
    """Check and store a pitch."""
    pitch.check_pitch(ctx, text, source="web")
    return RedirectResponse("/behavioral/pitch?saved=1", status_code=303)


@router.get("/behavioral/recruiter", response_class=HTMLResponse)
def recruiter_page(request: Request, saved: str = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Recruiter-screen preparation: background summary, why-this-company notes, salary worksheet."""
    return render(request, "behavioral/recruiter.html", {
        "background": pitch.background(ctx), "companies": pitch.company_notes(ctx),
        "salary": pitch.salary(ctx), "saved": saved})


@router.post("/behavioral/recruiter/background", response_model=None)
def recruiter_background(body: Text = "", ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save the background summary."""
    pitch.save_background(ctx, body)
    return RedirectResponse("/behavioral/recruiter?saved=background#background", status_code=303)


@router.post("/behavioral/recruiter/company", response_model=None)
def recruiter_company(company: Text = "", body: Text = "", ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save a "why this company" note."""
    pitch.save_company_note(ctx, company, body)
    return RedirectResponse("/behavioral/recruiter?saved=company#companies", status_code=303)


@router.post("/behavioral/recruiter/company/delete", response_model=None)
def recruiter_company_delete(company: Text = "", ctx: AppContext = Depends(get_ctx)) -> Response:
    """Remove a company's note."""
    pitch.delete_company_note(ctx, company)
    return RedirectResponse("/behavioral/recruiter#companies", status_code=303)


@router.post("/behavioral/recruiter/salary", response_model=None)
async def recruiter_salary(request: Request, ctx: AppContext = Depends(get_ctx)) -> Response:
    """Save the salary-expectations worksheet."""
    form = await request.form()
    fields = {k: str(form.get(k, "")) for k in (*pitch.SALARY_NUMBERS, *pitch.SALARY_TEXTS)}
    await run_in_threadpool(pitch.save_salary, ctx, fields)  # a database write: off the event loop
    return RedirectResponse("/behavioral/recruiter?saved=salary#salary", status_code=303)
