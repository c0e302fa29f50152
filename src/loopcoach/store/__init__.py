"""The store: SQLite by default, PostgreSQL given a URL; the only place with SQL."""

from loopcoach.store.store import Store, open_store

__all__ = ["Store", "open_store"]
