"""The marathon plan (pure logic) and its iCalendar export."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from loopcoach.areas.loop.ical import escape_text, fold, plan_to_ical
from loopcoach.areas.loop.plan import (
    AREAS,
    AreaStats,
    area_weights,
    build_plan,
    minutes_by_area,
    weakest_topics,
)
from loopcoach.errors import BadInputError

TODAY = date(2026, 11, 30)  # a Monday


def _stats() -> dict[str, AreaStats]:
    return {
        "coding": AreaStats("coding", 10, 85.0, {"graphs": 90.0, "dynamic-programming": 40.0}),
        "theory": AreaStats("theory", 8, 70.0, {"transformers": 55.0, "evaluation": 90.0, "llms": None},
                            due=[TODAY - timedelta(days=2)] * 6 + [TODAY + timedelta(days=3)] * 2),
        "design": AreaStats("design", 2, 30.0, {"recommendation": 30.0}),
        "behavioral": AreaStats("behavioral", 3, 80.0),
        "pitch": AreaStats("pitch", 1, 90.0),
        "resume": AreaStats("resume", 1, 95.0),
    }


def test_weaker_and_unseen_areas_weigh_more() -> None:
    w = area_weights(_stats(), TODAY)
    assert w["design"] > w["coding"]  # 30/100 vs 85/100 with the same importance
    unseen = area_weights({}, TODAY)
    assert unseen["coding"] > w["coding"]
    # due cards add weight on top of weakness
    no_due = area_weights({**_stats(), "theory": AreaStats("theory", 8, 70.0)}, TODAY)
    assert w["theory"] > no_due["theory"]


def test_weakest_topics_rank_unseen_between() -> None:
    st = _stats()["theory"]
    assert weakest_topics(st, 3) == ["llms", "transformers", "evaluation"]  # unseen (35) < 55 < 90


def test_plan_covers_every_day_and_respects_hours() -> None:
    interview = TODAY + timedelta(days=28)
    plan = build_plan(_stats(), TODAY, interview, hours_per_week=9, study_days=6)
    assert [d.day for d in plan.days] == [TODAY + timedelta(days=i) for i in range(28)]
    assert all(d.rest for d in plan.days if d.day.weekday() == 6 and (interview - d.day).days > 1)
    weekly = sum(d.minutes for d in plan.days[:7])
    assert 9 * 60 - 30 <= weekly <= 9 * 60 + 60  # plus the first day's overdue reviews
    assert abs(sum(plan.shares.values()) - 1.0) < 0.01
    by_area = minutes_by_area(plan)
    assert by_area["design"] > by_area["coding"] > 0
    assert all(by_area[a] > 0 for a in AREAS)  # nothing is dropped
    first = plan.days[0].sessions
    assert first[0].area == "review" and "6 ML theory review cards due" in first[0].reason
    due_day = plan.days[3].sessions
    assert any(s.area == "review" and "2 ML theory" in s.reason for s in due_day)
    design_focus = [f for d in plan.days for s in d.sessions if s.area == "design" for f in s.focus]
    assert set(design_focus) == {"recommendation"}
    assert any(s.area == "mock" and s.focus == ["onsite"] for s in plan.days[-3].sessions)
    assert "Light day" in plan.days[-1].note


def test_replans_when_results_come_in() -> None:
    interview = TODAY + timedelta(days=14)
    before = build_plan(_stats(), TODAY, interview, 10)
    better = {**_stats(), "design": AreaStats("design", 6, 88.0, {"recommendation": 88.0})}
    after = build_plan(better, TODAY, interview, 10)
    assert minutes_by_area(after)["design"] < minutes_by_area(before)["design"]
    assert after.shares["design"] < before.shares["design"]


def test_bad_plan_input() -> None:
    with pytest.raises(BadInputError, match="after today"):
        build_plan({}, TODAY, TODAY, 5)
    with pytest.raises(BadInputError, match="Hours per week"):
        build_plan({}, TODAY, TODAY + timedelta(days=5), 0.2)
    with pytest.raises(BadInputError, match="366"):
        build_plan({}, TODAY, TODAY + timedelta(days=900), 5)


def test_short_plan_with_one_day() -> None:
    plan = build_plan({}, TODAY, TODAY + timedelta(days=1), 5)
    assert len(plan.days) == 1 and "Light day" in plan.days[0].note


def _strict_parse(text: str) -> list[dict[str, str]]:
    """A strict reader: CRLF only, lines <= 75 octets, balanced components, required properties."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical), max(len(x) for x in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(b" "):
            logical[-1] += line[1:].decode("utf-8")
        else:
            logical.append(line.decode("utf-8"))
    stack: list[str] = []
    events: list[dict[str, str]] = []
    for line in logical:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            assert stack.pop() == value
        else:
            assert re.fullmatch(r"[A-Z-]+(;[A-Z-]+=[A-Z0-9-]+)*", name), name
            if stack[-1] == "VEVENT":
                events[-1][name] = value
    assert stack == []
    for ev in events:
        assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} <= set(ev)
        assert re.fullmatch(r"\d{8}", ev["DTSTART;VALUE=DATE"])
        assert re.fullmatch(r"\d{8}T\d{6}Z", ev["DTSTAMP"])
    return events


def test_ical_is_strict_rfc5545() -> None:
    plan = build_plan(_stats(), TODAY, TODAY + timedelta(days=21), 8)
    text = plan_to_ical(plan, datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    events = _strict_parse(text)
    study_days = [d for d in plan.days if not d.rest and d.sessions]
    assert len(events) == len(study_days) + 1
    assert len({e["UID"] for e in events}) == len(events)
    assert events[0]["DTSTART;VALUE=DATE"] == "20261130"


def test_ical_parses_with_the_icalendar_package() -> None:
    import icalendar  # a test dependency (pyproject [test])
    plan = build_plan(_stats(), TODAY, TODAY + timedelta(days=10), 6)
    cal = icalendar.Calendar.from_ical(plan_to_ical(plan))
    events = cal.walk("VEVENT")
    assert events[0].decoded("DTSTART") == TODAY
    assert "ML theory" in str(events[0]["DESCRIPTION"]) and "\n" in str(events[0]["DESCRIPTION"])
    assert events[-1].decoded("DTSTART") == TODAY + timedelta(days=10)


def test_escape_and_fold_multibyte() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_overdue_cards_move_to_the_next_study_day() -> None:
    sunday = TODAY - timedelta(days=1)
    stats = {"theory": AreaStats("theory", 1, 50.0, due=[sunday - timedelta(days=3), sunday,
                                                          sunday + timedelta(days=7)])}
    plan = build_plan(stats, sunday, sunday + timedelta(days=10), 6)
    assert plan.days[0].rest and plan.days[0].sessions == []
    assert "2 ML theory review cards due" in plan.days[1].sessions[0].reason
    # the card due on the next Sunday (a rest day) lands on Monday
    assert plan.days[7].rest and "1 ML theory review card due" in plan.days[8].sessions[0].reason
    reviews = [s for d in plan.days for s in d.sessions if s.area == "review"]
    assert len(reviews) == 2
