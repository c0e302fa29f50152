"""Design sessions in the real store: questions, answers, notes and grade are all kept."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError
from loopcoach.services import design

from .design_labelled import load_cases

pytestmark = pytest.mark.model


def test_session_lifecycle(ctx: Any) -> None:
    sid = design.start_session(ctx, "hate-speech-detection")
    entries = design.session_ask(ctx, sid, "How many posts per day?")
    assert entries[0]["kind"] == "fact" and entries[0]["notes_words"] == 0
    design.save_notes(ctx, sid, "")  # clearing the notes while typing is allowed
    notes = next(c for c in load_cases() if c.name == "hate-speech-complete").answer
    saved = design.save_notes(ctx, sid, notes)
    assert saved["words"] == len(notes.split())
    later = design.session_ask(ctx, sid, "Should I use a transformer?")
    assert later[0]["kind"] == "up_to_you" and later[0]["notes_words"] == saved["words"]
    result = design.finish_session(ctx, sid)
    stored = design.get_session(ctx, sid)
    assert stored["status"] == "finished" and stored["finished_at"]
    state = stored["state"]
    assert [q["text"] for q in state["questions"]] == ["How many posts per day?", "Should I use a transformer?"]
    assert state["questions"][0]["reply"].startswith("About 300 million")
    assert state["notes"] == notes
    assert state["grade"]["score"] == result["score"]
    attempts = ctx.store.list_attempts(area="design", item_id="hate-speech-detection")
    assert attempts and attempts[0].meta["session_id"] == sid
    with pytest.raises(BadInputError, match="finished"):
        design.session_ask(ctx, sid, "How many users?")
    with pytest.raises(BadInputError, match="finished"):
        design.save_notes(ctx, sid, "more")


def test_finish_with_empty_notes_keeps_the_session(ctx: Any) -> None:
    sid = design.start_session(ctx, "video-recommendations")
    design.session_ask(ctx, sid, "What is the latency budget?")
    with pytest.raises(EmptyInputError):
        design.finish_session(ctx, sid, "   ")
    s = design.get_session(ctx, sid)
    assert s["status"] == "active" and len(s["state"]["questions"]) == 1


def test_unknown_ids(ctx: Any) -> None:
    with pytest.raises(NotFoundError, match="no design prompt"):
        design.start_session(ctx, "no-such-prompt")
    with pytest.raises(NotFoundError):
        design.get_session(ctx, 12345)
    other = ctx.store.create_session("peer", {"x": 1})
    with pytest.raises(NotFoundError, match="design session"):
        design.get_session(ctx, other)
    with pytest.raises(BadInputError):
        design.start_session(ctx, "hate-speech-detection", minutes=1)
