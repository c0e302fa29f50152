"""The store on a real SQLite file: migrations, records, export/import, crash safety."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from loopcoach.config import Settings, load_settings
from loopcoach.errors import InvalidDocumentError, NotFoundError
from loopcoach.store import Store, open_store
from loopcoach.store import tables as t
from loopcoach.store.migrations import current_version, latest_version


def fill(store: Store) -> None:
    """Put a row in every table, with unicode and JSON edge cases."""
    store.add_attempt("theory", "bias-variance-tradeoff", "Bias is… ünïcode ✓", {"score": 71, "nested": [1, None]},
                      71, started_at="2026-01-01T00:00:00+00:00", meta={"claimed": "O(n)"})
    store.add_attempt("coding", None, "x", {}, None)
    store.review("theory", "cnn-vs-rnn", {"stability": 2.5, "state": 1}, "2026-02-01T00:00:00+00:00", 3,
                 {"grade": 80})
    story = store.create_story("Shipping the ranker", {"competencies": ["impact"]})
    store.add_story_version(story, "S. T. A. R.", {"score": 60}, 60)
    store.add_story_version(story, "Better version", {"score": 80}, 80)
    session = store.create_session("design", {"chat": [{"q": "scale?", "a": "10M"}]}, token="tok-123")
    store.update_session(session, status="finished", finished=True)
    store.add_application("Acme", "ML Engineer", "phone_screen", "2026-03-01", "JD text",
                          [{"name": "Ann", "email": "a@x.io"}], "notes", "send thanks", "2026-03-05")
    store.put_note("why-company", "Acme", "Because of their ranking team.")
    attempt = store.list_attempts(area="theory")[0].id
    store.add_spoken("theory", "Bias is, um, the error…", {"wpm": 131.5, "pauses": [{"start_s": 2.0}]}, attempt,
                     audio=bytes(range(256)) * 4, audio_name="answer.webm")
    store.add_spoken("pitch", "I build ranking models.", {"wpm": 150.0})


def test_migrations_run_once_and_match_tables(settings: Settings) -> None:
    store = open_store(settings)
    with store.engine.connect() as conn:
        assert current_version(conn) == latest_version()
        inspector = sa.inspect(conn)
        for table in t.EXPORT_ORDER:
            assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
    open_store(settings)  # a second open applies nothing and keeps data
    with store.engine.connect() as conn:
        versions = conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar()
    assert versions == latest_version()


def test_sqlite_is_wal_with_foreign_keys(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1


def test_records_round_trip(store: Store) -> None:
    fill(store)
    attempts = store.list_attempts(area="theory")
    assert attempts[0].result == {"score": 71, "nested": [1, None]}
    assert attempts[0].input_text == "Bias is… ünïcode ✓"
    assert [v.version for v in store.story_versions(store.list_stories()[0].id)] == [1, 2]
    assert store.session_by_token("tok-123").status == "finished"
    assert store.due_cards("theory", "2026-03-01T00:00:00+00:00")[0].item_id == "cnn-vs-rnn"
    assert store.area_summary()["theory"]["average_score"] == 71
    with pytest.raises(NotFoundError):
        store.get_story(999)
    with pytest.raises(NotFoundError, match="not a stage"):
        store.add_application("X", "Y", "dreaming")


def test_users_see_only_their_data(store: Store) -> None:
    fill(store)
    other = store.for_user("someone-else")
    assert other.list_attempts() == []
    assert other.list_stories() == []
    with pytest.raises(NotFoundError):
        other.get_application(store.list_applications()[0].id)


def test_export_import_round_trip_is_lossless(store: Store, tmp_path: Path) -> None:
    fill(store)
    doc = store.export_all()
    text = json.dumps(doc)
    target = open_store(load_settings({"LOOPCOACH_HOME": str(tmp_path / "other"), "LOOPCOACH_USER": "tester"}))
    counts = target.import_all(json.loads(text))
    assert counts["attempts"] == 2 and counts["story_versions"] == 2 and counts["spoken_attempts"] == 2
    kept = next(sp for sp in target.list_spoken() if sp.has_audio)
    assert target.get_spoken(kept.id)[1] == bytes(range(256)) * 4  # the kept audio survives byte for byte
    again = target.export_all()
    assert again["tables"] == doc["tables"]
    # the restored store keeps working: new ids do not collide
    target.add_attempt("theory", "x", "y", {}, 1)
    assert len(target.list_attempts()) == 3


def test_spoken_attempts_keep_audio_only_when_given_and_delete(store: Store) -> None:
    fill(store)
    listed = store.list_spoken()
    assert [sp.kind for sp in listed] == ["pitch", "theory"] and [sp.has_audio for sp in listed] == [False, True]
    theory = listed[1]
    assert theory.delivery["pauses"] == [{"start_s": 2.0}] and theory.attempt_id is not None
    assert store.get_spoken(listed[0].id)[1] is None
    store.delete_spoken(theory.id, audio_only=True)
    record, audio = store.get_spoken(theory.id)
    assert audio is None and not record.has_audio and record.audio_name is None
    assert record.transcript == "Bias is, um, the error…"  # the transcript and figures stay
    store.delete_spoken(theory.id)
    assert [sp.id for sp in store.list_spoken()] == [listed[0].id]
    with pytest.raises(NotFoundError, match="no spoken answer number"):
        store.get_spoken(theory.id)
    with pytest.raises(NotFoundError):
        store.for_user("someone-else").delete_spoken(listed[0].id)


def test_an_export_from_before_spoken_answers_still_imports(store: Store, tmp_path: Path) -> None:
    store.add_attempt("theory", "x", "y", {}, 1)
    doc = store.export_all()
    del doc["tables"]["spoken_attempts"]
    target = open_store(load_settings({"LOOPCOACH_HOME": str(tmp_path / "old"), "LOOPCOACH_USER": "tester"}))
    assert target.import_all(doc)["spoken_attempts"] == 0


def test_import_refuses_a_store_with_data(store: Store) -> None:
    fill(store)
    with pytest.raises(InvalidDocumentError, match="already holds data"):
        store.import_all(store.export_all())


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "not a loopcoach export"),
        ({"format": "loopcoach-export", "version": 99, "tables": {}}, "version 99"),
        ({"format": "loopcoach-export", "version": 1, "tables": {"secrets": []}}, "unknown tables: secrets"),
        ({"format": "loopcoach-export", "version": 1, "tables": {"users": [{"id": 1}]}}, "exactly the columns"),
        ({"format": "loopcoach-export", "version": 1, "tables": {"users": [
            {"id": "one", "name": "x", "created_at": "t"}]}}, "must be a whole number"),
        ({"format": "loopcoach-export", "version": 1, "tables": {"notes": [
            {"id": 1, "user_id": 42, "kind": "k", "key": "k", "body": "b", "updated_at": "t"}]}}, "inconsistent"),
    ],
)
def test_corrupt_exports_are_refused_without_damage(store: Store, doc: Any, message: str) -> None:
    with pytest.raises(InvalidDocumentError, match=message):
        store.import_all(doc)
    assert store.list_attempts() == []
    store.add_attempt("theory", "x", "still works", {}, 1)


def test_killed_writer_leaves_a_consistent_database(settings: Settings) -> None:
    """A process killed mid-write loses at most the write in flight, never consistency."""
    open_store(settings)
    script = textwrap.dedent(f"""
        import sys
        from loopcoach.config import load_settings
        from loopcoach.store import open_store
        s = open_store(load_settings({{"LOOPCOACH_HOME": {str(settings.home)!r}, "LOOPCOACH_USER": "tester"}}))
        i = 0
        while True:
            story = s.create_story(f"story {{i}}")
            s.add_story_version(story, "x" * 5000, {{"i": i}}, i % 100)
            s.add_attempt("coding", "two-sum", "y" * 20000, {{"i": i}}, 1)
            i += 1
            if i == 20:
                print("writing", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = open_store(settings)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(sa.text("PRAGMA foreign_key_check")).first() is None
        orphans = conn.execute(sa.text(
            "SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_versions v WHERE v.story_id = s.id)"
        )).scalar()
    # Only the story created by the write in flight may lack its version.
    assert orphans is not None and orphans <= 1
    assert len(store.list_attempts(limit=100000)) >= 20
