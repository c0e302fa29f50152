"""Group mode fixtures: a real SQLite store with accounts, and signed-in clients of the real app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from loopcoach.config import Settings, load_settings
from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app
from tests.conftest import CSRFClient

PASSWORD = "correct horse battery"


def group_settings(home: Path, **extra: str) -> Settings:
    """Settings of a group-mode server on a fresh data folder."""
    return load_settings({"LOOPCOACH_HOME": str(home), "LOOPCOACH_GROUP": "1",
                          "LOOPCOACH_SECRET_KEY": "test-key-" + "x" * 40, **extra})


@pytest.fixture
def group_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A group-mode context with five accounts: cohort north (coach nora, candidates alice and bob),
    cohort south (coach sam, candidate carol) and admin ada."""
    ctx = AppContext(group_settings(tmp_path / "home"))
    for name, role, cohort in (("ada", "admin", None), ("nora", "coach", "north"), ("alice", "candidate", "north"),
                               ("bob", "candidate", "north"), ("sam", "coach", "south"),
                               ("carol", "candidate", "south")):
        accounts.add_user(ctx, name, role, cohort, PASSWORD)
    yield ctx
    ctx.close()


@pytest.fixture
def group_app(group_ctx: AppContext) -> Any:
    """The real app in group mode."""
    return create_app(ctx=group_ctx)


@pytest.fixture
def signed_in(group_app: Any) -> Iterator[Callable[[str], CSRFClient]]:
    """``signed_in(name)``: a client of the group app signed in as that account (through the form)."""
    clients: list[CSRFClient] = []

    def make(name: str) -> CSRFClient:
        client = CSRFClient(group_app)
        client.__enter__()
        clients.append(client)
        client.get("/signin")
        res = client.post("/signin", data={"name": name, "password": PASSWORD, "next": "/"},
                          follow_redirects=False)
        assert res.status_code == 303, res.text
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def as_user(ctx: AppContext, name: str) -> AppContext:
    """The context of an existing account (what the web app gives its requests)."""
    return ctx.as_account(accounts.accounts(ctx).get(name))
