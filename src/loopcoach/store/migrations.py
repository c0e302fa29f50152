"""Numbered schema migrations, recorded in the ``schema_migrations`` table.

Each migration is a function that receives a connection inside the
transaction of ``migrate`` and brings the schema from version N-1 to N. A
migration, once released, never changes: the DDL of version 1 is written
out here rather than derived from ``tables.py``, which is the *current*
schema. A test migrates a blank database (SQLite and PostgreSQL) and checks
that the result matches ``tables.py`` column for column.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

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


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "initial", m001_initial),
]


def current_version(conn: sa.Connection) -> int:
    """The highest applied migration, 0 for a blank database."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    value = conn.execute(sa.select(sa.func.max(_migrations_table.c.version))).scalar()
    return int(value or 0)


def migrate(engine: sa.Engine) -> list[int]:
    """Apply every pending migration, each in its own transaction; return the versions applied."""
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
