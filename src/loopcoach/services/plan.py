"""The marathon plan use case: saved settings, a plan recomputed from the store, iCalendar export.

The user's choices (interview date, hours per week, study days) are saved
as the note ("plan", "settings"). The plan itself is never frozen: every
view rebuilds it from today's store (recent scores, topic results, due
cards), so it re-plans as results come in. The last shown shares are kept
in the note ("plan", "last") so the page can say what moved since.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from loopcoach.areas.loop.ical import plan_to_ical
from loopcoach.areas.loop.plan import AREA_LABELS, Plan, build_plan
from loopcoach.errors import BadInputError, NotFoundError
from loopcoach.services.context import AppContext
from loopcoach.services.dashboard import collect_stats

KIND = "plan"


def _today() -> date:
    return datetime.now(UTC).date()


def parse_date(value: str) -> date:
    """An interview date in the form YYYY-MM-DD."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadInputError(f"The interview date '{value}' is not a date in the form YYYY-MM-DD.") from None


def save_settings(ctx: AppContext, interview: str, hours_per_week: float, study_days: int = 6,
                  today: date | None = None) -> dict[str, Any]:
    """Validate (by building a plan once) and save the plan settings; returns the plan."""
    when = parse_date(interview)
    build_plan({}, today or _today(), when, hours_per_week, study_days)  # raises on bad values
    ctx.store.put_note(KIND, "settings", json.dumps({"interview": when.isoformat(),
                                                     "hours_per_week": hours_per_week,
                                                     "study_days": study_days}))
    ctx.store.delete_note(KIND, "last")
    return current(ctx, today)


def settings(ctx: AppContext) -> dict[str, Any] | None:
    """The saved plan settings, or None."""
    note = ctx.store.get_note(KIND, "settings")
    if note is None:
        return None
    try:
        data = json.loads(note.body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _build(ctx: AppContext, today: date) -> Plan:
    saved = settings(ctx)
    if saved is None:
        raise NotFoundError("There is no plan yet; make one with an interview date and hours per week.")
    return build_plan(collect_stats(ctx), today, parse_date(str(saved["interview"])),
                      float(saved["hours_per_week"]), int(saved.get("study_days", 6)))


def current(ctx: AppContext, today: date | None = None) -> dict[str, Any]:
    """The plan rebuilt from the store now, with what changed since it was last shown."""
    plan = _build(ctx, today or _today())
    result = plan.to_dict()
    note = ctx.store.get_note(KIND, "last")
    changes: list[str] = []
    if note is not None:
        try:
            before = json.loads(note.body)
        except ValueError:
            before = {}
        for area, share in plan.shares.items():
            old = before.get(area)
            if isinstance(old, (int, float)) and abs(share - old) >= 0.02:
                direction = "more" if share > old else "less"
                changes.append(f"{AREA_LABELS[area]}: {direction} time ({round(old * 100)}% -> "
                               f"{round(share * 100)}%) after your latest results.")
    ctx.store.put_note(KIND, "last", json.dumps(plan.shares))
    result["changes"] = changes
    result["days_left"] = (plan.interview - plan.start).days
    return result


def ical(ctx: AppContext, today: date | None = None) -> str:
    """The current plan as an iCalendar document."""
    return plan_to_ical(_build(ctx, today or _today()))
