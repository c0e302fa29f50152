"""Adaptive choice of interview items: weak topics and items not seen lately weigh more, mastered less.

An item's weight is the product of three factors:

- topic weakness: the mean over its topics of ``1 + (100 - score) / 100``
  (a topic never tried counts as ``UNSEEN_TOPIC_SCORE``), so a topic at
  30/100 weighs 1.7 and one at 90/100 weighs 1.1;
- recency: 1 for an item never seen or seen ``FRESH_DAYS`` or more days
  ago, falling linearly to ``RECENT_FLOOR`` for an item seen today;
- mastery: ``MASTERED_FACTOR`` when the last score was at least
  ``MASTERED_SCORE``, ``RETRY_FACTOR`` when it was below ``RETRY_SCORE``.

Items are then drawn without replacement with probability proportional to
weight (a seeded ``random.Random`` makes it reproducible in tests).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

UNSEEN_TOPIC_SCORE = 40.0
FRESH_DAYS = 14
RECENT_FLOOR = 0.1
MASTERED_SCORE = 85
MASTERED_FACTOR = 0.25
RETRY_SCORE = 50
RETRY_FACTOR = 1.3


@dataclass(frozen=True)
class Candidate:
    """An item that may be asked, with its topics."""

    id: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Seen:
    """When the user last did an item and how it went."""

    last_day: date
    last_score: int | None


def item_weight(item: Candidate, seen: Seen | None, topic_scores: dict[str, float | None], today: date) -> float:
    """The item's selection weight (see the module docstring)."""
    scores = [topic_scores.get(t) for t in item.topics] or [None]
    weakness = sum(1 + (100 - (UNSEEN_TOPIC_SCORE if s is None else s)) / 100 for s in scores) / len(scores)
    recency = mastery = 1.0
    if seen is not None:
        days = max(0, (today - seen.last_day).days)
        recency = min(1.0, RECENT_FLOOR + (1 - RECENT_FLOOR) * days / FRESH_DAYS)
        if seen.last_score is not None and seen.last_score >= MASTERED_SCORE:
            mastery = MASTERED_FACTOR
        elif seen.last_score is not None and seen.last_score < RETRY_SCORE:
            mastery = RETRY_FACTOR
    return weakness * recency * mastery


def choose(items: Sequence[Candidate], seen: dict[str, Seen], topic_scores: dict[str, float | None], today: date,
           k: int, rng: random.Random) -> list[str]:
    """Draw ``k`` distinct item ids, weighted (fewer when the pool is smaller)."""
    pool = [(item.id, item_weight(item, seen.get(item.id), topic_scores, today)) for item in items]
    chosen: list[str] = []
    while pool and len(chosen) < k:
        total = sum(w for _, w in pool)
        pick = rng.random() * total
        upto = 0.0
        index = len(pool) - 1
        for i, (_, w) in enumerate(pool):
            upto += w
            if pick < upto:
                index = i
                break
        chosen.append(pool.pop(index)[0])
    return chosen
