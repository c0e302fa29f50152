"""The marathon plan: a day-by-day practice schedule up to the interview, weighted by weakness.

Pure logic, no I/O. The inputs are what the store knows about the user
(``AreaStats`` per area: average score of recent attempts, per-topic
scores, due review cards) plus the interview date and the hours per week.

How time is shared between areas:

- Each area gets a weight: ``weakness = 1 - average/100`` (clipped to at
  least ``MIN_WEAKNESS`` so nothing is dropped entirely); an area never
  practised counts as ``UNSEEN_WEAKNESS`` (weak and unknown). Due review
  cards add up to ``DUE_BONUS`` on top. The weights are normalised into
  shares of the total study time.
- Study days get ``hours_per_week * 60 / study_days_per_week`` minutes,
  cut into blocks of ``BLOCK`` minutes. Blocks go to the area with the
  largest deficit against its share so far (stride scheduling), which
  interleaves areas instead of massing one area in a week; the same area
  gets at most two blocks on one day when others are available.
- Within an area the focus rotates over its weakest topics (lowest score
  first, topics never tried count as ``UNSEEN_TOPIC``).
- Review cards are scheduled on their due day, or on the next study day
  when that is a rest day or already past. A mock phone screen closes each full week, a full mock
  loop lands three days before the interview, and the day before is light.

The service recomputes the plan from the store on every view, so new
results change the shares the next time the plan is shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from loopcoach.errors import BadInputError

AREAS: tuple[str, ...] = ("coding", "theory", "design", "behavioral", "pitch", "resume")
AREA_LABELS: dict[str, str] = {
    "coding": "Coding", "theory": "ML theory", "design": "ML system design", "behavioral": "Behavioral (STAR)",
    "pitch": "Recruiter pitch", "resume": "Resume", "mock": "Mock interview", "review": "Spaced review",
}
MIN_WEAKNESS = 0.15
UNSEEN_WEAKNESS = 0.8
UNSEEN_TOPIC = 35.0
DUE_BONUS = 0.4
BLOCK = 30
MIN_BLOCK = 15
MAX_DAYS = 366
MAX_HOURS = 80.0
REVIEW_MINUTES_PER_CARD = 2
#: Relative importance of an area in an AI/ML loop (design and coding carry the on-site).
IMPORTANCE: dict[str, float] = {"coding": 1.2, "theory": 1.0, "design": 1.2, "behavioral": 0.8, "pitch": 0.25,
                                "resume": 0.25}


@dataclass(frozen=True)
class AreaStats:
    """What the store knows about one area."""

    area: str
    attempts: int = 0
    average: float | None = None
    topics: dict[str, float | None] = field(default_factory=dict)  # topic -> average score (None: never tried)
    due: list[date] = field(default_factory=list)  # due dates of review cards (past ones are overdue)


@dataclass(frozen=True)
class Session:
    """One block of practice on a day."""

    area: str
    minutes: int
    focus: list[str]
    reason: str

    @property
    def label(self) -> str:
        """The area's display name."""
        return AREA_LABELS.get(self.area, self.area)


@dataclass(frozen=True)
class Day:
    """One day of the plan."""

    day: date
    sessions: list[Session]
    rest: bool = False
    note: str = ""

    @property
    def minutes(self) -> int:
        """Planned minutes this day."""
        return sum(s.minutes for s in self.sessions)


@dataclass(frozen=True)
class Plan:
    """The whole plan with the shares it was built from."""

    start: date
    interview: date
    hours_per_week: float
    shares: dict[str, float]
    weights: dict[str, float]
    days: list[Day]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings)."""
        return {
            "start": self.start.isoformat(), "interview": self.interview.isoformat(),
            "hours_per_week": self.hours_per_week, "shares": self.shares, "weights": self.weights,
            "total_minutes": sum(d.minutes for d in self.days),
            "minutes_by_area": minutes_by_area(self),
            "days": [{"date": d.day.isoformat(), "rest": d.rest, "note": d.note, "minutes": d.minutes,
                      "sessions": [{**asdict(s), "label": s.label} for s in d.sessions]} for d in self.days],
        }


def area_weights(stats: dict[str, AreaStats], today: date) -> dict[str, float]:
    """Unnormalised weight of each area: weakness (or unseen) times importance, plus the due bonus."""
    weights: dict[str, float] = {}
    for area in AREAS:
        st = stats.get(area, AreaStats(area))
        if st.attempts == 0 or st.average is None:
            weakness = UNSEEN_WEAKNESS
        else:
            weakness = max(MIN_WEAKNESS, 1.0 - min(100.0, max(0.0, st.average)) / 100.0)
        soon = sum(1 for d in st.due if d <= today + timedelta(days=7))
        weights[area] = round(weakness * IMPORTANCE[area] + DUE_BONUS * min(soon, 20) / 20, 4)
    return weights


def weakest_topics(st: AreaStats, k: int = 3) -> list[str]:
    """The area's topics, weakest first (never tried counts as UNSEEN_TOPIC)."""
    scored = [(UNSEEN_TOPIC if s is None else s, t) for t, s in st.topics.items()]
    return [t for _, t in sorted(scored)[:max(k, 0)]] if scored else []


def _check(today: date, interview: date, hours_per_week: float, study_days: int) -> None:
    if interview <= today:
        raise BadInputError(f"The interview date {interview.isoformat()} must be after today "
                            f"({today.isoformat()}).")
    if (interview - today).days > MAX_DAYS:
        raise BadInputError(f"The interview date is more than {MAX_DAYS} days away; plan for the next year at most.")
    if not 1.0 <= hours_per_week <= MAX_HOURS:
        raise BadInputError(f"Hours per week must be between 1 and {MAX_HOURS:g}; got {hours_per_week:g}.")
    if not 1 <= study_days <= 7:
        raise BadInputError(f"Study days per week must be between 1 and 7; got {study_days}.")


def _study_day(d: date, study_days: int) -> bool:
    # Rest days are the last weekdays of the week: with 6 study days Sunday is free, with 5 the weekend.
    return d.weekday() < study_days


def build_plan(stats: dict[str, AreaStats], today: date, interview: date, hours_per_week: float,
               study_days: int = 6) -> Plan:
    """The day-by-day plan from ``today`` to the day before ``interview`` (see the module docstring)."""
    _check(today, interview, hours_per_week, study_days)
    weights = area_weights(stats, today)
    total = sum(weights.values())
    shares = {a: round(w / total, 4) for a, w in weights.items()}
    per_day = max(BLOCK, round(hours_per_week * 60 / study_days / BLOCK) * BLOCK)
    allocated = dict.fromkeys(AREAS, 0)
    rotation = dict.fromkeys(AREAS, 0)
    focus_lists = {a: weakest_topics(stats.get(a, AreaStats(a)), k=4) for a in AREAS}
    days: list[Day] = []
    last = interview - timedelta(days=1)
    current = today
    since: date | None = None  # review cards due up to this day are already scheduled
    while current <= last:
        day = _plan_day(current, today, interview, per_day, study_days, stats, shares, allocated,
                        rotation, focus_lists, since)
        if not day.rest:
            since = current
        days.append(day)
        current += timedelta(days=1)
    return Plan(today, interview, hours_per_week, shares, weights, days)


def _plan_day(current: date, today: date, interview: date, per_day: int, study_days: int,
              stats: dict[str, AreaStats], shares: dict[str, float], allocated: dict[str, int],
              rotation: dict[str, int], focus_lists: dict[str, list[str]], since: date | None) -> Day:
    days_left = (interview - current).days
    sessions: list[Session] = []
    budget = per_day
    if days_left == 1:
        reviews = _reviews(current, since, stats)
        light = [*reviews, Session("pitch", BLOCK, [], "Say your 2-minute project pitch out loud once; then rest.")]
        return Day(current, light, note="Light day: review, rehearse the pitch, sleep well.")
    if not _study_day(current, study_days) and days_left > 1:
        return Day(current, [], rest=True, note="Rest day.")
    for review in _reviews(current, since, stats):
        sessions.append(review)
        budget -= review.minutes
    if days_left == 3 and per_day >= 60:
        sessions.append(Session("mock", max(BLOCK, budget), ["onsite"],
                                "Full mock on-site loop three days out: find the last gaps while there is time."))
        return Day(current, sessions, note="Dress rehearsal.")
    week_end = current.weekday() == study_days - 1 and (current - today).days >= 6 and days_left > 4
    if week_end and budget >= 60:
        sessions.append(Session("mock", 60, ["phone_screen"],
                                "Weekly mock phone screen: coding plus theory under time pressure."))
        budget -= 60
    used_today: dict[str, int] = {}
    while budget >= MIN_BLOCK:
        area = _next_area(shares, allocated, used_today)
        if budget < 2 * BLOCK:
            minutes = budget if budget < BLOCK + MIN_BLOCK else BLOCK
        else:
            minutes = BLOCK if area in ("pitch", "resume") else 2 * BLOCK
        focus = focus_lists[area]
        pick = [focus[rotation[area] % len(focus)]] if focus else []
        rotation[area] += 1
        allocated[area] += minutes
        used_today[area] = used_today.get(area, 0) + 1
        sessions.append(Session(area, minutes, pick, _reason(area, stats.get(area, AreaStats(area)))))
        budget -= minutes
    return Day(current, _merge(sessions))


def _next_area(shares: dict[str, float], allocated: dict[str, int], used_today: dict[str, int]) -> str:
    spent = sum(allocated.values()) + 1

    def deficit(area: str) -> float:
        return shares[area] * spent - allocated[area]

    ranked = sorted(AREAS, key=lambda a: (-deficit(a), AREAS.index(a)))
    for area in ranked:
        if used_today.get(area, 0) < 1:
            return area
    for area in ranked:
        if used_today.get(area, 0) < 2:
            return area
    return ranked[0]


def _merge(sessions: list[Session]) -> list[Session]:
    """Join two blocks of the same area on one day into one longer session."""
    out: list[Session] = []
    index: dict[str, int] = {}
    for s in sessions:
        if s.area in index and s.area not in ("review", "mock"):
            i = index[s.area]
            old = out[i]
            out[i] = Session(s.area, old.minutes + s.minutes, old.focus + [f for f in s.focus if f not in old.focus],
                             old.reason)
        else:
            index.setdefault(s.area, len(out))
            out.append(s)
    return out


def _reviews(current: date, since: date | None, stats: dict[str, AreaStats]) -> list[Session]:
    """Review sessions for cards falling due after ``since`` (None: any time before) up to ``current``."""
    out: list[Session] = []
    for area in AREAS:
        st = stats.get(area)
        if st is None or not st.due:
            continue
        count = sum(1 for d in st.due if d <= current and (since is None or d > since))
        if count:
            minutes = max(10, min(60, count * REVIEW_MINUTES_PER_CARD))
            out.append(Session("review", minutes, [area],
                               f"{count} {AREA_LABELS[area]} review card{'s' if count != 1 else ''} due."))
    return out


def _reason(area: str, st: AreaStats) -> str:
    label = AREA_LABELS[area]
    if st.attempts == 0 or st.average is None:
        return f"No {label} attempts yet: find out where you stand."
    tried = sorted((score, topic) for topic, score in st.topics.items() if score is not None)
    untried = sum(1 for score in st.topics.values() if score is None)
    tail = f"; weakest topic so far: {tried[0][1]} ({round(tried[0][0])})" if tried else ""
    if untried:
        tail += f"; {untried} topic{'s' if untried != 1 else ''} not tried yet"
    return f"{label} average {round(st.average)}/100 over {st.attempts} attempt{'s' if st.attempts != 1 else ''}{tail}."


def minutes_by_area(plan: Plan) -> dict[str, int]:
    """Planned minutes per area (practice blocks only, not reviews or mocks)."""
    out = dict.fromkeys(AREAS, 0)
    for d in plan.days:
        for s in d.sessions:
            if s.area in out:
                out[s.area] += s.minutes
    return out
