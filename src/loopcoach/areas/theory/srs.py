"""Spaced repetition of theory questions with FSRS (the ``fsrs`` package).

Each question is a card. A graded answer maps to an FSRS rating (the user may
override it), the scheduler computes the next due date, and the review logs
feed the statistics: retention (share of reviews not rated Again), the streak
of consecutive practice days, and per-topic mastery (mean current
retrievability of the topic's reviewed cards). Cards and logs are plain dicts
so the service can keep them in the store's review_cards / review_logs tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from loopcoach.errors import BadInputError

RATING_NAMES: dict[str, int] = {"again": 1, "hard": 2, "good": 3, "easy": 4}
# Grade cut-offs: below 40 the answer missed the core ideas (Again); an
# interviewer would accept 60+ (Good) and be impressed by 85+ (Easy).
AGAIN_BELOW = 40
GOOD_FROM = 60
EASY_FROM = 85
DEFAULT_NEW_PER_DAY = 10


def rating_for_score(score: int) -> int:
    """The FSRS rating (1 Again .. 4 Easy) a 0-100 grade maps to."""
    if score < AGAIN_BELOW:
        return 1
    if score < GOOD_FROM:
        return 2
    if score < EASY_FROM:
        return 3
    return 4


def parse_rating(value: str | int | None, score: int) -> int:
    """The rating to record: the user's override (name or 1-4) or the one the score maps to."""
    if value is None or value == "":
        return rating_for_score(score)
    if isinstance(value, int) or str(value).isdigit():
        number = int(value)
        if 1 <= number <= 4:
            return number
    elif str(value).lower() in RATING_NAMES:
        return RATING_NAMES[str(value).lower()]
    raise BadInputError(f"The rating {value!r} is not one of again, hard, good, easy (or 1-4).")


def _now(now: datetime | None) -> datetime:
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(UTC)


def _card_id(item_id: str) -> int:
    """A stable positive integer id per question (FSRS cards need an int id)."""
    import zlib

    return zlib.crc32(item_id.encode("utf-8")) + 1


@dataclass(frozen=True)
class Review:
    """The outcome of scheduling one review."""

    card: dict[str, Any]
    due: datetime
    log: dict[str, Any]
    rating: int
    interval_days: float


def review(item_id: str, card: Mapping[str, Any] | None, rating: int, now: datetime | None = None) -> Review:
    """Schedule one review of a question; ``card`` is the stored dict, or None for a new card."""
    from fsrs import Card, Rating, Scheduler

    when = _now(now)
    scheduler = Scheduler(enable_fuzzing=False)
    fsrs_card = Card.from_dict(dict(card)) if card else Card(card_id=_card_id(item_id), due=when)  # type: ignore[arg-type]
    new_card, log = scheduler.review_card(fsrs_card, Rating(rating), review_datetime=when)
    due = new_card.due
    return Review(
        card=dict(new_card.to_dict()),
        due=due,
        log=dict(log.to_dict()),
        rating=rating,
        interval_days=(due - when).total_seconds() / 86400,
    )


def retrievability(card: Mapping[str, Any], now: datetime | None = None) -> float:
    """FSRS's predicted probability of recalling the card now (0 for a never-reviewed card)."""
    from fsrs import Card, Scheduler

    return float(Scheduler().get_card_retrievability(Card.from_dict(dict(card)), _now(now)))  # type: ignore[arg-type]


@dataclass(frozen=True)
class LogEntry:
    """One stored review: which question, its rating and when."""

    item_id: str
    rating: int
    at: datetime


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today (or yesterday, so a streak survives until tonight)."""
    seen = set(days)
    day = today if today in seen else today - timedelta(days=1)
    count = 0
    while day in seen:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class Stats:
    """Practice statistics."""

    reviews: int
    retention: float | None
    streak_days: int
    cards: int
    due_now: int
    new_today: int
    mastery: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "reviews": self.reviews,
            "retention": self.retention,
            "streak_days": self.streak_days,
            "cards": self.cards,
            "due_now": self.due_now,
            "new_today": self.new_today,
            "mastery": self.mastery,
        }


def compute_stats(
    logs: list[LogEntry],
    cards: Mapping[str, Mapping[str, Any]],
    topics: Mapping[str, str],
    now: datetime | None = None,
) -> Stats:
    """Retention, streak and per-topic mastery from review logs and stored cards.

    ``cards`` maps question id -> stored FSRS card dict; ``topics`` maps
    question id -> topic. Mastery of a topic is the mean retrievability of
    its reviewed cards, counting its never-reviewed questions as 0.
    """
    when = _now(now)
    retention = None
    if logs:
        retention = round(sum(1 for entry in logs if entry.rating > 1) / len(logs), 3)
    first_review: dict[str, date] = {}
    for entry in sorted(logs, key=lambda e: e.at):
        first_review.setdefault(entry.item_id, entry.at.date())
    per_topic: dict[str, list[float]] = {}
    for item_id, topic in topics.items():
        card = cards.get(item_id)
        per_topic.setdefault(topic, []).append(retrievability(card, when) if card else 0.0)
    due_now = sum(
        1 for c in cards.values() if datetime.fromisoformat(str(c["due"])).astimezone(UTC) <= when
    )
    return Stats(
        reviews=len(logs),
        retention=retention,
        streak_days=streak((e.at.date() for e in logs), when.date()),
        cards=len(cards),
        due_now=due_now,
        new_today=sum(1 for d in first_review.values() if d == when.date()),
        mastery={t: round(sum(v) / len(v), 3) for t, v in sorted(per_topic.items()) if v},
    )


def new_cards_allowed(logs: list[LogEntry], limit: int, now: datetime | None = None) -> int:
    """How many new questions may still be introduced today under the daily limit."""
    when = _now(now)
    first_review: dict[str, date] = {}
    for entry in sorted(logs, key=lambda e: e.at):
        first_review.setdefault(entry.item_id, entry.at.date())
    introduced = sum(1 for d in first_review.values() if d == when.date())
    return max(0, limit - introduced)
