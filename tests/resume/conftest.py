"""Fixtures of the resume tests: the renderers on the path and the labelled resumes rendered once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

DATA = HERE.parent / "data" / "resumes"


@pytest.fixture(scope="session")
def resume_md() -> dict[str, str]:
    """Labelled Markdown resumes by id prefix (r01...r22)."""
    return {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(DATA.glob("r*.md"))}


@pytest.fixture(scope="session")
def job_text() -> dict[str, str]:
    """The labelled job descriptions by id."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((DATA / "jobs").glob("*.txt"))}
