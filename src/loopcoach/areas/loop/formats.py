"""Mock loop formats, the interviews they hold, and the pausable interview clock.

Three formats follow the hiring path: a recruiter screen (30 minutes: the
two-minute project pitch, motivation, salary expectations), a technical
phone screen (coding in a shared editor, then ML theory questions, about an
hour) and an on-site loop of 4-5 interviews of the user's mix and length
with breaks between them. The clock of an interview is the time it ran
(``elapsed_s``) plus, while it runs, the time since ``running_since``;
pausing folds the running time into ``elapsed_s``, so a paused loop loses
nothing and a server restart does not stop a running clock (the start time
is in the saved state, not in memory).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from loopcoach.errors import BadInputError

ONSITE_AREAS = ("coding", "theory", "design", "behavioral")
AREA_TITLES = {"coding": "Coding", "theory": "ML theory", "design": "ML system design",
               "behavioral": "Behavioral", "recruiter": "Recruiter screen"}
#: How many items an interview of each area asks.
ITEMS_PER_INTERVIEW = {"coding": 1, "theory": 3, "design": 1, "behavioral": 2}


@dataclass(frozen=True)
class InterviewSpec:
    """One interview of a loop: its area, length and number of items."""

    area: str
    minutes: int
    items: int
    difficulty: tuple[str, ...] = ()


FORMATS: dict[str, str] = {
    "recruiter_screen": "Recruiter screen",
    "phone_screen": "Technical phone screen",
    "onsite": "On-site loop",
}


def specs(fmt: str, mix: list[str] | None = None, minutes: int = 45, available: set[str] | None = None
          ) -> list[InterviewSpec]:
    """The interviews of a format; ``mix`` and ``minutes`` shape the on-site loop."""
    have = set(ONSITE_AREAS) if available is None else available
    if fmt == "recruiter_screen":
        return [InterviewSpec("recruiter", 30, 3)]
    if fmt == "phone_screen":
        out = []
        if "coding" in have:
            out.append(InterviewSpec("coding", 35, 1, ("easy", "medium")))
        if "theory" in have:
            out.append(InterviewSpec("theory", 20, 2))
        if not out:
            raise BadInputError("A phone screen needs the coding or the theory area, and neither is installed.")
        return out
    if fmt != "onsite":
        raise BadInputError(f"'{fmt}' is not a mock format; use one of: {', '.join(FORMATS)}.")
    chosen = mix or ["coding", "theory", "design", "behavioral"]
    unknown = [a for a in chosen if a not in ONSITE_AREAS]
    if unknown:
        raise BadInputError(f"'{unknown[0]}' is not an interview type; use coding, theory, design or behavioral.")
    missing = [a for a in chosen if a not in have]
    if missing:
        raise BadInputError(f"The {missing[0]} area is not installed, so it cannot be part of the loop.")
    if not 4 <= len(chosen) <= 5:
        raise BadInputError(f"An on-site loop has 4 or 5 interviews; you chose {len(chosen)}.")
    if not 20 <= minutes <= 60:
        raise BadInputError(f"On-site interviews last 20 to 60 minutes; you chose {minutes}.")
    return [InterviewSpec(a, minutes, ITEMS_PER_INTERVIEW[a], ("medium", "hard") if a == "coding" else ())
            for a in chosen]


def parse_time(stamp: str | None) -> datetime | None:
    """An ISO timestamp from the state, or None."""
    return datetime.fromisoformat(stamp) if stamp else None


def elapsed(interview: dict[str, Any], now: datetime) -> float:
    """Seconds the interview has run, counting the running stretch."""
    since = parse_time(interview.get("running_since"))
    extra = (now - since).total_seconds() if since else 0.0
    return float(interview.get("elapsed_s", 0.0)) + max(0.0, extra)


def pause(interview: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The interview with its clock stopped."""
    return {**interview, "elapsed_s": elapsed(interview, now), "running_since": None}


def run(interview: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The interview with its clock running from ``now``."""
    if interview.get("running_since"):
        return interview
    return {**interview, "running_since": now.isoformat()}


def remaining(interview: dict[str, Any], now: datetime) -> float:
    """Seconds left in the time box (negative when over time)."""
    return int(interview["minutes"]) * 60 - elapsed(interview, now)
