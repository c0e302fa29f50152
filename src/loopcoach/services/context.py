"""AppContext: the one object the edges hold, giving lazy access to settings, store, content and model."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from loopcoach.config import Settings, load_settings

if TYPE_CHECKING:
    from loopcoach.content.loader import Bank
    from loopcoach.store import Store
    from loopcoach.store.accounts import Account
    from loopcoach.text.embeddings import Embedder


class AppContext:
    """Everything a use case needs, created on first use and kept for the process.

    In group mode the web app hands each request ``ctx.as_account(account)``: the same
    banks, model and database, with a store bound to the signed-in account, so every
    service reads and writes that account's rows only.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._store: Store | None = None
        self._banks: dict[str, Bank[Any]] = {}
        self._lock = threading.Lock()
        self._resources: dict[str, Any] = {}
        self.account: Account | None = None
        self._owns_store = True

    def as_account(self, account: Account) -> AppContext:
        """A context sharing this one's banks and database, whose store is the account's."""
        child = AppContext.__new__(AppContext)
        child.settings = self.settings
        child._banks = self._banks
        child._lock = self._lock
        child._resources = self._resources
        child._store = self.store.for_account(account.id, account.name)
        child.account = account
        child._owns_store = False
        return child

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

    def resource(self, name: str, factory: Callable[[], Any]) -> Any:
        """A process-wide helper (e.g. the task queue) made on first use and shared with account contexts."""
        with self._lock:
            if name not in self._resources:
                self._resources[name] = factory()
            return self._resources[name]

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder (the model loads on the first encode)."""
        from loopcoach.text.embeddings import get_embedder

        return get_embedder(self.settings)

    def close(self) -> None:
        """Release the database connections (an account's context leaves them to its parent)."""
        if not self._owns_store:
            return
        for resource in self._resources.values():
            close = getattr(resource, "close", None)
            if callable(close):
                close()
        self._resources.clear()
        if self._store is not None:
            self._store.engine.dispose()
