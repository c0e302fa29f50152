"""Recruiter screen use cases: the 2-minute pitch check and the preparation notes.

Pitches are analysed by ``areas.behavioral.pitch`` (with the STAR labeller)
and stored as attempts with ``area="pitch"``. The preparation pages keep
their text in the store's notes: the background summary (kind
``recruiter-background``), "why this company" notes (``recruiter-why``,
one per company) and the salary-expectations worksheet
(``recruiter-salary``, a JSON body of the candidate's own figures; loopcoach
adds no market data of its own).
"""

from __future__ import annotations

import json
from typing import Any

from loopcoach.areas.behavioral.pitch import analyse_pitch
from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError, TooLargeError
from loopcoach.services.behavioral import get_labeller
from loopcoach.services.context import AppContext

AREA = "pitch"
MAX_PITCH_CHARS = 20_000
MAX_NOTE_CHARS = 20_000
BACKGROUND = "recruiter-background"
WHY = "recruiter-why"
SALARY = "recruiter-salary"
SALARY_NUMBERS = ("current_base", "current_bonus", "current_equity", "target_base", "minimum_base")
SALARY_TEXTS = ("currency", "priorities", "sources", "script")


def analyse(ctx: AppContext, text: str) -> dict[str, Any]:
    """Analyse a pitch without storing it."""
    if not text.strip():
        raise EmptyInputError("The pitch is empty: write the two-minute summary of your best project.")
    if len(text) > MAX_PITCH_CHARS:
        raise TooLargeError(f"The pitch has {len(text):,} characters; the limit is {MAX_PITCH_CHARS:,} "
                            "(two minutes of speech is about 1,800).")
    return analyse_pitch(text, get_labeller(ctx)).to_dict()


def check_pitch(ctx: AppContext, text: str, source: str = "cli") -> dict[str, Any]:
    """The ``pitch check --json`` object; the pitch and its analysis are stored."""
    result = analyse(ctx, text)
    ctx.store.add_attempt(AREA, None, text, result, result["score"], meta={"source": source})
    return result


def pitch_history(ctx: AppContext, limit: int = 10) -> list[dict[str, Any]]:
    """Recent pitches: score, length, when, and the text."""
    return [{"id": a.id, "score": a.score, "seconds": a.result.get("speaking_seconds"), "finished_at": a.finished_at,
             "text": a.input_text} for a in ctx.store.list_attempts(area=AREA, limit=limit)]


def _note_text(body: str, what: str) -> str:
    if len(body) > MAX_NOTE_CHARS:
        raise TooLargeError(f"The {what} has {len(body):,} characters; the limit is {MAX_NOTE_CHARS:,}.")
    return body.strip()


def save_background(ctx: AppContext, body: str) -> None:
    """Save the background summary (empty text deletes it)."""
    text = _note_text(body, "background summary")
    if text:
        ctx.store.put_note(BACKGROUND, "summary", text)
    else:
        ctx.store.delete_note(BACKGROUND, "summary")


def background(ctx: AppContext) -> str:
    """The saved background summary, or an empty string."""
    note = ctx.store.get_note(BACKGROUND, "summary")
    return note.body if note else ""


def save_company_note(ctx: AppContext, company: str, body: str) -> str:
    """Save the "why this company" note of a company; returns the company name as stored."""
    name = " ".join(company.split())
    if not name:
        raise EmptyInputError("Give the company's name.")
    if len(name) > 100:
        raise BadInputError("The company name is longer than 100 characters.")
    text = _note_text(body, "note")
    if not text:
        raise EmptyInputError(f"The note for {name} is empty: write why you want to work there.")
    ctx.store.put_note(WHY, name, text)
    return name


def company_notes(ctx: AppContext) -> list[dict[str, str]]:
    """Every "why this company" note."""
    return [{"company": n.key, "body": n.body, "updated_at": n.updated_at} for n in ctx.store.list_notes(WHY)]


def delete_company_note(ctx: AppContext, company: str) -> None:
    """Remove a company's note; NotFoundError when there is none."""
    if ctx.store.get_note(WHY, company) is None:
        raise NotFoundError(f"There is no note for the company '{company}'.")
    ctx.store.delete_note(WHY, company)


def _number(name: str, raw: str) -> float | None:
    cleaned = raw.replace(",", "").replace("_", "").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise BadInputError(f"The salary field '{name}' must be a number, not '{raw[:40]}'.") from None
    if not 0 <= value < 1e9:
        raise BadInputError(f"The salary field '{name}' must be between 0 and 1,000,000,000.")
    return int(value) if value.is_integer() else value


def save_salary(ctx: AppContext, fields: dict[str, str]) -> dict[str, Any]:
    """Validate and save the worksheet; returns it with the figures derived from the candidate's own numbers."""
    sheet: dict[str, Any] = {k: _number(k, fields.get(k, "")) for k in SALARY_NUMBERS}
    for key in SALARY_TEXTS:
        sheet[key] = _note_text(fields.get(key, ""), key)[:2000]
    ctx.store.put_note(SALARY, "worksheet", json.dumps(sheet))
    return salary(ctx)


def salary(ctx: AppContext) -> dict[str, Any]:
    """The worksheet, with totals and the asked raise computed from the candidate's figures only."""
    note = ctx.store.get_note(SALARY, "worksheet")
    sheet: dict[str, Any] = {k: None for k in SALARY_NUMBERS} | {k: "" for k in SALARY_TEXTS}
    if note:
        try:
            stored = json.loads(note.body)
            if isinstance(stored, dict):
                sheet.update({k: stored.get(k) for k in (*SALARY_NUMBERS, *SALARY_TEXTS) if k in stored})
        except json.JSONDecodeError:
            pass  # a hand-edited, broken note shows as an empty worksheet rather than an error page
    parts = [sheet[k] for k in ("current_base", "current_bonus", "current_equity") if sheet[k] is not None]
    derived: dict[str, Any] = {"current_total": sum(parts) if parts else None, "raise_percent": None,
                               "checks": []}
    if sheet["target_base"] is not None and sheet["current_base"]:
        derived["raise_percent"] = round(100 * (sheet["target_base"] / sheet["current_base"] - 1), 1)
    if sheet["minimum_base"] is not None and sheet["target_base"] is not None \
            and sheet["minimum_base"] > sheet["target_base"]:
        derived["checks"].append("Your walk-away minimum is above your target: the target should be the higher one.")
    if sheet["target_base"] is not None and not sheet["sources"]:
        derived["checks"].append("Note where your target comes from (offers, peers, published salary bands) "
                                 "so you can justify it on the call.")
    if not sheet["script"]:
        derived["checks"].append("Write the sentence you will say when asked, e.g. a range based on your research, "
                                 "and practise saying it aloud.")
    return {"worksheet": sheet, "derived": derived}
