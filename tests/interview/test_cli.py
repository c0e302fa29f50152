"""``loopcoach interview``: a conversation on stdin, one JSON object with --json, one sentence for bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.model

CONVERSATION = ("Precision is TP over TP plus FP. I would always pick a random forest.\n.\n"
                "Recall is TP over TP plus FN: of the real positives, how many the model catches.\n.\n")


def test_a_theory_interview_asks_follow_ups_and_reports_the_graders_score(cli: Callable[..., Any]) -> None:
    r = cli("interview", "--area", "theory", "--question", "precision-recall-f1", "--turns", "2", "--json",
            input=CONVERSATION)
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    convo = out["conversation"]
    assert [t["source"] for t in convo] == ["rules", "rules"]
    assert convo[0]["target"] == "gap:recall-definition" and convo[0]["answer"].startswith("Recall is")
    assert convo[1]["answer"] is None  # the input ended: the interview stops, nothing is lost
    assert out["turns"] == 1 and 0 <= out["score"] <= 100
    assert "Follow-up 1" in r.stderr  # the conversation itself goes to stderr with --json


def test_text_mode_says_how_to_turn_a_model_on(cli: Callable[..., Any]) -> None:
    r = cli("interview", "--question", "precision-recall-f1", "--turns", "1", input=CONVERSATION)
    assert r.exit_code == 0, r.stderr
    text = " ".join(r.stdout.split())  # Rich wraps lines at the terminal width
    assert "Can you say more about recall?" in text
    assert "LOOPCOACH_LLM_URL" in text and "never grades" in text


@pytest.mark.parametrize(("args", "message"), [
    (("--area", "coding"), "--area must be theory or design"),
    (("--question", "no-such-question"), "no theory question with id"),
    (("--area", "design"), "Choose a design prompt"),
    (("--question", "precision-recall-f1"), "The answer is empty"),
])
def test_bad_input_is_one_sentence_and_exit_2(cli: Callable[..., Any], args: tuple[str, ...], message: str) -> None:
    r = cli("interview", *args, "--json", input="")
    assert r.exit_code == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert message in json.loads(r.stdout)["error"]["message"]
