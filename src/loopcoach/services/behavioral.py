"""Behavioral interview use cases: STAR story checks, the story bank with versions, coverage, practice.

Wires the STAR labeller (``areas.behavioral``), the behavioral question bank,
the embedder (to match stories to questions) and the store: stories and
their versions in ``stories``/``story_versions``, every analysis (a check, a
new version, a practice answer) as an attempt with ``area="behavioral"``.

The fitted labeller ships with the package (``areas/behavioral/data/
star_labeller.npz``, written by ``tools/fit_star_labeller.py``), keyed by the
feature version and a hash of the training data, so answering needs neither
scikit-learn nor a fit. When the key does not match (the training data or
the features changed and the file was not regenerated), the labeller is
fitted in memory, which needs the training extra; a test keeps the shipped
file current.
"""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import numpy as np

from loopcoach.areas.behavioral.analysis import analyse_story
from loopcoach.areas.behavioral.coverage import CAN_ANSWER, StoryRef, build_coverage, question_text
from loopcoach.areas.behavioral.dataset import fingerprint, training_stories, training_text
from loopcoach.areas.behavioral.labeller import FEATURE_VERSION, StarLabeller, fit_labeller
from loopcoach.content.schemas.behavioral import COMPETENCIES, COMPETENCY_NAMES, BehavioralQuestion
from loopcoach.errors import BadInputError, EmptyInputError, InternalError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext

AREA = "behavioral"
MAX_STORY_CHARS = 20_000  # about 3,500 words: far past the 3-minute target, still fast to analyse
MAX_TITLE_CHARS = 120
SHIPPED_LABELLER = "star_labeller.npz"
_LABELLERS: dict[str, StarLabeller] = {}
_LOCK = threading.Lock()


def labeller_key() -> str:
    """The key of the labeller the current features and training data give."""
    return f"{FEATURE_VERSION}-{fingerprint(training_text())}"


def shipped_labeller() -> tuple[str, StarLabeller] | None:
    """The labeller shipped with the package and its key, or None when the file is absent or unreadable."""
    ref = resources.files("loopcoach.areas.behavioral.data").joinpath(SHIPPED_LABELLER)
    try:
        with ref.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        return str(arrays.pop("key")), StarLabeller.from_arrays(arrays)
    except (OSError, ValueError, KeyError):
        return None


def get_labeller(ctx: AppContext) -> StarLabeller:
    """The fitted STAR labeller: from memory, else the shipped file, else fitted now (training extra)."""
    key = labeller_key()
    with _LOCK:
        if key in _LABELLERS:
            return _LABELLERS[key]
        shipped = shipped_labeller()
        if shipped is not None and shipped[0] == key:
            labeller = shipped[1]
        else:
            try:
                labeller = fit_labeller(training_stories())
            except ImportError:
                raise InternalError(f"The shipped STAR labeller ({SHIPPED_LABELLER}) does not match the "
                                    "training data and scikit-learn is missing to refit it: run "
                                    "tools/fit_star_labeller.py after 'make install-train'.") from None
        _LABELLERS[key] = labeller
        return labeller


def _clean_text(text: str) -> str:
    if not text.strip():
        raise EmptyInputError("The story is empty: write what happened, what you did and the result.")
    if len(text) > MAX_STORY_CHARS:
        raise TooLargeError(f"The story has {len(text):,} characters; the limit is {MAX_STORY_CHARS:,} "
                            "(a 3-minute answer is about 2,500).")
    return text


def analyse(ctx: AppContext, text: str) -> dict[str, Any]:
    """Analyse a story without storing it (the editor's live preview)."""
    return analyse_story(_clean_text(text), get_labeller(ctx)).to_dict()


def check_story(ctx: AppContext, text: str, source: str = "cli") -> dict[str, Any]:
    """The ``story check --json`` object; the analysis is stored as an attempt."""
    result = analyse(ctx, text)
    ctx.store.add_attempt(AREA, None, text, result, result["score"], meta={"kind": "check", "source": source})
    return result


# -- the story bank -------------------------------------------------------------------------------------------

def _check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise EmptyInputError("Give the story a short title, for example 'Fraud model latency'.")
    if len(title) > MAX_TITLE_CHARS:
        raise BadInputError(f"The title is longer than {MAX_TITLE_CHARS} characters; keep it short.")
    return title


def _check_tags(tags: list[str]) -> list[str]:
    unknown = [t for t in tags if t not in COMPETENCIES]
    if unknown:
        raise BadInputError(f"Unknown competency '{unknown[0]}'; use one of: {', '.join(COMPETENCIES)}.")
    return sorted(set(tags), key=COMPETENCIES.index)


def add_story(ctx: AppContext, title: str, text: str, tags: list[str] | None = None) -> dict[str, Any]:
    """Create a story with its first analysed version."""
    title = _check_title(title)
    clean_tags = _check_tags(tags or [])
    result = analyse(ctx, text)
    story_id = ctx.store.create_story(title, {"tags": clean_tags})
    version = ctx.store.add_story_version(story_id, text, result, result["score"])
    ctx.store.add_attempt(AREA, None, text, result, result["score"],
                          meta={"kind": "story_version", "story_id": story_id, "version": version})
    return show_story(ctx, story_id)


def revise_story(ctx: AppContext, story_id: int, text: str, title: str | None = None,
                 tags: list[str] | None = None, source: str = "edit") -> dict[str, Any]:
    """Add a new analysed version of a story (and optionally rename or retag it)."""
    story = ctx.store.get_story(story_id)
    result = analyse(ctx, text)
    meta = dict(story.meta)
    if tags is not None:
        meta["tags"] = _check_tags(tags)
    ctx.store.update_story(story_id, title=_check_title(title) if title is not None else None, meta=meta)
    version = ctx.store.add_story_version(story_id, text, result, result["score"])
    ctx.store.add_attempt(AREA, None, text, result, result["score"],
                          meta={"kind": "story_version", "story_id": story_id, "version": version, "source": source})
    return show_story(ctx, story_id)


def _summary(ctx: AppContext, story_id: int) -> dict[str, Any]:
    story = ctx.store.get_story(story_id)
    versions = ctx.store.story_versions(story_id)
    latest = versions[-1] if versions else None
    return {
        "id": story.id, "title": story.title, "tags": list(story.meta.get("tags", [])),
        "versions": len(versions), "score": latest.score if latest else None,
        "first_score": versions[0].score if versions else None,
        "words": latest.analysis.get("words") if latest else 0,
        "updated_at": story.updated_at, "text": latest.text if latest else "",
    }


def list_stories(ctx: AppContext) -> dict[str, Any]:
    """Every story with its latest score and version count."""
    return {"stories": [_summary(ctx, s.id) for s in ctx.store.list_stories()]}


def show_story(ctx: AppContext, story_id: int) -> dict[str, Any]:
    """One story: summary, latest analysis, and every version's score."""
    out = _summary(ctx, story_id)
    versions = ctx.store.story_versions(story_id)
    out["analysis"] = versions[-1].analysis if versions else None
    out["history"] = [{"version": v.version, "score": v.score, "created_at": v.created_at,
                       "words": v.analysis.get("words")} for v in versions]
    return out


def story_version(ctx: AppContext, story_id: int, version: int) -> dict[str, Any]:
    """The text and analysis of one version."""
    for v in ctx.store.story_versions(story_id):
        if v.version == version:
            return {"story_id": story_id, "version": v.version, "text": v.text, "analysis": v.analysis,
                    "score": v.score, "created_at": v.created_at}
    raise NotFoundError(f"Story {story_id} has no version {version}.")


def delete_story(ctx: AppContext, story_id: int) -> None:
    """Remove a story and all its versions."""
    ctx.store.delete_story(story_id)


# -- questions, coverage, practice ----------------------------------------------------------------------------

def questions(ctx: AppContext) -> list[BehavioralQuestion]:
    """Every behavioral question, sorted by id."""
    return list(ctx.content("behavioral").items)


def get_question(ctx: AppContext, question_id: str) -> BehavioralQuestion:
    """One question; NotFoundError naming the id otherwise."""
    try:
        question: BehavioralQuestion = ctx.content("behavioral").get(question_id)
    except NotFoundError:
        raise NotFoundError(f"There is no behavioral question with id {question_id!r}; "
                            "run 'loopcoach behavioral list' to see them.") from None
    return question


def list_questions(ctx: AppContext, competency: str | None = None) -> dict[str, Any]:
    """The ``behavioral list --json`` object."""
    if competency is not None and competency not in COMPETENCIES:
        raise BadInputError(f"Unknown competency '{competency}'; use one of: {', '.join(COMPETENCIES)}.")
    return {"questions": [
        {"id": q.id, "text": q.text, "competency": q.competency, "also": list(q.also), "kind": q.kind}
        for q in questions(ctx) if competency is None or competency in q.competencies
    ]}


def question_payload(q: BehavioralQuestion) -> dict[str, Any]:
    """Everything about a question, for display."""
    return {"id": q.id, "text": q.text, "competency": q.competency, "competency_name": COMPETENCY_NAMES[q.competency],
            "also": list(q.also), "kind": q.kind, "listens_for": list(q.listens_for), "follow_ups": list(q.follow_ups)}


def coverage(ctx: AppContext) -> dict[str, Any]:
    """Which questions each story can answer, competencies without a story, the suggested story per question."""
    stories = [s for s in list_stories(ctx)["stories"] if s["text"]]
    qs = questions(ctx)
    refs = [StoryRef(s["id"], s["title"], s["text"], tuple(s["tags"])) for s in stories]
    if refs:
        story_vecs = ctx.embedder.encode([r.title + ". " + r.text for r in refs])
        question_vecs = ctx.embedder.encode([question_text(q) for q in qs], cache=True)
    else:
        story_vecs = question_vecs = np.zeros((0, 384), dtype=np.float32)
    cov = build_coverage(refs, qs, story_vecs, question_vecs)
    titles = {s["id"]: s["title"] for s in stories}
    by_question = []
    for q in qs:
        best, closest = cov.suggestion(q.id), cov.closest(q.id)
        by_question.append({
            "id": q.id, "text": q.text, "competency": q.competency,
            "suggested_story": None if best is None else {"id": best.story_id, "title": titles[best.story_id],
                                                          "score": best.score, "reason": best.reason},
            "closest_story": None if closest is None else {"id": closest.story_id, "title": titles[closest.story_id],
                                                           "score": closest.score, "reason": closest.reason},
        })
    return {
        "threshold": CAN_ANSWER,
        "stories": [{"id": s["id"], "title": s["title"], "score": s["score"],
                     "competencies": cov.story_competencies[s["id"]],
                     "tags": [c for c in cov.story_competencies[s["id"]] if c in s["tags"]],
                     "detected": {c: w for c, w in cov.detected[s["id"]].items() if c not in s["tags"]},
                     "questions": [{"id": m.question_id, "score": m.score} for m in cov.by_story[s["id"]]]}
                    for s in stories],
        "questions": by_question,
        "uncovered_competencies": cov.uncovered,
        "competency_names": dict(COMPETENCY_NAMES),
    }


def suggest_story(ctx: AppContext, question_id: str) -> dict[str, Any] | None:
    """The suggested story for one question, or None."""
    get_question(ctx, question_id)
    for q in coverage(ctx)["questions"]:
        if q["id"] == question_id:
            suggestion: dict[str, Any] | None = q["suggested_story"]
            return suggestion
    return None


def pick_question(ctx: AppContext, question_id: str | None = None, competency: str | None = None,
                  seed: int | None = None) -> BehavioralQuestion:
    """A chosen question, or a random one (optionally of one competency)."""
    if question_id:
        return get_question(ctx, question_id)
    pool = [q for q in questions(ctx) if competency is None or competency in q.competencies]
    if not pool:
        raise BadInputError(f"No question has the competency '{competency}'.")
    return random.Random(seed).choice(pool)


def submit_practice(ctx: AppContext, question_id: str, text: str, seconds: float | None = None,
                    story_id: int | None = None) -> dict[str, Any]:
    """Analyse a timed practice answer; store it; with ``story_id`` save it as the story's new version."""
    question = get_question(ctx, question_id)
    result = analyse(ctx, text)
    elapsed = None if seconds is None else max(0.0, min(float(seconds), 3600.0))
    finished = datetime.now(UTC)
    started = None if elapsed is None else datetime.fromtimestamp(finished.timestamp() - elapsed, UTC)
    ctx.store.add_attempt(AREA, question.id, text, result, result["score"],
                          started_at=started.isoformat(timespec="seconds") if started else None,
                          finished_at=finished.isoformat(timespec="seconds"),
                          meta={"kind": "practice", "seconds": elapsed, "story_id": story_id})
    out: dict[str, Any] = {"question": question_payload(question), "analysis": result, "seconds": elapsed,
                           "story": None}
    if story_id is not None:
        out["story"] = revise_story(ctx, story_id, text, source="practice")
    return out


def practice_history(ctx: AppContext, limit: int = 20) -> list[dict[str, Any]]:
    """Recent practice answers: question, score, time taken."""
    rows = []
    for a in ctx.store.list_attempts(area=AREA, limit=200):
        if a.meta.get("kind") == "practice":
            rows.append({"question_id": a.item_id, "score": a.score, "seconds": a.meta.get("seconds"),
                         "finished_at": a.finished_at})
    return rows[:limit]
