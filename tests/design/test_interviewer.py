"""The interviewer answers clarifying questions from hidden facts, and says plainly what is up to the candidate."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.areas.design.intents import NOT_SPECIFIED, NOT_UNDERSTOOD, UP_TO_YOU
from loopcoach.areas.design.interviewer import Interviewer
from loopcoach.errors import EmptyInputError, TooLargeError

from .design_labelled import evaluate_questions, load_questions

pytestmark = pytest.mark.model


def test_reveals_the_fact_for_the_intent(prompts: Any, embedder: Any) -> None:
    iv = Interviewer(prompts["hate-speech-detection"], embedder)
    (scale,) = iv.answer("How many posts do we get per day?")
    assert scale.kind == "fact" and scale.intent == "scale"
    assert "500 million" in scale.text
    (latency,) = iv.answer("What's the latency budget?")
    assert latency.intent == "latency" and "200 ms" in latency.text


def test_up_to_the_candidate_said_plainly(prompts: Any, embedder: Any) -> None:
    iv = Interviewer(prompts["hate-speech-detection"], embedder)
    (choice,) = iv.answer("Should I use BERT or a simpler model?")
    assert choice.kind == "up_to_you" and choice.text == UP_TO_YOU
    (open_fact,) = iv.answer("How many GPUs can we use for serving?")
    assert open_fact.kind == "not_specified" and open_fact.text == NOT_SPECIFIED
    (junk,) = iv.answer("What is your favourite colour?")
    assert junk.kind == "unclear" and junk.text == NOT_UNDERSTOOD


def test_compound_question_answers_each_part(prompts: Any, embedder: Any) -> None:
    iv = Interviewer(prompts["video-recommendations"], embedder)
    replies = iv.answer("How many videos are in the catalogue? And what is the latency budget?")
    assert [r.intent for r in replies] == ["scale", "latency"]
    replies = iv.answer("How do we measure success and which languages do we support?")
    assert replies[0].intent == "success_metrics"


def test_bad_questions(prompts: Any, embedder: Any) -> None:
    iv = Interviewer(prompts["hate-speech-detection"], embedder)
    with pytest.raises(EmptyInputError):
        iv.answer("   ")
    with pytest.raises(TooLargeError):
        iv.answer("why " * 400)


def test_labelled_questions(prompts: Any, embedder: Any) -> None:
    from loopcoach.areas.design.calibration import load_calibration

    qs = [q for q in load_questions() if q.split == "test"]
    acc, misses = evaluate_questions(qs, prompts, embedder, load_calibration())
    assert acc >= 0.8, misses
