"""Verdict logic on hand-made case outcomes (no sandbox needed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loopcoach.areas.coding.verdict import judge
from loopcoach.services.coding import get_problem


@dataclass
class Err:
    type: str
    message: str
    line: int | None = None


@dataclass
class Case:
    status: str
    value: object = None
    error: Err | None = None
    cpu_ms: float = 1.0
    memory_kb: int = 100


def test_accepted_and_wrong_answer_with_failing_input(ctx: Any) -> None:
    p = get_problem(ctx, "reverse-linked-list")
    tests = [{"head": [1, 2]}, {"head": [1, 2, 3]}]
    expected = [[2, 1], [3, 2, 1]]
    ok = judge(p, tests, expected, [Case("ok", [2, 1]), Case("ok", [3, 2, 1])])
    assert ok["verdict"] == "accepted" and ok["passed"] == 2 and ok["total"] == 2
    assert ok["time_ms"] == 2.0 and ok["memory_kb"] == 100
    bad = judge(p, tests, expected, [Case("ok", [2, 1]), Case("ok", [1, 2, 3])])
    assert bad["verdict"] == "wrong_answer" and bad["passed"] == 1
    assert "test 2 of 2" in bad["message"]
    assert "head = [1,2,3]" in bad["message"] and "Expected: [3,2,1]" in bad["message"]
    assert "Got: [1,2,3]" in bad["message"]
    assert [t["verdict"] for t in bad["tests"]] == ["accepted", "wrong_answer"]


def test_first_failure_sets_the_verdict(ctx: Any) -> None:
    p = get_problem(ctx, "reverse-linked-list")
    tests = [{"head": [1]}, {"head": [2]}, {"head": [3]}]
    cases = [Case("error", error=Err("ZeroDivisionError", "division by zero", 4)),
             Case("ok", [1]), Case("timeout")]
    r = judge(p, tests, [[1], [2], [3]], cases)
    assert r["verdict"] == "runtime_error"
    assert "ZeroDivisionError: division by zero (line 4)" in r["message"]
    assert [t["verdict"] for t in r["tests"]] == ["runtime_error", "wrong_answer", "time_limit_exceeded"]


def test_compile_error_and_missing_layer_warning(ctx: Any) -> None:
    p = get_problem(ctx, "reverse-linked-list")
    r = judge(p, [{"head": [1]}], [[1]], [Case("not_run")], setup="compile_error",
              setup_error=Err("SyntaxError", "expected ':'", 3), warnings=["seccomp filter (x)"])
    assert r["verdict"] == "compile_error"
    assert "line 3" in r["message"]
    assert "WARNING" in r["message"] and "seccomp" in r["message"]
    assert r["warnings"] == ["seccomp filter (x)"]
