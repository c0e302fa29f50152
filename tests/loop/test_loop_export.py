"""Everything the loop area stores travels with the user's export and import."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from loopcoach.config import load_settings
from loopcoach.services import loop, peer, plan, tracker
from loopcoach.services.context import AppContext


def test_export_import_round_trip(ctx: AppContext, tmp_path: object) -> None:
    app = tracker.add(ctx, "Acme", "MLE", contacts="Dana <d@acme.ai>, recruiter")
    tracker.move(ctx, app["id"], "onsite")
    plan.save_settings(ctx, (datetime.now(UTC).date() + timedelta(days=9)).isoformat(), 6)
    sid = loop.start(ctx, "recruiter_screen", seed=4)["id"]
    loop.save_answer(ctx, sid, 0, "answer", "My best project was a ranking model.")
    shared = peer.start(ctx, "coding", "two-sum")
    doc = ctx.store.export_all()
    other = AppContext(load_settings({"LOOPCOACH_HOME": str(tmp_path) + "/other", "LOOPCOACH_USER": "tester"}))
    try:
        other.store.import_all(doc)
        assert tracker.show(other, app["id"])["history"][0]["stage"] == "onsite"
        assert plan.settings(other) == plan.settings(ctx)
        assert loop.view(other, sid)["interviews"][0]["items"][0]["answer"] == "My best project was a ranking model."
        assert peer.open_session(other, shared["token"]).state["item_id"] == "two-sum"
    finally:
        other.close()
