"""FSRS scheduling of theory questions: ratings, intervals, limits and statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from loopcoach.areas.theory.srs import (
    LogEntry,
    compute_stats,
    new_cards_allowed,
    parse_rating,
    rating_for_score,
    review,
    streak,
)
from loopcoach.errors import BadInputError

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("score", "rating"), [(0, 1), (39, 1), (40, 2), (59, 2), (60, 3), (84, 3), (85, 4), (100, 4)])
def test_score_maps_to_rating(score: int, rating: int) -> None:
    assert rating_for_score(score) == rating


def test_user_override_wins_and_bad_rating_is_rejected() -> None:
    assert parse_rating("easy", 10) == 4
    assert parse_rating("AGAIN", 95) == 1
    assert parse_rating(2, 95) == 2
    assert parse_rating(None, 70) == 3
    with pytest.raises(BadInputError):
        parse_rating("perfect", 50)
    with pytest.raises(BadInputError):
        parse_rating(7, 50)


def test_good_answers_push_the_card_further_than_bad_ones() -> None:
    good = review("bias-variance-tradeoff", None, 3, T0)
    again = review("bias-variance-tradeoff", None, 1, T0)
    easy = review("bias-variance-tradeoff", None, 4, T0)
    assert again.due < good.due < easy.due
    assert easy.interval_days >= 1


def test_intervals_grow_with_successive_good_reviews() -> None:
    first = review("attention-mechanism", None, 4, T0)
    second = review("attention-mechanism", first.card, 3, first.due)
    third = review("attention-mechanism", second.card, 3, second.due)
    assert first.interval_days < second.interval_days < third.interval_days
    lapse = review("attention-mechanism", third.card, 1, third.due)
    assert lapse.interval_days < third.interval_days


def test_streak_counts_consecutive_days_ending_today_or_yesterday() -> None:
    today = T0.date()
    assert streak([today, today - timedelta(days=1), today - timedelta(days=2)], today) == 3
    assert streak([today - timedelta(days=1), today - timedelta(days=2)], today) == 2
    assert streak([today - timedelta(days=3)], today) == 0


def test_new_card_limit_counts_questions_first_seen_today() -> None:
    logs = [LogEntry("a", 3, T0), LogEntry("b", 3, T0), LogEntry("a", 3, T0 + timedelta(hours=1)),
            LogEntry("c", 3, T0 - timedelta(days=1))]
    assert new_cards_allowed(logs, 3, T0 + timedelta(hours=2)) == 1
    assert new_cards_allowed(logs, 1, T0 + timedelta(hours=2)) == 0


def test_stats_retention_streak_and_mastery() -> None:
    a = review("q-a", None, 3, T0)
    b = review("q-b", None, 1, T0)
    logs = [LogEntry("q-a", 3, T0), LogEntry("q-b", 1, T0)]
    stats = compute_stats(logs, {"q-a": a.card, "q-b": b.card},
                          {"q-a": "fundamentals", "q-b": "fundamentals", "q-c": "llms"}, T0 + timedelta(minutes=5))
    assert stats.reviews == 2
    assert stats.retention == 0.5
    assert stats.streak_days == 1
    assert stats.mastery["llms"] == 0.0
    assert 0.0 < stats.mastery["fundamentals"] <= 1.0
    assert stats.due_now == 1  # "again" is due after a minute, "good" after ten
