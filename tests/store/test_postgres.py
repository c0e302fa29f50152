"""The same migrations and round trip against a real PostgreSQL server started by the tests."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from loopcoach.config import load_settings
from loopcoach.store import open_store
from loopcoach.store import tables as t
from loopcoach.store.migrations import current_version, latest_version

pytestmark = pytest.mark.postgres


def test_postgres_migrations_and_round_trip(postgres_url: str, tmp_path: Path) -> None:
    from tests.store.test_store import fill  # the same data as the SQLite round trip

    store = open_store(load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_DATABASE_URL": postgres_url,
                                      "LOOPCOACH_USER": "pg-user"}))
    with store.engine.connect() as conn:
        assert current_version(conn) == latest_version()
        inspector = sa.inspect(conn)
        for table in t.EXPORT_ORDER:
            assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
    fill(store)
    doc = store.export_all()
    # restore into a fresh schema on the same server, then compare
    with store.engine.begin() as conn:
        for table in reversed(t.EXPORT_ORDER):
            conn.execute(table.delete())
    restored = open_store(load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_DATABASE_URL": postgres_url,
                                         "LOOPCOACH_USER": "pg-user"}))
    restored.import_all(doc)
    assert restored.export_all()["tables"] == doc["tables"]
    new_id = restored.add_attempt("theory", "x", "after import", {}, 5)
    assert new_id > max(r["id"] for r in doc["tables"]["attempts"])
    restored.engine.dispose()
