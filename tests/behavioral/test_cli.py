"""CLI contracts: story check, pitch check, behavioral list; bad input gives one sentence and exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loopcoach.content.schemas.behavioral import COMPETENCIES

STORY = ("Our support ticket classifier had plateaued at 71 percent accuracy. My goal was to find out why. "
         "I relabelled 500 tickets with two colleagues and found that a fifth of the labels were wrong. "
         "I merged two overlapping categories and retrained the model on the cleaned set. "
         "Accuracy rose from 71 to 84 percent.")
PITCH = ("My best project is a ticket routing model. I relabelled the data and retrained the classifier. "
         "Accuracy rose from 71 to 84 percent, so tickets reach the right team faster. I loved that project.")


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return str(path)


def test_story_check_contract(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = cli("story", "check", write(tmp_path, "s.txt", STORY), "--json")
    assert out.exit_code == 0, out.stderr
    d = json.loads(out.stdout)
    assert [s["label"] for s in d["sentences"]] == ["situation", "task", "action", "action", "result"]
    assert d["components"] == {"situation": True, "task": True, "action": True, "result": True}
    assert d["quantified_result"] is True
    assert set(d["first_person"]) == {"i", "we"} and all(isinstance(v, int) for v in d["first_person"].values())
    assert isinstance(d["words"], int) and isinstance(d["speaking_seconds"], float)
    assert isinstance(d["score"], int) and 0 <= d["score"] <= 100
    assert all(isinstance(f, str) for f in d["feedback"])


def test_story_check_stdin_and_human_output(cli: Callable[..., Any]) -> None:
    out = cli("story", "check", "-", input=STORY)
    assert out.exit_code == 0
    assert "Score:" in out.stdout and "SITUATION" in out.stdout


def test_pitch_check_contract(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = cli("pitch", "check", write(tmp_path, "p.txt", PITCH), "--json")
    assert out.exit_code == 0, out.stderr
    d = json.loads(out.stdout)
    assert set(d) >= {"words", "speaking_seconds", "within_two_minutes", "covers", "score", "feedback"}
    assert set(d["covers"]) == {"project", "own_contribution", "outcome", "metric"}
    assert d["within_two_minutes"] is True and d["covers"]["metric"] is True


def test_behavioral_list_contract(cli: Callable[..., Any]) -> None:
    out = cli("behavioral", "list", "--json")
    assert out.exit_code == 0
    questions = json.loads(out.stdout)["questions"]
    assert len(questions) >= 40
    assert {q["competency"] for q in questions} == set(COMPETENCIES)
    assert all({"id", "text", "competency"} <= set(q) for q in questions)
    conflict = json.loads(cli("behavioral", "list", "--competency", "conflict", "--json").stdout)["questions"]
    assert 0 < len(conflict) < len(questions)


BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty_input"),
    ("blank", b"  \n\n  ", "empty_input"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary_input"),
    ("huge", b"I fixed the pipeline. " * 50_000, "too_large"),
    ("latin1", "Résumé café".encode("latin-1"), "binary_input"),
]


@pytest.mark.parametrize(("command", "name", "data", "code"), [
    (cmd, name, data, code) for cmd in ("story", "pitch") for name, data, code in BAD_INPUTS
])
def test_bad_input_exit_2(cli: Callable[..., Any], tmp_path: Path, command: str, name: str, data: bytes,
                          code: str) -> None:
    out = cli(command, "check", write(tmp_path, f"{name}.txt", data), "--json")
    assert out.exit_code == 2
    assert json.loads(out.stdout)["error"]["code"] == code
    assert out.stderr.startswith("Error: ") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def test_large_story_under_the_file_limit_is_refused(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = cli("story", "check", write(tmp_path, "long.txt", "I fixed the pipeline. " * 2000), "--json")
    assert out.exit_code == 2 and json.loads(out.stdout)["error"]["code"] == "too_large"


def test_missing_file_and_unknown_ids(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = cli("story", "check", str(tmp_path / "nope.txt"), "--json")
    assert out.exit_code == 2 and json.loads(out.stdout)["error"]["code"] == "not_found"
    assert cli("story", "show", "42").exit_code == 2
    out = cli("behavioral", "practice", "no-such-question", "--answer", write(tmp_path, "a.txt", STORY), "--json")
    assert out.exit_code == 2 and json.loads(out.stdout)["error"]["code"] == "not_found"
    out = cli("behavioral", "list", "--competency", "charisma", "--json")
    assert out.exit_code == 2


def test_story_bank_commands(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = write(tmp_path, "s.txt", STORY)
    added = json.loads(cli("story", "add", "Ticket labels", path, "--tag", "ownership", "--json").stdout)
    assert added["versions"] == 1 and added["tags"] == ["ownership"]
    better = write(tmp_path, "s2.txt", STORY + " Misrouted tickets fell by half.")
    revised = json.loads(cli("story", "revise", str(added["id"]), better, "--json").stdout)
    assert revised["versions"] == 2
    listed = json.loads(cli("story", "list", "--json").stdout)["stories"]
    assert [s["title"] for s in listed] == ["Ticket labels"]
    shown = json.loads(cli("story", "show", str(added["id"]), "--version", "1", "--json").stdout)
    assert shown["text"] == STORY
    assert "Ticket labels" in cli("story", "list").stdout


def test_practice_from_file_and_from_stdin(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = cli("behavioral", "practice", "failure-biggest-mistake", "--answer", write(tmp_path, "a.txt", STORY),
              "--json")
    assert out.exit_code == 0
    d = json.loads(out.stdout)
    assert d["question"]["id"] == "failure-biggest-mistake" and d["analysis"]["score"] >= 0
    out = cli("behavioral", "practice", "--competency", "impact", "--json", input=STORY + "\n.\n")
    assert out.exit_code == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["seconds"] is not None and d["question"]["competency"] in COMPETENCIES
    out = cli("behavioral", "practice", "--json", input="\n.\n")
    assert out.exit_code == 2 and json.loads(out.stdout)["error"]["code"] == "empty_input"


def test_coverage_command(cli: Callable[..., Any], tmp_path: Path) -> None:
    cli("story", "add", "Ticket labels", write(tmp_path, "s.txt", STORY))
    d = json.loads(cli("behavioral", "coverage", "--json").stdout)
    assert d["stories"][0]["title"] == "Ticket labels"
    assert "conflict" in d["uncovered_competencies"]
