"""An RFC 5545 iCalendar writer for the marathon plan (all-day events).

Written by hand because it is small: CRLF line endings, TEXT values escaped
(backslash, semicolon, comma, newline), content lines folded so that no
line exceeds 75 octets (never splitting a UTF-8 character), one VEVENT per
study day with DTSTART;VALUE=DATE, DTEND the next day, SUMMARY, DESCRIPTION,
UID and DTSTAMP.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from loopcoach.areas.loop.plan import Plan

CRLF = "\r\n"
LIMIT = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 section 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets; continuation lines start with one space."""
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = LIMIT
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size, limit = "", 0, LIMIT - 1  # the leading space of a continuation counts
        current += ch
        size += n
    parts.append(current)
    return (CRLF + " ").join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def plan_to_ical(plan: Plan, now: datetime | None = None) -> str:
    """The plan as a VCALENDAR text with one all-day VEVENT per study day (rest days are left out)."""
    moment = now or datetime.now(UTC)
    seed = f"{plan.start.isoformat()}|{plan.interview.isoformat()}|{plan.hours_per_week}"
    tag = hashlib.sha256(seed.encode()).hexdigest()[:12]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//loopcoach//marathon plan//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text('Interview prep plan')}"]
    for d in plan.days:
        if d.rest or not d.sessions:
            continue
        summary = "Prep: " + ", ".join(f"{s.label} {s.minutes}m" for s in d.sessions)
        details = [f"{s.label} ({s.minutes} min)" + (f" - focus: {', '.join(s.focus)}" if s.focus else "")
                   + f". {s.reason}" for s in d.sessions]
        if d.note:
            details.insert(0, d.note)
        lines += ["BEGIN:VEVENT", f"UID:{_day(d.day)}-{tag}@loopcoach.local", f"DTSTAMP:{_stamp(moment)}",
                  f"DTSTART;VALUE=DATE:{_day(d.day)}", f"DTEND;VALUE=DATE:{_day(d.day + timedelta(days=1))}",
                  f"SUMMARY:{escape_text(summary)}", f"DESCRIPTION:{escape_text(chr(10).join(details))}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines += ["BEGIN:VEVENT", f"UID:interview-{tag}@loopcoach.local", f"DTSTAMP:{_stamp(moment)}",
              f"DTSTART;VALUE=DATE:{_day(plan.interview)}",
              f"DTEND;VALUE=DATE:{_day(plan.interview + timedelta(days=1))}",
              f"SUMMARY:{escape_text('Interview day - good luck!')}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + CRLF for line in lines)
