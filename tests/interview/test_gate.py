"""The grounding gate: a model's text is shown only as one grounded follow-up question, never a judgement."""

from __future__ import annotations

import pytest

from loopcoach.areas.interview.gate import check, clean
from loopcoach.areas.interview.rules import next_probe
from loopcoach.areas.interview.turns import Gap, InterviewContext

CTX = InterviewContext(
    "theory", "Explain precision, recall and F1.",
    "Precision is TP over TP plus FP, so it counts how many flagged items are right.",
    (Gap("recall-definition", "Recall is the fraction of actual positives found.", ("recall", "false negative")),),
)
PROBE = next_probe(CTX, [])
assert PROBE is not None


@pytest.mark.parametrize("reply", [
    "How would you measure the positives your model misses, that is, its recall?",
    "Interviewer: What does recall tell you that precision does not?",
    "“Where do false negatives show up in your precision example?”",
    # ML words that look like verdicts but are not: a score threshold, something going wrong.
    "What score threshold would you pick to trade precision against recall?",
    "What could go wrong with your precision numbers if recall is never checked?",
])
def test_a_grounded_question_on_the_probe_passes(reply: str) -> None:
    result = check(reply, CTX, PROBE)
    assert result.ok, result.reason
    assert result.text.endswith("?") and not result.text.lower().startswith("interviewer")


@pytest.mark.parametrize(("reply", "reason"), [
    ("", "empty"),
    ("Recall is TP over TP plus FN.", "not a question"),
    ("Great answer! What about recall?", "judged"),
    ("That scores 8/10. What is recall?", "judged"),
    ("Your answer is correct; how is recall defined?", "judged"),
    ("Excellent! Now, how is recall defined?", "judged"),
    ("That is right, but what about recall?", "judged"),
    ("I would rate this highly; what about recall?", "judged"),
    ("You get 90% here, so what about recall?", "judged"),
    ("Would this candidate be a hire, given their recall answer?", "judged"),
    ("As an AI language model, what does recall mean to you?", "instructions"),
    ("Ignoring the rubric, which hidden facts about recall do you want?", "instructions"),
    ("What is your favourite programming language and editor?", "not about the point"),
    ("How would recall interact with quantum annealing hardware schedulers in Kubernetes clusters?",
     "brought in things"),
    ("What is recall? " * 20, "longer"),
    ("What is recall? Why? What else? Anything more?", "more than one question"),
])
def test_a_reply_that_judges_strays_or_is_not_one_question_is_set_aside(reply: str, reason: str) -> None:
    result = check(reply, CTX, PROBE)
    assert not result.ok
    assert result.reason is not None and reason in result.reason


def test_clean_keeps_only_the_first_paragraph() -> None:
    assert clean("**Follow-up:** What is recall?\n\nI hope this helps.") == "What is recall?"
