"""Fixtures of the design tests: the bundled prompts, read through the real content loader."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.content.schemas.design import DesignPrompt
from loopcoach.services.context import AppContext


@pytest.fixture(scope="session")
def prompts(model_settings: Any) -> dict[str, DesignPrompt]:
    """Every bundled design prompt by id."""
    ctx = AppContext(model_settings)
    return {p.id: p for p in ctx.content("design").items}
