"""Verdicts: turn per-case outcomes (plain data from the sandbox) into the contract JSON."""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

from loopcoach.areas.coding.compare import load_checker, matches
from loopcoach.content.schemas.coding import CodingProblem

VERDICT_OF_STATUS = {
    "error": "runtime_error",
    "crashed": "runtime_error",
    "timeout": "time_limit_exceeded",
    "memory": "memory_limit_exceeded",
    "output": "output_limit_exceeded",
    "not_run": "not_run",
}
LABELS = {
    "accepted": "Accepted",
    "wrong_answer": "Wrong answer",
    "runtime_error": "Runtime error",
    "time_limit_exceeded": "Time limit exceeded",
    "memory_limit_exceeded": "Memory limit exceeded",
    "output_limit_exceeded": "Output limit exceeded",
    "compile_error": "Compile error",
    "internal_error": "Internal error",
}
_SHOW = 400


class ErrorLike(Protocol):
    """An exception report: type, message and line in the solution."""

    @property
    def type(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def line(self) -> int | None: ...


class CaseLike(Protocol):
    """What the verdict needs from a sandbox case result (read-only)."""

    @property
    def status(self) -> str: ...
    @property
    def value(self) -> object: ...
    @property
    def error(self) -> ErrorLike | None: ...
    @property
    def cpu_ms(self) -> float: ...
    @property
    def memory_kb(self) -> int: ...


def short(value: Any, limit: int = _SHOW) -> str:
    """Compact JSON, cut to ``limit`` characters."""
    text = json.dumps(value, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_input(args: dict[str, Any]) -> str:
    """``nums = [2,7], target = 9`` (LeetCode's way of showing an input)."""
    return ", ".join(f"{k} = {short(v, 300)}" for k, v in args.items())


def describe_error(err: ErrorLike | None) -> str:
    """``ZeroDivisionError: division by zero (line 4)``."""
    if err is None:
        return "the program stopped abnormally"
    message = err.message
    if err.line:  # a SyntaxError's text already ends "(<solution>, line 2)": say the line once
        message = re.sub(r"\s*\((?:<solution>, )?line \d+\)$", "", message)
    text = f"{err.type}: {message}" if message else err.type
    return text + (f" (line {err.line})" if err.line else "")


def judge(problem: CodingProblem, tests: list[dict[str, Any]], expected: list[Any],
          cases: list[CaseLike], *, setup: str = "ok", setup_error: ErrorLike | None = None,
          cpu_limit_ms: int = 0, warnings: list[str] | None = None) -> dict[str, Any]:
    """The contract result of judging ``cases`` (one per test) against ``expected``."""
    result: dict[str, Any] = {"problem_id": problem.id}
    if setup != "ok":
        verdict = {"compile_error": "compile_error", "timeout": "time_limit_exceeded",
                   "memory": "memory_limit_exceeded", "output": "output_limit_exceeded"}.get(
                       setup, "runtime_error")
        what = "Compile error" if verdict == "compile_error" else LABELS[verdict] + " while loading the code"
        result.update({"verdict": verdict, "passed": 0, "total": len(tests),
                       "tests": [{"verdict": "not_run", "time_ms": 0.0, "memory_kb": 0} for _ in tests],
                       "time_ms": 0.0, "memory_kb": 0, "max_test_ms": 0.0, "ran": 0,
                       "message": f"{what}: {describe_error(setup_error)}."})
        return _warn(result, warnings)
    checker = load_checker(problem.checker) if problem.compare == "checker" and problem.checker else None
    rows: list[dict[str, Any]] = []
    first: tuple[int, str, CaseLike] | None = None
    for i, (args, want, case) in enumerate(zip(tests, expected, cases, strict=True)):
        if case.status == "ok":
            verdict = "accepted" if matches(problem, args, want, case.value, checker) else "wrong_answer"
        else:
            verdict = VERDICT_OF_STATUS.get(case.status, "runtime_error")
        cpu = case.cpu_ms
        if verdict == "time_limit_exceeded" and cpu_limit_ms:
            cpu = min(cpu, cpu_limit_ms)  # a wall-clock stop reports the wall limit: the test used the limit
        rows.append({"verdict": verdict, "time_ms": round(cpu, 3), "memory_kb": case.memory_kb})
        if verdict not in ("accepted", "not_run") and first is None:
            first = (i, verdict, case)
    passed = sum(1 for r in rows if r["verdict"] == "accepted")
    result.update({
        "verdict": first[1] if first else "accepted",
        "passed": passed, "total": len(tests), "tests": rows,
        "time_ms": round(sum(r["time_ms"] for r in rows), 3),
        "memory_kb": max((r["memory_kb"] for r in rows), default=0),
        # per-test figures beside the total: the limit applies to each test, not to the sum
        "max_test_ms": round(max((r["time_ms"] for r in rows if r["verdict"] != "time_limit_exceeded"),
                                 default=0.0), 3),
        "ran": sum(1 for r in rows if r["verdict"] != "not_run"),
    })
    if cpu_limit_ms:
        result["time_limit_ms"] = cpu_limit_ms
    if first is None:
        result["message"] = f"Accepted: all {len(tests)} tests passed."
    else:
        i, verdict, case = first
        result["failing_test"] = {"index": i, "input": tests[i],
                                  "expected": expected[i] if verdict == "wrong_answer" else None,
                                  "got": case.value if verdict == "wrong_answer" else None}
        result["message"] = _failure_message(i, len(tests), verdict, tests[i], expected[i], case,
                                             cpu_limit_ms)
    return _warn(result, warnings)


def _failure_message(i: int, total: int, verdict: str, args: dict[str, Any], want: Any,
                     case: CaseLike, cpu_limit_ms: int) -> str:
    head = f"{LABELS[verdict]} on test {i + 1} of {total}"
    lines = []
    if verdict == "wrong_answer":
        lines = [head + ".", f"Input: {format_input(args)}", f"Expected: {short(want)}",
                 f"Got: {short(case.value)}"]
    elif verdict == "time_limit_exceeded":
        lines = [head + (f" (limit {cpu_limit_ms} ms of CPU per test)." if cpu_limit_ms else "."),
                 f"Input: {format_input(args)}"]
    else:
        lines = [f"{head}: {describe_error(case.error)}.", f"Input: {format_input(args)}"]
    return "\n".join(lines)


def _warn(result: dict[str, Any], warnings: list[str] | None) -> dict[str, Any]:
    if warnings:
        result["warnings"] = list(warnings)
        result["message"] += "\nWARNING: sandbox layers unavailable on this machine: " + "; ".join(warnings)
    return result
