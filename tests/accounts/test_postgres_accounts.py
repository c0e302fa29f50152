"""Accounts on a real PostgreSQL server: the accounts migration, sign-in, and one account's store per request."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.store import tables as t
from loopcoach.store.migrations import current_version, latest_version
from loopcoach.web.app import create_app
from tests.accounts.conftest import PASSWORD, group_settings
from tests.conftest import CSRFClient

pytestmark = pytest.mark.postgres


def fresh_database(postgres_url: str) -> str:
    """A new empty database on the test server; returns its URL."""
    name = "lc_" + uuid.uuid4().hex[:12]
    url = sa.engine.make_url(postgres_url)
    with psycopg.connect(f"host={url.host} port={url.port} user={url.username} dbname=postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return str(url.set(database=name).render_as_string(hide_password=False))


def test_accounts_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    ctx = AppContext(group_settings(tmp_path / "home", LOOPCOACH_DATABASE_URL=fresh_database(postgres_url)))
    try:
        with ctx.store.engine.connect() as conn:
            assert current_version(conn) == latest_version()
            inspector = sa.inspect(conn)
            for table in (t.users, t.cohorts, t.auth_sessions, t.sign_in_failures, t.mock_sessions):
                assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
        for name in ("alice", "bob"):
            accounts.add_user(ctx, name, "candidate", "north", PASSWORD)
        accounts.add_user(ctx, "nora", "coach", "north", PASSWORD)
        app: Any = create_app(ctx=ctx)
        with CSRFClient(app) as alice, CSRFClient(app) as bob:
            for client, name in ((alice, "alice"), (bob, "bob")):
                client.get("/signin")
                assert client.post("/signin", data={"name": name, "password": PASSWORD},
                                   follow_redirects=False).status_code == 303
            made = alice.post("/applications", data={"company": "Acme", "role": "MLE"}, follow_redirects=False)
            assert made.status_code == 303
            app_id = ctx.as_account(accounts.accounts(ctx).get("alice")).store.list_applications()[0].id
            assert alice.get(f"/applications/{app_id}").status_code == 200
            assert bob.get(f"/applications/{app_id}").status_code == 404
            assert bob.post(f"/applications/{app_id}/delete", follow_redirects=False).status_code == 404
            for _ in range(accounts.MAX_FAILURES_PER_NAME):
                bob.post("/signin", data={"name": "alice", "password": "a wrong password"})
            assert bob.post("/signin", data={"name": "alice", "password": PASSWORD}).status_code == 429
        nora = accounts.accounts(ctx).get("nora")
        assert [c.name for c in accounts.cohort_candidates(ctx, nora)] == ["alice", "bob"]
    finally:
        ctx.close()
