"""Many processes opening a fresh store at once, and ids no row can have (issues #15, #23, #24)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from loopcoach.config import load_settings
from loopcoach.errors import NotFoundError
from loopcoach.store import Store, open_store
from loopcoach.store.ids import POSTGRES_INTEGER_MAX, SQLITE_MAX
from loopcoach.store.migrations import latest_version

STORY = ("Our checkout service timed out every evening. I had to find the cause before the sale. "
         "I profiled the hot path and added a cache in front of the pricing call. "
         "Timeouts fell from 4% to 0.1% and the sale ran without an incident.\n")
PROCESSES = 8


def _story_add_at_once(tmp_path: Path, env_extra: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Start PROCESSES ``loopcoach story add`` on one data folder at the same moment."""
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    env = {**os.environ, **env_extra, "LOOPCOACH_USER": "racer"}
    procs = [subprocess.Popen([sys.executable, "-m", "loopcoach", "story", "add", f"Story {i}", str(story), "--json"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(PROCESSES)]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def _assert_all_added(done: list[subprocess.CompletedProcess[str]], store: Store) -> None:
    failures = [(d.returncode, d.stderr[-400:]) for d in done if d.returncode != 0]
    assert failures == []
    ids = {json.loads(d.stdout)["id"] for d in done}
    assert len(ids) == PROCESSES
    assert {s.title for s in store.list_stories()} == {f"Story {i}" for i in range(PROCESSES)}
    with store.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(sa.text("SELECT version FROM schema_migrations ORDER BY version"))]
        users = conn.execute(sa.text("SELECT count(*) FROM users WHERE name = 'racer'")).scalar()
    assert versions == list(range(1, latest_version() + 1))
    assert users == 1


@pytest.mark.parametrize("round_", [1, 2])
def test_eight_processes_on_a_fresh_sqlite_store_all_succeed(tmp_path: Path, round_: int) -> None:
    home = tmp_path / f"home-{round_}"
    done = _story_add_at_once(tmp_path, {"LOOPCOACH_HOME": str(home)})
    store = open_store(load_settings({"LOOPCOACH_HOME": str(home), "LOOPCOACH_USER": "racer"}))
    try:
        _assert_all_added(done, store)
        assert (home / "loopcoach.db.migrate.lock").exists()
    finally:
        store.engine.dispose()


@pytest.mark.postgres
def test_eight_processes_on_a_fresh_postgres_database_all_succeed(postgres_url: str, tmp_path: Path) -> None:
    import psycopg

    url = sa.make_url(postgres_url)
    with psycopg.connect(f"host={url.host} port={url.port} user={url.username} dbname=postgres",
                         autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS loopcoach_race")
        conn.execute("CREATE DATABASE loopcoach_race")
    fresh = url.set(database="loopcoach_race").render_as_string(hide_password=False)
    done = _story_add_at_once(tmp_path, {"LOOPCOACH_HOME": str(tmp_path / "home"), "LOOPCOACH_DATABASE_URL": fresh})
    store = open_store(load_settings({"LOOPCOACH_HOME": str(tmp_path / "home"), "LOOPCOACH_DATABASE_URL": fresh,
                                      "LOOPCOACH_USER": "racer"}))
    try:
        _assert_all_added(done, store)
    finally:
        store.engine.dispose()


GETTERS: list[tuple[str, Callable[[Store, int], Any]]] = [
    ("attempt", Store.get_attempt),
    ("story", Store.get_story),
    ("session", Store.get_session),
    ("application", Store.get_application),
    ("story", Store.story_versions),
    ("story", lambda s, i: s.delete_story(i)),
    ("application", lambda s, i: s.update_application(i, notes="x")),
    ("session", lambda s, i: s.update_session(i, status="done")),
]
HOSTILE_IDS = [0, -1, -(2**70), SQLITE_MAX + 1, 99999999999999999999999, 10**4000]


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=lambda v: str(v)[:12])
@pytest.mark.parametrize(("what", "call"), GETTERS, ids=[f"{w}-{i}" for i, (w, _) in enumerate(GETTERS)])
def test_ids_no_row_can_have_are_not_found(store: Store, what: str, call: Callable[[Store, int], Any],
                                           value: int) -> None:
    with pytest.raises(NotFoundError) as info:
        call(store, value)
    message = info.value.message
    assert message.startswith(f"There is no {what} number") and message.endswith(".") and len(message) < 120


def test_the_largest_sqlite_id_is_a_plain_unknown_id(store: Store) -> None:
    with pytest.raises(NotFoundError, match=f"There is no story number {SQLITE_MAX}."):
        store.get_story(SQLITE_MAX)


@pytest.mark.postgres
def test_postgres_integer_range_is_respected(postgres_url: str, tmp_path: Path) -> None:
    store = open_store(load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_DATABASE_URL": postgres_url,
                                      "LOOPCOACH_USER": "pg-ids"}))
    try:
        assert store.max_id == POSTGRES_INTEGER_MAX
        for value in (POSTGRES_INTEGER_MAX, POSTGRES_INTEGER_MAX + 1, 99999999999999999999):
            with pytest.raises(NotFoundError):
                store.get_story(value)
            with pytest.raises(NotFoundError):
                store.get_application(value)
    finally:
        store.engine.dispose()


def test_cli_huge_story_id_is_one_sentence_and_exit_2(cli: Callable[..., Any]) -> None:
    result = cli("story", "show", "99999999999999999999999")
    assert result.exit_code == 2
    assert result.stderr == "Error: There is no story number 99999999999999999999999.\n"
    assert "Traceback" not in result.stderr + result.stdout
    result = cli("story", "show", "99999999999999999999999", "--json")
    assert result.exit_code == 2 and json.loads(result.stdout)["error"]["code"] == "not_found"


def test_web_huge_story_id_is_404(client: Any) -> None:
    for url in ("/behavioral/stories/99999999999999999999", f"/behavioral/stories/{SQLITE_MAX + 1}",
                "/behavioral/stories/0"):
        response = client.get(url)
        assert response.status_code == 404, url
