"""Plain records returned by the store (no SQLAlchemy types leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Attempt:
    """One analysed piece of work."""

    id: int
    area: str
    item_id: str | None
    input_text: str
    result: dict[str, Any]
    score: int | None
    started_at: str | None
    finished_at: str
    meta: dict[str, Any]


@dataclass(frozen=True)
class Card:
    """Spaced-repetition state of one item."""

    id: int
    area: str
    item_id: str
    card: dict[str, Any]
    due: str
    updated_at: str


@dataclass(frozen=True)
class ReviewLog:
    """One review of a card."""

    id: int
    card_id: int
    rating: int
    reviewed_at: str
    log: dict[str, Any]


@dataclass(frozen=True)
class Story:
    """A behavioral story; its text lives in versions."""

    id: int
    title: str
    meta: dict[str, Any]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class StoryVersion:
    """One version of a story with its analysis."""

    id: int
    story_id: int
    version: int
    text: str
    analysis: dict[str, Any]
    score: int | None
    created_at: str


@dataclass(frozen=True)
class Session:
    """A timed session (mock interview, design interview, peer mock)."""

    id: int
    kind: str
    status: str
    token: str | None
    state: dict[str, Any]
    created_at: str
    updated_at: str
    finished_at: str | None
    owner_id: int = 0
    guest_id: int | None = None


@dataclass(frozen=True)
class Application:
    """A job application in the tracker."""

    id: int
    company: str
    role: str
    stage: str
    applied_on: str | None
    job_description: str
    contacts: list[dict[str, Any]]
    notes: str
    next_action: str
    next_action_on: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Note:
    """A small keyed document."""

    id: int
    kind: str
    key: str
    body: str
    updated_at: str


@dataclass(frozen=True)
class SpokenAttempt:
    """A recorded answer: its transcript and delivery figures, and its audio if the user kept it."""

    id: int
    attempt_id: int | None
    kind: str
    transcript: str
    delivery: dict[str, Any]
    audio_name: str | None
    has_audio: bool
    created_at: str
