"""Numbered schema migrations, recorded in the ``schema_migrations`` table.

Each migration is a function that receives a connection inside the
transaction of ``migrate`` and brings the schema from version N-1 to N. A
migration, once released, never changes: the DDL of version 1 is written
out here rather than derived from ``tables.py``, which is the *current*
schema. A test migrates a blank database (SQLite and PostgreSQL) and checks
that the result matches ``tables.py`` column for column.

Several processes may open a fresh store at once (``loopcoach story add`` run in
parallel, a web server and a CLI). ``migrate`` therefore holds a lock while it
reads the version and applies migrations: an advisory lock on PostgreSQL, and on
SQLite an exclusive ``flock`` on a file beside the database. The others wait,
then find nothing left to do.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from loopcoach.errors import StoreError

Migration = Callable[[sa.Connection], None]

_migrations_table = sa.Table(
    "schema_migrations", sa.MetaData(),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)


def m001_initial(conn: sa.Connection) -> None:
    """Users, attempts, review cards and logs, stories and versions, mock sessions, applications, notes."""
    md = sa.MetaData()
    ts = sa.String(40)

    def table(name: str, *cols: Any) -> sa.Table:
        return sa.Table(name, md, sa.Column("id", sa.Integer, primary_key=True), *cols)

    def user_col() -> sa.Column[int]:
        return sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)

    table("users", sa.Column("name", sa.String(200), nullable=False, unique=True),
          sa.Column("created_at", ts, nullable=False))
    table("attempts", user_col(), sa.Column("area", sa.String(40), nullable=False),
          sa.Column("item_id", sa.String(200)), sa.Column("input_text", sa.Text, nullable=False),
          sa.Column("result_json", sa.Text, nullable=False), sa.Column("score", sa.Integer),
          sa.Column("started_at", ts), sa.Column("finished_at", ts, nullable=False),
          sa.Column("meta_json", sa.Text, nullable=False),
          sa.Index("ix_attempts_user_area_item", "user_id", "area", "item_id"))
    table("review_cards", user_col(), sa.Column("area", sa.String(40), nullable=False),
          sa.Column("item_id", sa.String(200), nullable=False), sa.Column("card_json", sa.Text, nullable=False),
          sa.Column("due", ts, nullable=False), sa.Column("updated_at", ts, nullable=False),
          sa.UniqueConstraint("user_id", "area", "item_id", name="uq_review_cards_item"),
          sa.Index("ix_review_cards_due", "user_id", "area", "due"))
    table("review_logs",
          sa.Column("card_id", sa.Integer, sa.ForeignKey("review_cards.id", ondelete="CASCADE"), nullable=False),
          sa.Column("rating", sa.Integer, nullable=False), sa.Column("reviewed_at", ts, nullable=False),
          sa.Column("log_json", sa.Text, nullable=False))
    table("stories", user_col(), sa.Column("title", sa.String(300), nullable=False),
          sa.Column("meta_json", sa.Text, nullable=False), sa.Column("created_at", ts, nullable=False),
          sa.Column("updated_at", ts, nullable=False))
    table("story_versions",
          sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
          sa.Column("version", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
          sa.Column("analysis_json", sa.Text, nullable=False), sa.Column("score", sa.Integer),
          sa.Column("created_at", ts, nullable=False),
          sa.UniqueConstraint("story_id", "version", name="uq_story_versions"))
    table("mock_sessions", user_col(), sa.Column("kind", sa.String(40), nullable=False),
          sa.Column("status", sa.String(20), nullable=False), sa.Column("token", sa.String(100), unique=True),
          sa.Column("state_json", sa.Text, nullable=False), sa.Column("created_at", ts, nullable=False),
          sa.Column("updated_at", ts, nullable=False), sa.Column("finished_at", ts))
    table("applications", user_col(), sa.Column("company", sa.String(200), nullable=False),
          sa.Column("role", sa.String(200), nullable=False), sa.Column("stage", sa.String(40), nullable=False),
          sa.Column("applied_on", sa.String(10)), sa.Column("job_description", sa.Text, nullable=False),
          sa.Column("contacts_json", sa.Text, nullable=False), sa.Column("notes", sa.Text, nullable=False),
          sa.Column("next_action", sa.Text, nullable=False), sa.Column("next_action_on", sa.String(10)),
          sa.Column("created_at", ts, nullable=False), sa.Column("updated_at", ts, nullable=False))
    table("notes", user_col(), sa.Column("kind", sa.String(60), nullable=False),
          sa.Column("key", sa.String(200), nullable=False), sa.Column("body", sa.Text, nullable=False),
          sa.Column("updated_at", ts, nullable=False),
          sa.UniqueConstraint("user_id", "kind", "key", name="uq_notes_key"))
    md.create_all(conn)


def m002_spoken_attempts(conn: sa.Connection) -> None:
    """Spoken answers: the transcript and delivery figures of each recording, the audio only if kept."""
    md = sa.MetaData()
    sa.Table("users", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("attempts", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("spoken_attempts", md, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
             sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id", ondelete="SET NULL")),
             sa.Column("kind", sa.String(20), nullable=False), sa.Column("transcript", sa.Text, nullable=False),
             sa.Column("delivery_json", sa.Text, nullable=False), sa.Column("audio_name", sa.String(300)),
             sa.Column("audio_base64", sa.Text), sa.Column("created_at", sa.String(40), nullable=False),
             sa.Index("ix_spoken_attempts_user", "user_id", "created_at"))
    md.tables["spoken_attempts"].create(conn)


def m003_accounts(conn: sa.Connection) -> None:
    """Accounts for group mode: cohorts, a role, password and sign-up link per user, sign-in sessions.

    Also the guest of a peer mock (``mock_sessions.guest_user_id``): the second account allowed into
    a session another account owns.
    """
    ts = "VARCHAR(40)"
    md = sa.MetaData()
    sa.Table("cohorts", md, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("name", sa.String(200), nullable=False, unique=True),
             sa.Column("created_at", sa.String(40), nullable=False)).create(conn)
    for column in ("role VARCHAR(20) NOT NULL DEFAULT 'candidate'",
                   "cohort_id INTEGER REFERENCES cohorts (id) ON DELETE SET NULL",
                   "password_hash VARCHAR(300)", "disabled INTEGER NOT NULL DEFAULT 0",
                   "signup_token_hash VARCHAR(100)", f"signup_expires_at {ts}"):
        conn.execute(sa.text(f"ALTER TABLE users ADD COLUMN {column}"))
    conn.execute(sa.text("ALTER TABLE mock_sessions ADD COLUMN guest_user_id INTEGER "
                         "REFERENCES users (id) ON DELETE SET NULL"))
    sa.Table("users", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("auth_sessions", md, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
             sa.Column("token_hash", sa.String(100), nullable=False, unique=True),
             sa.Column("created_at", sa.String(40), nullable=False),
             sa.Column("expires_at", sa.String(40), nullable=False))
    sa.Table("sign_in_failures", md, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("user_name", sa.String(200), nullable=False),
             sa.Column("client", sa.String(100), nullable=False),
             sa.Column("at", sa.String(40), nullable=False),
             sa.Index("ix_sign_in_failures_name", "user_name", "at"),
             sa.Index("ix_sign_in_failures_client", "client", "at"))
    md.tables["auth_sessions"].create(conn)
    md.tables["sign_in_failures"].create(conn)


def m004_work_items(conn: sa.Connection) -> None:
    """Work handed to the task queue in group mode (a submission to judge), with its owner and state."""
    md = sa.MetaData()
    sa.Table("users", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("work_items", md, sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
             sa.Column("kind", sa.String(40), nullable=False), sa.Column("item_id", sa.String(200)),
             sa.Column("payload_json", sa.Text, nullable=False), sa.Column("status", sa.String(20), nullable=False),
             sa.Column("job_id", sa.Integer), sa.Column("tries", sa.Integer, nullable=False),
             sa.Column("worker", sa.String(200)), sa.Column("result_json", sa.Text),
             sa.Column("error", sa.Text), sa.Column("attempt_id", sa.Integer),
             sa.Column("created_at", sa.String(40), nullable=False), sa.Column("started_at", sa.String(40)),
             sa.Column("finished_at", sa.String(40)),
             sa.Index("ix_work_items_status", "status", "id"),
             sa.Index("ix_work_items_user", "user_id", "id"))
    md.tables["work_items"].create(conn)


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "initial", m001_initial),
    (2, "spoken_attempts", m002_spoken_attempts),
    (3, "accounts", m003_accounts),
    (4, "work_items", m004_work_items),
]


def current_version(conn: sa.Connection) -> int:
    """The highest applied migration, 0 for a blank database."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    value = conn.execute(sa.select(sa.func.max(_migrations_table.c.version))).scalar()
    return int(value or 0)


# Any fixed 64-bit number works as long as every loopcoach process uses the same one.
ADVISORY_LOCK_KEY = 0x6C6F6F70636F6163  # "loopcoac"
LOCK_WAIT_SECONDS = 120.0


def lock_path(engine: sa.Engine) -> Path | None:
    """The lock file beside a SQLite database file; None for PostgreSQL or an in-memory database."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database + ".migrate.lock")


@contextmanager
def migration_lock(engine: sa.Engine, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the store's migration lock: one process migrates, the others wait for it."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # A session-level lock outlives the transaction; commit so the connection is not left
            # idle in a transaction while the migrations run on another connection.
            conn.execute(sa.text(f"SET lock_timeout = {int(wait * 1000)}"))
            conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            conn.execute(sa.text("RESET lock_timeout"))
            conn.commit()
            try:
                yield
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                conn.commit()
        return
    path = lock_path(engine)
    if path is None:
        yield
        return
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StoreError(f"The lock file {path} cannot be created: {exc.strerror}.") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(f"Another loopcoach process has held {path} for over {wait:.0f} seconds "
                                     "while updating the database; wait for it to finish and try again.") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def migrate(engine: sa.Engine) -> list[int]:
    """Apply every pending migration under the migration lock; return the versions applied."""
    with engine.connect() as conn:
        if current_version(conn) >= latest_version():
            return []
    with migration_lock(engine):
        return _migrate_locked(engine)


def _migrate_locked(engine: sa.Engine) -> list[int]:
    """Apply every pending migration, each in its own transaction (the caller holds the lock)."""
    applied: list[int] = []
    with engine.begin() as conn:
        _migrations_table.create(conn, checkfirst=True)
    for version, name, fn in MIGRATIONS:
        with engine.begin() as conn:
            if current_version(conn) >= version:
                continue
            fn(conn)
            conn.execute(
                _migrations_table.insert().values(
                    version=version, name=name, applied_at=datetime.now(UTC).isoformat()
                )
            )
            applied.append(version)
    return applied


def latest_version() -> int:
    """The version a fully migrated database has."""
    return MIGRATIONS[-1][0]
