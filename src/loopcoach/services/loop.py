"""Mock interview loops: start, autosave, time, pause and resume, grade with the areas' services, report.

A loop is a ``mock_sessions`` row of kind "loop"; its state holds the
format, the interviews (area, time box, clock, the chosen items with the
user's typed answers, the scorecard once graded), the phase (interview,
break, done) and the report. Every keystroke batch is saved into the state
(``save_answer``), so closing the browser or stopping the server loses
nothing. Grading calls the area services (coding judge, theory grader,
design grader, STAR analysis, pitch check), which also record their own
attempts; the scorecards are built from those results by
``areas.loop.scorecard``. Items are chosen by ``areas.loop.select``.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from loopcoach.areas.coding.harness import default_run_input
from loopcoach.areas.loop import formats, scorecard
from loopcoach.areas.loop.recruiter import compensation_answer
from loopcoach.areas.loop.select import Candidate, Seen, choose
from loopcoach.errors import BadInputError, LoopcoachError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext
from loopcoach.store.records import Session

KIND = "loop"
MAX_ANSWER = 60_000
MAX_QUESTION = 500
MAX_QUESTIONS = 25
FIELDS = ("answer", "claimed_time", "approach")
SERVICES = {"coding": "coding", "theory": "theory", "design": "design", "behavioral": "behavioral",
            "pitch": "pitch"}
PITCH_PROMPT = "Tell me about yourself: give me a two-minute summary of your best project."
SALARY_PROMPT = "What are your salary expectations for this role?"


def _now() -> datetime:
    return datetime.now(UTC)


def available_areas() -> set[str]:
    """Areas whose service is installed (the loop only offers those)."""
    out = set()
    for area, module in SERVICES.items():
        if importlib.util.find_spec(f"loopcoach.services.{module}") is not None:
            out.add(area)
    if "design" in out and not hasattr(importlib.import_module("loopcoach.services.design"), "grade"):
        out.discard("design")
    return out


def _bank(ctx: AppContext, area: str) -> list[Any]:
    items: list[Any] = ctx.content(area).items
    return items


def _topics(area: str, item: Any) -> tuple[str, ...]:
    if area == "coding":
        return tuple(item.topics)
    if area == "theory":
        return (item.topic,)
    if area == "design":
        return (item.category,)
    return (item.competency,)


def _history(ctx: AppContext, area: str, topics: dict[str, tuple[str, ...]]
             ) -> tuple[dict[str, Seen], dict[str, float | None]]:
    seen: dict[str, Seen] = {}
    per_topic: dict[str, list[int]] = defaultdict(list)
    for a in ctx.store.list_attempts(area=area, limit=1000):  # most recent first
        if not a.item_id:
            continue
        if a.item_id not in seen:
            seen[a.item_id] = Seen(datetime.fromisoformat(a.finished_at).date(), a.score)
        if a.score is not None:
            for t in topics.get(a.item_id, ()):
                if len(per_topic[t]) < 5:
                    per_topic[t].append(a.score)
    scores: dict[str, float | None] = {t: None for ts in topics.values() for t in ts}
    scores.update({t: sum(v) / len(v) for t, v in per_topic.items()})
    return seen, scores


def pick_items(ctx: AppContext, area: str, k: int, rng: random.Random, difficulty: tuple[str, ...] = (),
               today: date | None = None, exclude: set[str] | None = None) -> list[Any]:
    """Choose ``k`` items of an area adaptively (weak topics, not seen lately, not mastered)."""
    bank = [i for i in _bank(ctx, area) if (not difficulty or getattr(i, "difficulty", None) in difficulty)
            and (area != "behavioral" or i.kind == "story") and i.id not in (exclude or set())]
    topics = {i.id: _topics(area, i) for i in bank}
    seen, scores = _history(ctx, area, topics)
    ids = choose([Candidate(i.id, topics[i.id]) for i in bank], seen, scores, today or _now().date(), k, rng)
    by_id = {i.id: i for i in bank}
    return [by_id[x] for x in ids]


def _item(area: str, obj: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"area": area, "item_id": obj.id, "title": obj.title if hasattr(obj, "title") else obj.text,
                            "answer": "", "claimed_time": "", "approach": "", "analysis": None}
    if area == "coding":
        base["answer"] = obj.starter_code
        base["prompt"] = obj.statement
        base["examples"] = [{"input": e.input, "output": e.output, "explanation": e.explanation or ""}
                            for e in obj.examples]
        base["difficulty"] = obj.difficulty
        # Run's default input: the first shown example, as on the practice pad (one JSON value per line).
        base["run_input"] = default_run_input(obj)
    elif area == "design":
        base["prompt"] = obj.prompt
    return base


def _recruiter_items(ctx: AppContext, rng: random.Random) -> list[dict[str, Any]]:
    motivation = [q for q in _bank(ctx, "behavioral") if q.kind == "motivation"
                  and q.id != "motivation-tell-me-about-yourself"]
    items = [{"area": "pitch", "item_id": "two-minute-pitch", "title": PITCH_PROMPT, "answer": "",
              "claimed_time": "", "approach": "", "analysis": None}]
    if motivation:
        q = rng.choice(motivation)
        items.append({"area": "motivation", "item_id": q.id, "title": q.text, "answer": "", "claimed_time": "",
                      "approach": "", "analysis": None})
    items.append({"area": "compensation", "item_id": "salary-expectations", "title": SALARY_PROMPT, "answer": "",
                  "claimed_time": "", "approach": "", "analysis": None})
    return items


def start(ctx: AppContext, fmt: str, mix: list[str] | None = None, minutes: int = 45, break_minutes: int = 10,
          seed: int | None = None) -> dict[str, Any]:
    """Create a loop of a format with adaptively chosen items; its first interview's clock starts now."""
    have = available_areas()
    plan = formats.specs(fmt, mix, minutes, have)
    if fmt == "recruiter_screen" and not {"pitch", "behavioral"} <= have:
        raise BadInputError("The recruiter screen needs the pitch and behavioral areas, which are not installed.")
    if not 0 <= break_minutes <= 30:
        raise BadInputError(f"Breaks last 0 to 30 minutes; you chose {break_minutes}.")
    rng = random.Random(seed)
    used: dict[str, set[str]] = defaultdict(set)
    interviews = []
    for n, spec in enumerate(plan):
        if spec.area == "recruiter":
            items = _recruiter_items(ctx, rng)
        else:
            picked = pick_items(ctx, spec.area, spec.items, rng, spec.difficulty, exclude=used[spec.area])
            used[spec.area].update(i.id for i in picked)
            items = [_item(spec.area, obj) for obj in picked]
        interviews.append({"index": n, "area": spec.area, "title": formats.AREA_TITLES[spec.area],
                           "minutes": spec.minutes, "elapsed_s": 0.0, "running_since": None, "items": items,
                           "scorecard": None})
    now = _now()
    interviews[0] = formats.run(interviews[0], now)
    state = {"format": fmt, "title": formats.FORMATS[fmt], "interviews": interviews, "current": 0,
             "phase": "interview", "break_minutes": break_minutes if fmt == "onsite" else 0,
             "break_started": None, "report": None, "started_at": now.isoformat()}
    session_id = ctx.store.create_session(KIND, state)
    return view(ctx, session_id)


def get(ctx: AppContext, session_id: int) -> Session:
    """A loop session of this user; NotFoundError otherwise."""
    session = ctx.store.get_session(session_id)
    if session.kind != KIND:
        raise NotFoundError(f"There is no mock loop number {session_id}.")
    return session


def view(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """The loop's state with the clock of the current interview computed now."""
    session = get(ctx, session_id)
    state = dict(session.state)
    now = _now()
    current = state["interviews"][state["current"]] if state["phase"] != "done" else None
    state["id"] = session.id
    state["status"] = session.status
    state["remaining_s"] = round(formats.remaining(current, now)) if current else 0
    state["elapsed_s_now"] = round(formats.elapsed(current, now)) if current else 0
    return state


def _active(ctx: AppContext, session_id: int) -> tuple[Session, dict[str, Any]]:
    session = get(ctx, session_id)
    if session.state["phase"] == "done":
        raise BadInputError("This mock loop is finished; open its report.")
    return session, dict(session.state)


def save_answer(ctx: AppContext, session_id: int, item: int, field: str, text: str) -> dict[str, Any]:
    """Autosave one field of one item of the current interview."""
    if field not in FIELDS:
        raise BadInputError(f"There is no answer field named '{field}'.")
    if len(text) > MAX_ANSWER:
        raise TooLargeError(f"An answer is limited to {MAX_ANSWER:,} characters.")
    if "\x00" in text:
        raise BadInputError("The answer contains a binary character.")
    session, state = _active(ctx, session_id)
    interview = state["interviews"][state["current"]]
    if not 0 <= item < len(interview["items"]):
        raise NotFoundError(f"The current interview has no question number {item + 1}.")
    interview["items"][item][field] = text
    ctx.store.update_session(session.id, state=state)
    return {"saved": True, "field": field, "item": item, "chars": len(text)}


def run_code(ctx: AppContext, session_id: int, item: int, source: str, input_text: str) -> dict[str, Any]:
    """Run a coding item's code on a custom input (not judged, not scored), as the practice pad's Run."""
    from loopcoach.services import coding

    _, state = _active(ctx, session_id)
    interview = state["interviews"][state["current"]]
    if not 0 <= item < len(interview["items"]) or interview["items"][item]["area"] != "coding":
        raise NotFoundError(f"The current interview has no coding question number {item + 1}.")
    return coding.run_custom(ctx, interview["items"][item]["item_id"], source, input_text)


def ask(ctx: AppContext, session_id: int, item: int, question: str) -> list[dict[str, Any]]:
    """Ask the design interviewer a clarifying question (the design service answers from the hidden facts)."""
    text = question.strip()
    if not text:
        raise BadInputError("Type a question for the interviewer first.")
    if len(text) > MAX_QUESTION:
        raise TooLargeError(f"A question is limited to {MAX_QUESTION} characters.")
    session, state = _active(ctx, session_id)
    interview = state["interviews"][state["current"]]
    if not 0 <= item < len(interview["items"]) or interview["items"][item]["area"] != "design":
        raise NotFoundError("Only a design question of the current interview takes clarifying questions.")
    entry = interview["items"][item]
    asked = entry.setdefault("questions", [])
    if len(asked) >= MAX_QUESTIONS:
        raise BadInputError(f"You asked {MAX_QUESTIONS} questions already: time to design.")
    replies = _service("design").ask(ctx, entry["item_id"], text)["replies"]
    words = len(str(entry.get("answer", "")).split())
    asked.extend({"text": text, "part": r["question"], "reply": r["text"], "intent": r["intent"],
                  "notes_words": words} for r in replies)
    ctx.store.update_session(session.id, state=state)
    return list(asked)


def pause(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """Stop the clock; the loop waits, with everything typed so far."""
    session, state = _active(ctx, session_id)
    if state["phase"] == "interview":
        state["interviews"][state["current"]] = formats.pause(state["interviews"][state["current"]], _now())
    ctx.store.update_session(session.id, state=state, status="paused")
    return view(ctx, session_id)


def resume(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """Restart the clock where it stopped."""
    session, state = _active(ctx, session_id)
    if state["phase"] == "interview":
        state["interviews"][state["current"]] = formats.run(state["interviews"][state["current"]], _now())
    ctx.store.update_session(session.id, state=state, status="active")
    return view(ctx, session_id)


def next_interview(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """End the break and start the next interview's clock."""
    session, state = _active(ctx, session_id)
    if state["phase"] != "break":
        raise BadInputError("There is no break to end: the current interview is still open.")
    state["phase"] = "interview"
    state["interviews"][state["current"]] = formats.run(state["interviews"][state["current"]], _now())
    ctx.store.update_session(session.id, state=state, status="active")
    return view(ctx, session_id)


def _service(name: str) -> Any:
    return importlib.import_module(f"loopcoach.services.{name}")


def _grade_item(ctx: AppContext, item: dict[str, Any], started_at: str | None) -> dict[str, Any] | None:
    """The area service's analysis of one answer; None when nothing was written."""
    text = str(item["answer"])
    area = item["area"]
    if area == "compensation":
        return compensation_answer(text)
    if not text.strip():
        return None
    if area == "coding":
        result: dict[str, Any] = _service("coding").submit(
            ctx, item["item_id"], text, claimed_time=item.get("claimed_time", ""),
            approach=item.get("approach", ""), started_at=started_at, via="loop")
        return result
    if area == "theory":
        graded, _full = _service("theory").grade(ctx, item["item_id"], text)
        return dict(graded)
    if area == "design":
        from loopcoach.areas.design.grader import AskedQuestion

        asked = [AskedQuestion(q["text"], q.get("intent"), int(q.get("notes_words", 0)))
                 for q in item.get("questions", [])]
        return dict(_service("design").grade(ctx, item["item_id"], text, questions=asked, meta={"via": "loop"}))
    if area == "behavioral":
        practice = _service("behavioral").submit_practice(ctx, item["item_id"], text)
        return dict(practice["analysis"])
    if area == "pitch":
        return dict(_service("pitch").check_pitch(ctx, text, source="loop"))
    if area == "motivation":
        return dict(_service("behavioral").analyse(ctx, text))
    raise BadInputError(f"Unknown interview area '{area}'.")


def _no_answer(area: str, errors: list[str]) -> list[dict[str, Any]]:
    why = errors or ["No answer was written."]
    return [{"id": d, "label": label, "rating": 1, "evidence": list(why)} for d, label in scorecard.DIMENSIONS[area]]


def _ratings(ctx: AppContext, interview: dict[str, Any]) -> list[dict[str, Any]]:
    area = interview["area"]
    items = interview["items"]
    results = [i["analysis"] for i in items]
    if area == "recruiter":
        by = {i["area"]: i["analysis"] for i in items}
        return scorecard.recruiter_card(by.get("pitch"), by.get("motivation"), by["compensation"])
    answered = [(i, r) for i, r in zip(items, results, strict=True) if r is not None]
    if not answered:
        return _no_answer(area, [f"Could not be graded: {i['error']}" for i in items if i.get("error")])
    if area == "coding":
        item, result = answered[0]
        optimal = ctx.content("coding").get(item["item_id"]).complexity.time_class
        return scorecard.coding_card(result, item["claimed_time"], item["approach"], optimal)
    if area == "design":
        return scorecard.design_card(answered[0][1])
    titles = [i["title"] for i, _ in answered]
    unanswered = len(items) - len(answered)
    card = (scorecard.theory_card if area == "theory" else scorecard.behavioral_card)([r for _, r in answered],
                                                                                       titles)
    if unanswered:
        for r in card:
            r["rating"] = max(1, r["rating"] - 1)
            r["evidence"].append(f"{unanswered} of {len(items)} questions were left unanswered.")
    return card


def submit(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """Grade the current interview with its area's service, write its scorecard, move on."""
    session, state = _active(ctx, session_id)
    if state["phase"] != "interview":
        raise BadInputError("The current interview is already graded; start the next one.")
    now = _now()
    interview = formats.pause(state["interviews"][state["current"]], now)
    started = state["started_at"]
    for item in interview["items"]:
        try:
            item["analysis"] = _grade_item(ctx, item, started)
        except LoopcoachError as exc:
            item["analysis"] = None
            item["error"] = exc.message
        except Exception as exc:  # another area's bug must not lose the user's loop
            item["analysis"] = None
            item["error"] = (f"the {item['area']} analysis failed unexpectedly ({type(exc).__name__}); "
                             "the answer is kept in this loop")
    overtime = max(0.0, formats.elapsed(interview, now) - interview["minutes"] * 60)
    interview["scorecard"] = scorecard.scorecard(interview["area"], interview["title"], _ratings(ctx, interview),
                                                 overtime)
    state["interviews"][state["current"]] = interview
    if state["current"] + 1 < len(state["interviews"]):
        state["current"] += 1
        if state["break_minutes"]:
            state["phase"], state["break_started"] = "break", now.isoformat()
        else:
            state["interviews"][state["current"]] = formats.run(state["interviews"][state["current"]], now)
        ctx.store.update_session(session.id, state=state)
    else:
        state["phase"] = "done"
        state["report"] = _report(ctx, state)
        ctx.store.update_session(session.id, state=state, status="finished", finished=True)
        ctx.store.add_attempt(KIND, state["format"], "", state["report"],
                              round(sum(c["average"] for c in _cards(state)) / len(_cards(state)) * 25),
                              started_at=started, meta={"session_id": session.id, "format": state["format"],
                                                        "decision": state["report"]["decision"]})
    return view(ctx, session_id)


def _cards(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [i["scorecard"] for i in state["interviews"] if i.get("scorecard")]


def _report(ctx: AppContext, state: dict[str, Any]) -> dict[str, Any]:
    report = scorecard.loop_report(_cards(state))
    rng = random.Random(len(report["gaps"]))
    sessions: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    # With nothing below the bar, the dimensions at "meets the bar" are the next step to "strong".
    targets = report["gaps"] or [{"area": c["area"], "dimension": r["id"], "label": r["label"]}
                                 for c in _cards(state) for r in c["ratings"] if r["rating"] == 3]
    # Every area with a gap gets a drill (its highest-ranked gap first), then the next gaps fill up to three.
    firsts = [g for i, g in enumerate(targets) if all(t["area"] != g["area"] for t in targets[:i])]
    ordered = firsts + [g for g in targets if not any(g is f for f in firsts)]
    limit = max(3, len(firsts))
    for gap in ordered:
        key = (gap["area"], gap["dimension"])
        if key in seen or len(sessions) >= limit:
            continue
        seen.add(key)
        items: list[str] = []
        if gap["area"] in ("coding", "theory", "design", "behavioral"):
            try:
                items = [i.id for i in pick_items(ctx, gap["area"], 2, rng)]
            except LoopcoachError:
                items = []
        sessions.append({"area": gap["area"], "dimension": gap["label"], "drill": scorecard.DRILLS.get(gap["dimension"], ""),
                         "items": items})
    report["next_session"] = sessions
    report["format"] = state["title"]
    report["interviews"] = _cards(state)
    return report


def list_loops(ctx: AppContext, limit: int = 20) -> list[dict[str, Any]]:
    """Recent loops: id, format, status, phase, when."""
    return [{"id": s.id, "format": s.state.get("format"), "title": s.state.get("title"), "status": s.status,
             "phase": s.state.get("phase"), "created_at": s.created_at,
             "decision": (s.state.get("report") or {}).get("decision_label")}
            for s in ctx.store.list_sessions(KIND, limit)]


def report(ctx: AppContext, session_id: int) -> dict[str, Any]:
    """The finished loop's report; BadInputError while it runs."""
    session = get(ctx, session_id)
    if not session.state.get("report"):
        raise BadInputError("This mock loop is not finished yet: submit its last interview first.")
    out: dict[str, Any] = session.state["report"]
    return out
