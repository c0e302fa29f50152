"""The cohort dashboard: what a coach sees of the candidates they follow.

Per candidate: readiness (the mean of the recent area averages, over the areas
they have tried), the areas tried and their weakest area. Across the cohort:
each area's mean of the candidates' recent averages with how many tried it,
the weakest topics (mean of the candidates' per-topic averages, at least two
candidates), and the most recent mock loops and peer mocks. Every figure is
read through a context bound to that candidate, so it is the candidate's own
data and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from loopcoach.areas.loop.plan import AREA_LABELS, AREAS
from loopcoach.errors import NotFoundError
from loopcoach.services.accounts import cohort_candidates
from loopcoach.services.context import AppContext
from loopcoach.services.dashboard import collect_stats, dashboard
from loopcoach.store.accounts import Account

RECENT_MOCKS = 12
MOCK_KINDS = ("loop", "peer")


def _candidate_row(ctx: AppContext, candidate: Account) -> tuple[dict[str, Any], dict[str, Any]]:
    view = ctx.as_account(candidate)
    stats = collect_stats(view)
    averages = {a: stats[a].average for a in AREAS if stats[a].average is not None}
    weakest = min(averages, key=lambda a: (averages[a] or 0.0)) if averages else None
    row = {"name": candidate.name, "cohort": candidate.cohort,
           "readiness": round(sum(v or 0.0 for v in averages.values()) / len(averages)) if averages else None,
           "areas_tried": len(averages), "attempts": sum(stats[a].attempts for a in AREAS),
           "weakest_area": AREA_LABELS[weakest] if weakest else None,
           "areas": {a: (None if v is None else round(v)) for a, v in averages.items()}}
    mocks = [{"candidate": candidate.name, "kind": s.kind, "status": s.status, "title": s.state.get("title"),
              "created_at": s.created_at}
             for kind in MOCK_KINDS for s in view.store.list_sessions(kind, limit=RECENT_MOCKS)]
    return row, {"stats": stats, "mocks": mocks}


def overview(ctx: AppContext, coach: Account) -> dict[str, Any]:
    """The cohort dashboard of a coach (an admin sees every candidate)."""
    rows: list[dict[str, Any]] = []
    area_scores: dict[str, list[float]] = defaultdict(list)
    topic_scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    mocks: list[dict[str, Any]] = []
    for candidate in cohort_candidates(ctx, coach):
        row, extra = _candidate_row(ctx, candidate)
        rows.append(row)
        mocks.extend(extra["mocks"])
        for area in AREAS:
            st = extra["stats"][area]
            if st.average is not None:
                area_scores[area].append(st.average)
            for topic, score in st.topics.items():
                if score is not None:
                    topic_scores[(area, topic)].append(score)
    areas = [{"area": a, "label": AREA_LABELS[a], "candidates": len(area_scores[a]),
              "average": round(sum(area_scores[a]) / len(area_scores[a])) if area_scores[a] else None}
             for a in AREAS]
    shared = sorted(((round(sum(v) / len(v)), -len(v), t, a) for (a, t), v in topic_scores.items() if len(v) >= 2))
    weak_topics = [{"area": AREA_LABELS[a], "topic": t, "candidates": -n, "average": avg}
                   for avg, n, t, a in shared[:10]]
    mocks.sort(key=lambda m: str(m["created_at"]), reverse=True)
    return {"coach": coach.name, "cohort": coach.cohort, "candidates": rows, "areas": areas,
            "weak_topics": weak_topics, "recent_mocks": mocks[:RECENT_MOCKS]}


def candidate_dashboard(ctx: AppContext, coach: Account, name: str) -> dict[str, Any]:
    """One followed candidate's readiness dashboard; NotFoundError for anyone the coach does not follow."""
    for candidate in cohort_candidates(ctx, coach):
        if candidate.name == name:
            return {"candidate": candidate.name, "d": dashboard(ctx.as_account(candidate))}
    raise NotFoundError(f"There is no candidate named '{name}' in your cohort.")
