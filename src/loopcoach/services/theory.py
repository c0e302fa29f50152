"""ML theory use cases: list and show questions, grade answers, drill with FSRS, go deep on projects.

Wires the theory bank, the grader (``areas.theory``), the store (attempts,
review_cards, review_logs) and the embedder. Every graded answer is stored
as an attempt with ``area="theory"``.
"""

from __future__ import annotations

import weakref
from datetime import UTC, datetime
from typing import Any

from loopcoach.areas.theory.deep import find_concepts
from loopcoach.areas.theory.grader import TheoryGrader
from loopcoach.areas.theory.result import GradeResult
from loopcoach.areas.theory.rubric import rubric_from_question, rubric_from_reference
from loopcoach.areas.theory.srs import (
    DEFAULT_NEW_PER_DAY,
    GOOD_FROM,
    LogEntry,
    compute_stats,
    new_cards_allowed,
    parse_rating,
    review,
)
from loopcoach.content.schemas.theory import TheoryQuestion
from loopcoach.errors import BadInputError, NotFoundError
from loopcoach.services.context import AppContext

AREA = "theory"
_GRADERS: weakref.WeakKeyDictionary[Any, TheoryGrader] = weakref.WeakKeyDictionary()
DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def questions(ctx: AppContext) -> list[TheoryQuestion]:
    """Every question of the bank (bundled and overlay), sorted by id."""
    return list(ctx.content("theory").items)


def get_question(ctx: AppContext, question_id: str) -> TheoryQuestion:
    """One question; NotFoundError naming the id when it does not exist."""
    try:
        question: TheoryQuestion = ctx.content("theory").get(question_id)
    except NotFoundError:
        raise NotFoundError(
            f"There is no theory question with id {question_id!r}; run 'loopcoach theory list' to see them."
        ) from None
    return question


def list_questions(ctx: AppContext, topic: str | None = None, difficulty: str | None = None) -> dict[str, Any]:
    """The ``theory list --json`` object."""
    items = [
        {"id": q.id, "title": q.title, "topic": q.topic, "difficulty": q.difficulty}
        for q in questions(ctx)
        if (topic is None or q.topic == topic) and (difficulty is None or q.difficulty == difficulty)
    ]
    return {"questions": items}


def grader(ctx: AppContext) -> TheoryGrader:
    """The grader for this context's embedder (rubric vectors are kept between answers)."""
    embedder = ctx.embedder
    found = _GRADERS.get(embedder)
    if found is None:
        found = TheoryGrader(embedder)
        _GRADERS[embedder] = found
    return found


def question_payload(q: TheoryQuestion) -> dict[str, Any]:
    """A question as shown before and after answering."""
    return {
        "id": q.id,
        "title": q.title,
        "topic": q.topic,
        "difficulty": q.difficulty,
        "concepts": list(q.concepts),
        "key_points": [p.text for p in q.key_points],
        "model_answer": q.model_answer.model_dump(),
        "follow_ups": list(q.follow_ups),
    }


def grade(ctx: AppContext, question_id: str, answer: str, *, save: bool = True) -> tuple[dict[str, Any], GradeResult]:
    """Grade an answer to a bank question; returns (contract dict, full result) and stores the attempt."""
    q = get_question(ctx, question_id)
    result = grader(ctx).grade(rubric_from_question(q), answer)
    out = result.to_contract()
    if save:
        out["attempt_id"] = ctx.store.add_attempt(
            AREA, q.id, answer, out, out["score"], meta={"mode": "question", "topic": q.topic}
        )
    return out, result


def grade_reference(ctx: AppContext, reference: str, answer: str, *, save: bool = True) -> dict[str, Any]:
    """Grade an answer against the user's own reference answer (key points derived from it)."""
    result = grader(ctx).grade(rubric_from_reference(reference), answer)
    out = result.to_contract()
    if save:
        out["attempt_id"] = ctx.store.add_attempt(
            AREA, None, answer, out, out["score"], meta={"mode": "reference", "reference": reference[:4000]}
        )
    return out


def schedule(ctx: AppContext, question_id: str, score: int, rating: str | int | None = None,
             now: datetime | None = None) -> dict[str, Any]:
    """Record an FSRS review of a question: the score's rating unless the user overrides it."""
    get_question(ctx, question_id)
    value = parse_rating(rating, score)
    stored = ctx.store.get_card(AREA, question_id)
    outcome = review(question_id, stored.card if stored else None, value, now)
    ctx.store.review(AREA, question_id, outcome.card, outcome.due.isoformat(), value, outcome.log)
    return {"question_id": question_id, "rating": value, "due": outcome.due.isoformat(),
            "interval_days": round(outcome.interval_days, 3), "in_words": _in_words(outcome.interval_days)}


def _in_words(days: float) -> str:
    """A review interval for people: "in 10 minutes", "in 3 hours", "in 8 days"."""
    minutes = days * 24 * 60
    if minutes < 60:
        n = max(1, round(minutes))
        return f"in {n} minute{'s' if n != 1 else ''}"
    if days < 1:
        n = round(minutes / 60)
        return f"in {n} hour{'s' if n != 1 else ''}"
    n = round(days)
    return f"in {n} day{'s' if n != 1 else ''}"


def _logs(ctx: AppContext) -> list[LogEntry]:
    entries = []
    for item_id, log in ctx.store.review_logs(AREA):
        when = log.log.get("review_datetime") or log.reviewed_at
        entries.append(LogEntry(item_id, log.rating, datetime.fromisoformat(str(when)).astimezone(UTC)))
    return entries


def next_question(ctx: AppContext, now: datetime | None = None, new_per_day: int = DEFAULT_NEW_PER_DAY,
                  only: list[str] | None = None, exclude: set[str] | None = None) -> dict[str, Any]:
    """The next card to practise: a due card first, else a new question within today's limit.

    ``only`` restricts the drill to some questions ("go deep" drills);
    ``exclude`` skips questions (the one just answered).
    """
    when = (now or datetime.now(UTC)).astimezone(UTC)
    allowed = set(only) if only is not None else None
    skip = exclude or set()
    for card in ctx.store.due_cards(AREA, when.isoformat(), limit=500):
        if (allowed is None or card.item_id in allowed) and card.item_id not in skip:
            try:
                return {"question_id": get_question(ctx, card.item_id).id, "kind": "due", "due": card.due}
            except NotFoundError:
                continue  # a question removed from the bank since it was reviewed
    carded = {c.item_id for c in ctx.store.list_cards(AREA)}
    fresh = sorted(
        (q for q in questions(ctx) if q.id not in carded and q.id not in skip
         and (allowed is None or q.id in allowed)),
        key=lambda q: (DIFFICULTY_ORDER.get(q.difficulty, 1), q.topic, q.id),
    )
    if only is not None:  # an explicit drill list keeps its own order
        fresh.sort(key=lambda q: only.index(q.id))
    remaining = new_cards_allowed(_logs(ctx), new_per_day, when)
    if fresh and (remaining > 0 or only is not None):
        return {"question_id": fresh[0].id, "kind": "new", "due": None}
    upcoming = [c for c in ctx.store.list_cards(AREA) if allowed is None or c.item_id in allowed]
    return {"question_id": None, "kind": "none", "due": upcoming[0].due if upcoming else None,
            "new_left_today": remaining}


def stats(ctx: AppContext, now: datetime | None = None) -> dict[str, Any]:
    """Retention, streak, due count and per-topic mastery."""
    cards = {c.item_id: c.card for c in ctx.store.list_cards(AREA)}
    topics = {q.id: q.topic for q in questions(ctx)}
    return compute_stats(_logs(ctx), cards, topics, now).to_dict()


def deep(ctx: AppContext, text: str, limit: int = 12) -> dict[str, Any]:
    """Find the bank's ML concepts in a project description and the questions that drill them."""
    if not text.strip():
        raise BadInputError("The project description is empty; paste a README or a few paragraphs.")
    found = find_concepts(questions(ctx), text, limit=limit)
    return {
        "concepts": found.concepts,
        "questions": [
            {"id": m.question.id, "title": m.question.title, "topic": m.question.topic,
             "difficulty": m.question.difficulty, "matched": list(m.matched), "score": round(m.score, 3)}
            for m in found.matches
        ],
    }


def is_good(score: int) -> bool:
    """Whether an answer is good enough for the interviewer to go deeper (follow-ups)."""
    return score >= GOOD_FROM
