"""AppContext: the one object the edges hold, giving lazy access to settings, store, content and model."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from loopcoach.config import Settings, load_settings

if TYPE_CHECKING:
    from loopcoach.content.loader import Bank
    from loopcoach.store import Store
    from loopcoach.text.embeddings import Embedder


class AppContext:
    """Everything a use case needs, created on first use and kept for the process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._store: Store | None = None
        self._banks: dict[str, Bank[Any]] = {}
        self._lock = threading.Lock()

    @property
    def store(self) -> Store:
        """The store, opened (and migrated) on first use."""
        with self._lock:
            if self._store is None:
                from loopcoach.store import open_store

                self._store = open_store(self.settings)
            return self._store

    def content(self, bank: str) -> Bank[Any]:
        """A content bank (bundled + overlay), loaded once."""
        with self._lock:
            if bank not in self._banks:
                from loopcoach.content.loader import load_bank

                self._banks[bank] = load_bank(bank, self.settings)
            return self._banks[bank]

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder (the model loads on the first encode)."""
        from loopcoach.text.embeddings import get_embedder

        return get_embedder(self.settings)

    def close(self) -> None:
        """Release the database connections."""
        if self._store is not None:
            self._store.engine.dispose()
