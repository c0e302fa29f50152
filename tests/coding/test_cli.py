"""`loopcoach code ...` per the contracts: exactly one JSON object, exit codes, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GOOD = """class Solution:
    def reverseList(self, head):
        prev = None
        while head:
            head.next, prev, head = prev, head, head.next
        return prev
"""


def test_list_contract(cli: Callable[..., Any]) -> None:
    r = cli("code", "list", "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    ids = {p["id"] for p in doc["problems"]}
    assert {"two-sum", "reverse-linked-list", "min-stack"} <= ids
    assert all(set(p) >= {"id", "title", "difficulty", "topics"} for p in doc["problems"])


def test_judge_contract(cli: Callable[..., Any], tmp_path: Path) -> None:
    sol = tmp_path / "sol.py"
    sol.write_text(GOOD)
    r = cli("code", "judge", "reverse-linked-list", str(sol), "--json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert set(doc) >= {"problem_id", "verdict", "passed", "total", "tests", "time_ms", "memory_kb", "message"}
    assert doc["verdict"] == "accepted" and doc["passed"] == doc["total"] >= 30
    assert all(set(t) >= {"verdict", "time_ms", "memory_kb"} for t in doc["tests"])
    r = cli("code", "judge", "reverse-linked-list", "-", "--json", input=GOOD.replace("prev\n", "head\n"))
    assert r.exit_code == 0 and json.loads(r.stdout)["verdict"] == "wrong_answer"


def test_complexity_contract(cli: Callable[..., Any], tmp_path: Path) -> None:
    sol = tmp_path / "sol.py"
    sol.write_text(GOOD)
    r = cli("code", "complexity", "reverse-linked-list", str(sol), "--json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["problem_id"] == "reverse-linked-list"
    assert doc["time"] == "O(n)" and doc["expected"] == "O(n)"
    assert 0.0 <= doc["confidence"] <= 1.0


def test_run_and_show(cli: Callable[..., Any], tmp_path: Path) -> None:
    sol = tmp_path / "sol.py"
    sol.write_text(GOOD)
    r = cli("code", "run", "reverse-linked-list", str(sol), "--input", "[1, 2, 3]", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["output"] == [3, 2, 1]
    r = cli("code", "show", "min-stack", "--json")
    assert r.exit_code == 0 and "class MinStack" in json.loads(r.stdout)["starter_code"]


@pytest.mark.parametrize(("content", "code"), [
    (b"", "empty_input"),
    (b"\x7fELF\x00\x01\x02", "binary_input"),
    (b"class Solution:\n" + b"# pad\n" * 12000, "too_large"),
    (b"Dear hiring manager, I am not code.", "bad_input"),
    (b'{"json": true}', "bad_input"),
])
def test_bad_input_exit_2(cli: Callable[..., Any], tmp_path: Path, content: bytes, code: str) -> None:
    sol = tmp_path / "sol.py"
    sol.write_bytes(content)
    r = cli("code", "judge", "two-sum", str(sol), "--json")
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert doc["error"]["code"] == code
    assert "Traceback" not in r.stderr and r.stderr.strip().startswith("Error:")


def test_unknown_problem_and_missing_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    sol = tmp_path / "sol.py"
    sol.write_text(GOOD)
    r = cli("code", "judge", "no-such-problem", str(sol), "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "not_found"
    r = cli("code", "judge", "two-sum", str(tmp_path / "missing.py"), "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "not_found"


def test_sandbox_report(cli: Callable[..., Any]) -> None:
    r = cli("code", "sandbox", "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["ok"] is True and doc["missing_layers"] == []
