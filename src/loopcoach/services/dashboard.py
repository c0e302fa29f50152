"""Readiness: where the user stands per area and topic, read from the store's attempts and cards.

``collect_stats`` is shared by the dashboard and the marathon plan: per
area, the average of the most recent scores, per-topic averages (topics
come from the content banks: a coding problem's topics, a theory question's
topic, a design prompt's category; topics never tried are listed with no
score) and the due dates of review cards. ``dashboard`` adds the pictures:
a radar of the areas, score trends over time, a topic heat map and the due
reviews, rendered as inline SVG by ``areas.loop.charts``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from loopcoach.areas.loop import charts
from loopcoach.areas.loop.plan import AREA_LABELS, AREAS, AreaStats
from loopcoach.errors import LoopcoachError
from loopcoach.services.context import AppContext
from loopcoach.store.records import Attempt

RECENT = 10
TOPIC_RECENT = 5
HISTORY_LIMIT = 2000
TREND_AREAS = (*AREAS, "peer", "loop")
MOVE_DAYS = 14


def _bank_topics(ctx: AppContext, area: str) -> tuple[dict[str, list[str]], list[str]]:
    """item id -> its topics, and every topic of the bank, for areas with a content bank."""
    bank_name = {"coding": "coding", "theory": "theory", "design": "design"}.get(area)
    if bank_name is None:
        return {}, []
    try:
        items = ctx.content(bank_name).items
    except LoopcoachError:
        return {}, []
    mapping: dict[str, list[str]] = {}
    for item in items:
        if area == "coding":
            mapping[item.id] = list(item.topics)
        elif area == "theory":
            mapping[item.id] = [item.topic]
        else:
            mapping[item.id] = [item.category]
    every = sorted({t for ts in mapping.values() for t in ts})
    return mapping, every


def topics_of(attempt: Attempt, mapping: dict[str, list[str]]) -> list[str]:
    """The topics an attempt counts for: the bank's, else the attempt's own meta."""
    if attempt.item_id and attempt.item_id in mapping:
        return mapping[attempt.item_id]
    for key in ("topic", "competency", "category"):
        value = attempt.meta.get(key)
        if isinstance(value, str) and value:
            return [value]
    return []


def _parse_day(stamp: str) -> date:
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return datetime.now(UTC).date()


def collect_stats(ctx: AppContext) -> dict[str, AreaStats]:
    """Per area: attempts, recent average, per-topic averages (unseen topics too) and card due dates."""
    out: dict[str, AreaStats] = {}
    for area in AREAS:
        attempts = [a for a in ctx.store.list_attempts(area=area, limit=HISTORY_LIMIT) if a.score is not None]
        mapping, every = _bank_topics(ctx, area)
        per_topic: dict[str, list[int]] = defaultdict(list)
        for a in attempts:  # most recent first
            for topic in topics_of(a, mapping):
                if len(per_topic[topic]) < TOPIC_RECENT:
                    per_topic[topic].append(int(a.score or 0))
        topics: dict[str, float | None] = dict.fromkeys(every)
        topics.update({t: sum(v) / len(v) for t, v in per_topic.items()})
        recent = [int(a.score or 0) for a in attempts[:RECENT]]
        due = [_parse_day(c.due) for c in ctx.store.list_cards(area)]
        out[area] = AreaStats(area, len(attempts), sum(recent) / len(recent) if recent else None, topics, due)
    return out


def _weekly_trend(ctx: AppContext) -> dict[str, list[tuple[date, float]]]:
    """Average score per area per ISO week (the week's Monday), oldest first."""
    trend: dict[str, list[tuple[date, float]]] = {}
    for area in TREND_AREAS:
        buckets: dict[date, list[int]] = defaultdict(list)
        for a in ctx.store.list_attempts(area=area, limit=HISTORY_LIMIT):
            if a.score is None:
                continue
            day = _parse_day(a.finished_at)
            buckets[day - timedelta(days=day.weekday())].append(a.score)
        if buckets:
            trend[area] = [(week, sum(v) / len(v)) for week, v in sorted(buckets.items())]
    return trend


def topic_moves(ctx: AppContext, area: str, today: date) -> dict[str, float]:
    """Per topic: average of the last MOVE_DAYS minus the average before, where both exist."""
    mapping, _every = _bank_topics(ctx, area)
    recent: dict[str, list[int]] = defaultdict(list)
    before: dict[str, list[int]] = defaultdict(list)
    cut = today - timedelta(days=MOVE_DAYS)
    for a in ctx.store.list_attempts(area=area, limit=HISTORY_LIMIT):
        if a.score is None:
            continue
        bucket = recent if _parse_day(a.finished_at) > cut else before
        for topic in topics_of(a, mapping):
            bucket[topic].append(a.score)
    return {t: sum(recent[t]) / len(recent[t]) - sum(before[t]) / len(before[t]) for t in recent if before.get(t)}


def dashboard(ctx: AppContext, today: date | None = None) -> dict[str, Any]:
    """Everything the readiness page shows, with the charts as SVG strings."""
    day = today or datetime.now(UTC).date()
    stats = collect_stats(ctx)
    radar = [(AREA_LABELS[a], stats[a].average) for a in AREAS]
    trend = {AREA_LABELS.get(a, a.title()): points for a, points in _weekly_trend(ctx).items()}
    heat_rows = [(AREA_LABELS[a], stats[a].topics) for a in ("coding", "theory", "design") if stats[a].topics]
    moves = {AREA_LABELS[a]: topic_moves(ctx, a, day) for a in ("coding", "theory", "design")}
    due_rows: list[dict[str, Any]] = []
    for a in AREAS:
        due_now = sum(1 for d in stats[a].due if d <= day)
        week = sum(1 for d in stats[a].due if day < d <= day + timedelta(days=7))
        if stats[a].due:
            due_rows.append({"area": a, "label": AREA_LABELS[a], "due_now": due_now, "due_week": week,
                             "total": len(stats[a].due)})
    areas = []
    for a in AREAS:
        average = stats[a].average
        tried = sorted((s, t) for t, s in stats[a].topics.items() if s is not None)
        areas.append({"area": a, "label": AREA_LABELS[a], "attempts": stats[a].attempts,
                      "average": None if average is None else round(average), "weakest": [t for _, t in tried[:2]]})
    return {
        "areas": areas,
        "has_data": any(st.attempts for st in stats.values()),
        "due": due_rows,
        "radar_svg": charts.radar(radar, "Average score by area (recent attempts)"),
        "trend_svg": charts.trend_lines(trend, "Average score per week"),
        "heatmap_svg": charts.heatmap(heat_rows, "Score by topic", moves),
        "due_svg": charts.due_bars([(str(r["label"]), int(r["due_now"]), int(r["due_week"])) for r in due_rows],
                                   "Review cards due now and this week"),
    }
