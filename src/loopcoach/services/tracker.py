"""Application tracker: companies and roles moving through the hiring stages.

The rows live in the store's ``applications`` table; this module validates
what a user types (non-empty company and role, ISO dates, a known stage,
contacts as "name <email> role" lines), groups applications into the
board's columns and turns records into JSON-ready dictionaries for the CLI
and the web.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date
from typing import Any

from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext
from loopcoach.store.records import Application
from loopcoach.store.store import APPLICATION_STAGES, now_iso

STAGE_LABELS: dict[str, str] = {
    "applied": "Applied",
    "recruiter_screen": "Recruiter screen",
    "phone_screen": "Phone screen",
    "onsite": "On-site",
    "offer": "Offer",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}
HISTORY_KIND = "app-history"
MAX_FIELD = 200
MAX_TEXT = 100_000
_EMAIL = re.compile(r"<?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?")


def check_stage(stage: str) -> str:
    """A stage name, accepting 'phone-screen' or 'Phone screen' spellings; NotFoundError otherwise."""
    key = stage.strip().lower().replace("-", "_").replace(" ", "_").replace("on_site", "onsite")
    if key not in APPLICATION_STAGES:
        raise NotFoundError(f"'{stage}' is not a stage; use one of: {', '.join(APPLICATION_STAGES)}.")
    return key


def check_date(value: str | None, what: str) -> str | None:
    """An ISO date (YYYY-MM-DD) or None for an empty value."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadInputError(f"The {what} '{value}' is not a date in the form YYYY-MM-DD.") from None


def _line(value: str, what: str, required: bool = False) -> str:
    text = value.strip()
    if required and not text:
        raise EmptyInputError(f"The {what} must not be empty.")
    if len(text) > MAX_FIELD:
        raise TooLargeError(f"The {what} is longer than {MAX_FIELD} characters.")
    if "\x00" in text:
        raise BadInputError(f"The {what} contains a binary character.")
    return text


def _long(value: str, what: str) -> str:
    if len(value) > MAX_TEXT:
        raise TooLargeError(f"The {what} is longer than {MAX_TEXT:,} characters.")
    if "\x00" in value:
        raise BadInputError(f"The {what} contains a binary character.")
    return value.strip()


def parse_contacts(text: str) -> list[dict[str, str]]:
    """Contacts from lines like 'Dana Lee <dana@acme.com>, recruiter'; blank lines are skipped."""
    contacts: list[dict[str, str]] = []
    for raw in _long(text, "contacts").splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _EMAIL.search(line)
        email = match.group(1) if match else ""
        rest = (line[:match.start()] + " " + line[match.end():]) if match else line
        name, _, role = rest.partition(",")
        contacts.append({"name": _line(name, "contact name") or email, "email": email,
                         "role": _line(role, "contact role")})
    return contacts


def contacts_text(contacts: list[dict[str, Any]]) -> str:
    """The editable text form of contacts (inverse of parse_contacts)."""
    lines = []
    for c in contacts:
        line = str(c.get("name", ""))
        if c.get("email"):
            line += f" <{c['email']}>"
        if c.get("role"):
            line += f", {c['role']}"
        lines.append(line.strip())
    return "\n".join(lines)


def as_dict(app: Application) -> dict[str, Any]:
    """A JSON-ready view of an application, with its stage label."""
    out = asdict(app)
    out["stage_label"] = STAGE_LABELS[app.stage]
    return out


def add(ctx: AppContext, company: str, role: str, stage: str = "applied", applied_on: str | None = None,
        job_description: str = "", contacts: str = "", notes: str = "", next_action: str = "",
        next_action_on: str | None = None) -> dict[str, Any]:
    """Validate and store a new application; returns it."""
    app_id = ctx.store.add_application(
        _line(company, "company", required=True), _line(role, "role", required=True), check_stage(stage),
        check_date(applied_on, "application date") or date.today().isoformat(),
        _long(job_description, "job description"), parse_contacts(contacts), _long(notes, "notes"),
        _line(next_action, "next action"), check_date(next_action_on, "next action date"))
    return as_dict(ctx.store.get_application(app_id))


def update(ctx: AppContext, app_id: int, fields: dict[str, str]) -> dict[str, Any]:
    """Change the given fields (text values as typed in a form); returns the application."""
    changes: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("company", "role"):
            changes[key] = _line(value, key, required=True)
        elif key == "stage":
            changes[key] = check_stage(value)
        elif key in ("applied_on", "next_action_on"):
            changes[key] = check_date(value, key.replace("_", " "))
        elif key == "contacts":
            changes[key] = parse_contacts(value)
        elif key in ("notes", "job_description"):
            changes[key] = _long(value, key.replace("_", " "))
        elif key == "next_action":
            changes[key] = _line(value, "next action")
        else:
            raise BadInputError(f"Applications have no field named {key}.")
    ctx.store.update_application(app_id, **changes)
    return as_dict(ctx.store.get_application(app_id))


def move(ctx: AppContext, app_id: int, stage: str) -> dict[str, Any]:
    """Move an application to another stage, remembering the date (note kind "app-history")."""
    before = ctx.store.get_application(app_id).stage
    result = update(ctx, app_id, {"stage": stage})
    if result["stage"] != before:
        history = stage_history(ctx, app_id)
        history.append({"stage": result["stage"], "from": before, "on": now_iso()})
        ctx.store.put_note(HISTORY_KIND, str(app_id), json.dumps(history))
    result["history"] = stage_history(ctx, app_id)
    return result


def stage_history(ctx: AppContext, app_id: int) -> list[dict[str, str]]:
    """The stage moves of an application, oldest first."""
    note = ctx.store.get_note(HISTORY_KIND, str(app_id))
    if note is None:
        return []
    try:
        data = json.loads(note.body)
    except ValueError:
        return []
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def show(ctx: AppContext, app_id: int) -> dict[str, Any]:
    """One application with its stage history; NotFoundError for an unknown id."""
    result = as_dict(ctx.store.get_application(app_id))
    result["history"] = stage_history(ctx, app_id)
    return result


def list_all(ctx: AppContext, stage: str | None = None) -> list[dict[str, Any]]:
    """All applications (most recently updated first), optionally of one stage."""
    wanted = check_stage(stage) if stage else None
    return [as_dict(a) for a in ctx.store.list_applications() if wanted is None or a.stage == wanted]


def board(ctx: AppContext) -> list[dict[str, Any]]:
    """The board: one column per stage, in pipeline order, with its applications."""
    apps = list_all(ctx)
    return [{"stage": s, "label": STAGE_LABELS[s], "cards": [a for a in apps if a["stage"] == s]}
            for s in APPLICATION_STAGES]


def delete(ctx: AppContext, app_id: int) -> None:
    """Remove an application and its stage history."""
    ctx.store.delete_application(app_id)
    ctx.store.delete_note(HISTORY_KIND, str(app_id))
