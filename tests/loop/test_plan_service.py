"""The plan and readiness services against a real store, the plan CLI and the pages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from loopcoach.services import dashboard, plan
from loopcoach.services.context import AppContext

TODAY = datetime.now(UTC).date()


def _due(d: date) -> str:
    return datetime(d.year, d.month, d.day, 8, tzinfo=UTC).isoformat()


def test_stats_come_from_attempts_banks_and_cards(ctx: AppContext) -> None:
    store = ctx.store
    store.add_attempt("coding", "number-of-islands", "code", {}, 30)
    store.add_attempt("coding", "two-sum", "code", {}, 90)
    store.add_attempt("theory", "attention-mechanism", "answer", {}, 50)
    store.save_card("theory", "attention-mechanism", {}, _due(TODAY - timedelta(days=1)))
    stats = dashboard.collect_stats(ctx)
    assert stats["coding"].attempts == 2 and stats["coding"].average == 60
    assert stats["coding"].topics["graphs"] == 30 and stats["coding"].topics["arrays-hashing"] == 90
    assert stats["coding"].topics["tries"] is None  # in the bank, never tried
    assert stats["theory"].topics["transformers"] == 50
    assert stats["theory"].due == [TODAY - timedelta(days=1)]
    assert stats["design"].attempts == 0 and "recommendation" in stats["design"].topics


def test_topic_moves_compare_recent_with_before(ctx: AppContext) -> None:
    old = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    ctx.store.add_attempt("coding", "number-of-islands", "x", {}, 30, finished_at=old)
    ctx.store.add_attempt("coding", "course-schedule", "x", {}, 80)
    ctx.store.add_attempt("coding", "two-sum", "x", {}, 90)
    moves = dashboard.topic_moves(ctx, "coding", TODAY)
    assert moves["graphs"] == 50 and "arrays-hashing" not in moves  # no earlier result to compare with


def test_plan_replans_from_the_store(ctx: AppContext) -> None:
    interview = (TODAY + timedelta(days=20)).isoformat()
    first = plan.save_settings(ctx, interview, 8)
    assert first["changes"] == [] and first["interview"] == interview
    for _ in range(4):
        ctx.store.add_attempt("design", "video-recommendations", "answer", {}, 95)
    again = plan.current(ctx)
    assert again["shares"]["design"] < first["shares"]["design"]
    assert any(c.startswith("ML system design: less time") for c in again["changes"])
    assert again["minutes_by_area"]["design"] < first["minutes_by_area"]["design"]


def test_plan_cli_make_show_ical(cli: Any, tmp_path: Path) -> None:
    r = cli("plan", "show", "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "not_found"
    interview = (TODAY + timedelta(days=10)).isoformat()
    r = cli("plan", "make", "--date", interview, "--hours", "6", "--json")
    assert r.exit_code == 0, r.stderr
    made = json.loads(r.stdout)
    assert len(made["days"]) == 10 and made["hours_per_week"] == 6
    out = tmp_path / "plan.ics"
    r = cli("plan", "ical", str(out), "--json")
    assert json.loads(r.stdout)["events"] >= 2
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    r = cli("plan", "make", "--date", "next friday", "--hours", "6", "--json")
    assert r.exit_code == 2 and "YYYY-MM-DD" in json.loads(r.stdout)["error"]["message"]
    r = cli("plan", "make", "--date", "2020-01-01", "--hours", "6")
    assert r.exit_code == 2 and "after today" in r.stderr
    r = cli("plan", "show")
    assert r.exit_code == 0 and f"Interview on {interview}" in r.stdout


def test_plan_page_and_ics(client: TestClient) -> None:
    page = client.get("/plan")
    assert page.status_code == 200 and "No plan yet" in page.text
    interview = (TODAY + timedelta(days=12)).isoformat()
    r = client.post("/plan", data={"interview": interview, "hours_per_week": "7", "study_days": "5"})
    assert r.status_code == 200 and "12 days to go" in r.text and "Download calendar" in r.text
    ics = client.get("/plan.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and "BEGIN:VEVENT" in ics.text
    bad = client.post("/plan", data={"interview": interview, "hours_per_week": "500"})
    assert bad.status_code == 400 and "Hours per week" in bad.text


def test_dashboard_empty_and_with_data(client: TestClient, ctx: AppContext) -> None:
    page = client.get("/readiness")
    assert page.status_code == 200 and "Nothing to chart yet" in page.text
    assert "<svg" not in page.text
    store = ctx.store
    store.add_attempt("coding", "number-of-islands", "x", {}, 40)
    store.add_attempt("theory", "cnn-vs-rnn", "x", {}, 80)
    store.add_attempt("design", "<b>odd</b>", "x", {}, 60, meta={"category": "<script>x</script>"})
    store.save_card("theory", "cnn-vs-rnn", {}, _due(TODAY))
    page = client.get("/readiness")
    assert "Nothing to chart yet" not in page.text
    assert page.text.count("<svg") == 4 and 'role="img"' in page.text
    assert "<script>x</script>" not in page.text and "&lt;script&gt;x&lt;/script&gt;" in page.text
    assert "Coding: 40 of 100" in page.text  # the radar's text description
