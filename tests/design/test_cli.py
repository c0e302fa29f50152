"""``loopcoach design list|show|ask|grade``: the contracts, and exit code 2 with one sentence for bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from loopcoach.content.schemas.design import STEP_IDS

from .design_labelled import load_cases


def test_list_contract(cli: Any) -> None:
    r = cli("design", "list", "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert set(out) == {"prompts"}
    ids = [p["id"] for p in out["prompts"]]
    assert {"hate-speech-detection", "video-recommendations", "restaurant-recommendations"} <= set(ids)
    assert all(set(p) >= {"id", "title"} for p in out["prompts"])


def test_show_hides_facts_unless_revealed(cli: Any) -> None:
    shown = json.loads(cli("design", "show", "hate-speech-detection", "--json").stdout)
    assert shown["prompt"].startswith("We run a large social media platform")
    assert "facts" not in shown and "reference_outline" not in shown
    revealed = json.loads(cli("design", "show", "hate-speech-detection", "--reveal", "--json").stdout)
    assert "reference_outline" in revealed and revealed["pitfalls"]
    text = cli("design", "show", "video-recommendations")
    assert text.exit_code == 0 and "YouTube-like" in text.stdout


@pytest.mark.model
def test_ask(cli: Any) -> None:
    r = cli("design", "ask", "payment-fraud-detection", "Where do fraud labels come from?", "--json")
    assert r.exit_code == 0
    (reply,) = json.loads(r.stdout)["replies"]
    assert reply["kind"] == "fact" and "chargebacks" in reply["text"].lower()


@pytest.mark.model
def test_grade_contract(cli: Any, tmp_path: Path) -> None:
    case = next(c for c in load_cases() if c.name == "restaurant-no-monitoring")
    answer = tmp_path / "answer.md"
    answer.write_text(case.answer, encoding="utf-8")
    r = cli("design", "grade", "restaurant-recommendations", str(answer), "--json",
            "--question", "Do we only show open restaurants?")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["prompt_id"] == "restaurant-recommendations"
    assert isinstance(out["score"], int) and 0 <= out["score"] <= 100
    assert [s["id"] for s in out["steps"]] == list(STEP_IDS)
    for s in out["steps"]:
        assert isinstance(s["covered"], bool) and 0.0 <= s["score"] <= 1.0 and isinstance(s["missing"], list)
    assert isinstance(out["follow_ups"], list) and out["follow_ups"]
    assert isinstance(out["feedback"], list)
    human = cli("design", "grade", "restaurant-recommendations", "-", input=case.answer)
    assert human.exit_code == 0 and "Follow-up questions" in human.stdout


@pytest.mark.parametrize(
    ("args", "content", "code"),
    [
        (("design", "grade", "hate-speech-detection"), "", "empty_input"),
        (("design", "grade", "hate-speech-detection"), "  \n\n ", "empty_input"),
        (("design", "grade", "no-such-prompt"), "## Model\nlogistic regression\n", "not_found"),
        (("design", "grade", "hate-speech-detection"), b"\x00\x01binary", "binary_input"),
    ],
)
def test_grade_bad_input_exits_2(cli: Any, tmp_path: Path, args: tuple[str, ...], content: Any, code: str) -> None:
    path = tmp_path / "answer.md"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    r = cli(*args, str(path), "--json")
    assert r.exit_code == 2
    assert json.loads(r.stdout)["error"]["code"] == code
    assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1
    assert "Traceback" not in r.stderr


def test_missing_file_and_unknown_ids_exit_2(cli: Any, tmp_path: Path) -> None:
    r = cli("design", "grade", "hate-speech-detection", str(tmp_path / "nope.md"), "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "not_found"
    for args in (("design", "show", "nope"), ("design", "ask", "nope", "How many users?")):
        r = cli(*args, "--json")
        assert r.exit_code == 2
        assert "There is no design prompt 'nope'" in json.loads(r.stdout)["error"]["message"]
    r = cli("design", "ask", "hate-speech-detection", "   ", "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "empty_input"
