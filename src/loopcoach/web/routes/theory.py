"""Web pages of the ML theory area: questions by topic, the drill, statistics and "go deep".

The drill is one page: the card (question + answer box) posts with htmx to
``/theory/drill/answer``, which returns the feedback (which sentence covered
which key point, wrong claims, the model answer, a follow-up after a good
answer) and the FSRS rating buttons; a rating posts to ``/theory/drill/rate``,
which schedules the card and returns the next one. Without JavaScript the
same forms post and get full pages.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("ML theory", "/theory", 40)
RATINGS = (("again", 1), ("hard", 2), ("good", 3), ("easy", 4))
MAX_ANSWER_CHARS = 20_000


def _deck(deck: str) -> list[str] | None:
    ids = [d for d in (deck or "").split(",") if d.strip()]
    return [d.strip() for d in ids] or None


def _card_context(ctx: AppContext, deck: str, question_id: str | None = None,
                  exclude: set[str] | None = None) -> dict[str, Any]:
    from loopcoach.services import theory

    if question_id:
        return {"question": theory.get_question(ctx, question_id), "kind": "chosen", "deck": deck, "next": None}
    nxt = theory.next_question(ctx, only=_deck(deck), exclude=exclude)
    found = theory.get_question(ctx, nxt["question_id"]) if nxt["question_id"] else None
    return {"question": found, "kind": nxt["kind"], "deck": deck, "next": nxt}


@router.get("/theory", response_class=HTMLResponse)
def index(request: Request, topic: str = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Questions grouped by topic, with practice statistics."""
    from loopcoach.services import theory

    grouped: dict[str, list[Any]] = {}
    for q in theory.questions(ctx):
        if not topic or q.topic == topic:
            grouped.setdefault(q.topic, []).append(q)
    cards = {c.item_id: c for c in ctx.store.list_cards("theory")}
    return render(request, "theory/index.html", {
        "grouped": dict(sorted(grouped.items())), "topic": topic, "stats": theory.stats(ctx), "cards": cards,
        "topics": sorted({q.topic for q in theory.questions(ctx)}),
    })


@router.get("/theory/drill", response_class=HTMLResponse)
def drill_page(request: Request, q: str = "", deck: str = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The drill: the next due (or new) card, or the question ``q``."""
    return render(request, "theory/drill.html", _card_context(ctx, deck, q or None))


@router.post("/theory/drill/answer", response_class=HTMLResponse)
def answer(request: Request, question_id: Annotated[str, Form()], answer: Annotated[str, Form()] = "",
           deck: Annotated[str, Form()] = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Grade the answer, store the attempt, and show feedback, model answer and rating buttons."""
    from loopcoach.areas.theory.result import sentence_marks
    from loopcoach.areas.theory.srs import rating_for_score
    from loopcoach.services import theory

    q = theory.get_question(ctx, question_id)
    partial = bool(request.headers.get("hx-request"))
    try:
        if len(answer) > MAX_ANSWER_CHARS:
            raise BadInputError(f"The answer is longer than {MAX_ANSWER_CHARS:,} characters; shorten it.")
        out, result = theory.grade(ctx, q.id, answer)
    except BadInputError as exc:
        values = {"question": q, "kind": "chosen", "deck": deck, "next": None, "error": exc.message,
                  "answer": answer}
        return render(request, "theory/_card.html" if partial else "theory/drill.html", values,
                      status_code=200 if partial else 400)
    values = {
        "question": q, "out": out, "result": result, "deck": deck, "answer": answer,
        "marked": sentence_marks(result), "suggested": rating_for_score(out["score"]),
        "good": theory.is_good(out["score"]), "ratings": RATINGS,
    }
    return render(request, "theory/_result.html" if partial else "theory/drill.html", values)


@router.post("/theory/drill/rate", response_class=HTMLResponse)
def rate(request: Request, question_id: Annotated[str, Form()], rating: Annotated[str, Form()],
         score: Annotated[int, Form()] = 0, deck: Annotated[str, Form()] = "",
         ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Schedule the card with the chosen rating, then show the next card."""
    from loopcoach.services import theory

    scheduled = theory.schedule(ctx, question_id, score, rating)
    values = _card_context(ctx, deck, exclude={question_id})
    values["scheduled"] = scheduled
    partial = bool(request.headers.get("hx-request"))
    return render(request, "theory/_card.html" if partial else "theory/drill.html", values)


@router.post("/theory/drill/follow-up", response_class=HTMLResponse)
def follow_up(request: Request, question_id: Annotated[str, Form()], follow_up: Annotated[str, Form()],
              answer: Annotated[str, Form()] = "", ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Save the answer to a follow-up question (an attempt with mode follow_up)."""
    from loopcoach.services import theory

    q = theory.get_question(ctx, question_id)
    if not answer.strip():
        raise BadInputError("The follow-up answer is empty; write a few sentences.")
    ctx.store.add_attempt("theory", q.id, answer[:MAX_ANSWER_CHARS], {"follow_up": follow_up}, None,
                          meta={"mode": "follow_up", "question": follow_up})
    return HTMLResponse('<p class="flash ok" role="status">Follow-up answer saved. Compare it with the model '
                        "answer above.</p>")


@router.get("/theory/stats", response_class=HTMLResponse)
def stats_page(request: Request, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Retention, streak, due cards and mastery per topic, with recent attempts."""
    from loopcoach.services import theory

    attempts = [a for a in ctx.store.list_attempts(area="theory", limit=20) if a.score is not None]
    return render(request, "theory/stats.html", {"stats": theory.stats(ctx), "attempts": attempts})


@router.get("/theory/deep", response_class=HTMLResponse)
def deep_page(request: Request) -> HTMLResponse:
    """The "go deep on your projects" form."""
    return render(request, "theory/deep.html", {"found": None, "text": ""})


@router.post("/theory/deep", response_class=HTMLResponse)
def deep_post(request: Request, text: Annotated[str, Form()] = "",
              ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Find the concepts of a project description and the questions on them."""
    from loopcoach.services import theory

    try:
        found = theory.deep(ctx, text[:200_000])
    except BadInputError as exc:
        return render(request, "theory/deep.html", {"found": None, "text": text, "error": exc.message},
                      status_code=400)
    deck = ",".join(q["id"] for q in found["questions"])
    return render(request, "theory/deep.html", {"found": found, "text": text, "deck": deck})
