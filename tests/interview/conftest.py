"""Fixtures of the interviewer tests: a live OpenAI-compatible stub server on localhost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.interview.stub_server import Script, chat_server


@pytest.fixture
def llm_server() -> Iterator[tuple[str, Script]]:
    """(base URL, script) of a real HTTP server speaking chat completions."""
    with chat_server() as served:
        yield served
