"""Comparison modes on plain JSON data (written before the judge used them)."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.areas.coding.compare import equal, matches
from loopcoach.content.schemas.coding import CodingProblem


def problem(compare: str, checker: str | None = None) -> CodingProblem:
    """A minimal valid problem with the given comparison mode."""
    return CodingProblem.model_validate({
        "id": "p", "title": "P", "difficulty": "easy", "topics": ["math"], "statement": "s",
        "examples": [{"input": "x = 1", "output": "1"}], "kind": "function",
        "function": {"name": "f", "params": [{"name": "x", "type": "int"}], "returns": "int"},
        "starter_code": "class Solution:\n    pass\n", "hints": ["h"],
        "complexity": {"time": "O(1)", "space": "O(1)", "explanation": "e"},
        "compare": compare, "checker": checker,
        "reference_solution": "class Solution:\n    pass\n",
        "alternative_solution": "class Solution:\n    pass\n",
        "tests": [{"args": {"x": 1}}], "generator": "def generate(rng, n):\n    return {'x': n}\n",
        "generated_tests": {"sizes": [1]},
    })


@pytest.mark.parametrize(("a", "b", "same"), [
    (1, 1, True), (1, 1.0, True), (True, 1, False), (1, True, False), (False, 0, False),
    ([1, 2], [1, 2], True), ([1, 2], [2, 1], False), ("a", "a", True), ("1", 1, False),
    (None, None, True), (None, [], False), ([[1], [2]], [[1], [2]], True), ({"a": 1}, {"a": 1}, True),
    ([1, 2], [1, 2, 3], False), (0.1 + 0.2, 0.3, False),
])
def test_exact_equality(a: Any, b: Any, same: bool) -> None:
    assert equal(a, b) is same


def test_float_tolerance() -> None:
    p = problem("float")
    assert matches(p, {}, 0.3, 0.1 + 0.2)
    assert matches(p, {}, 2.0, 2.000001)
    assert not matches(p, {}, 2.0, 2.01)
    assert matches(p, {}, [1.5, 2.5], [1.500001, 2.5])
    assert not matches(p, {}, 1.0, True)


def test_unordered_top_level_only() -> None:
    p = problem("unordered")
    assert matches(p, {}, [1, 2, 3], [3, 1, 2])
    assert matches(p, {}, [[1, 2], [3]], [[3], [1, 2]])
    assert not matches(p, {}, [[1, 2], [3]], [[3], [2, 1]])
    assert not matches(p, {}, [1, 2, 2], [1, 2])
    assert not matches(p, {}, [1, 2], "12")


def test_unordered_nested_sorts_inner_lists() -> None:
    p = problem("unordered_nested")
    assert matches(p, {}, [[1, 2], [3]], [[3], [2, 1]])
    assert matches(p, {}, [["eat", "tea"], ["bat"]], [["bat"], ["tea", "eat"]])
    assert not matches(p, {}, [[1, 2], [3]], [[3], [2, 2]])
    assert not matches(p, {}, [[1]], [1])


def test_checker_mode_uses_the_problems_checker() -> None:
    checker = "def check(args, expected, got):\n    return sorted(got) == sorted(expected)\n"
    p = problem("checker", checker)
    assert matches(p, {}, [0, 1], [1, 0])
    assert not matches(p, {}, [0, 1], [1, 1])
    assert not matches(p, {}, [0, 1], None)  # checker raises -> not accepted


def test_two_sum_checker_accepts_any_valid_pair(ctx: Any) -> None:
    from loopcoach.services.coding import get_problem

    p = get_problem(ctx, "two-sum")
    args = {"nums": [1, 1, 1, 1, 9, 1], "target": 10}
    assert matches(p, args, [0, 4], [4, 5])
    assert matches(p, args, [0, 4], [4, 0])
    assert not matches(p, args, [0, 4], [4, 4])
    assert not matches(p, args, [0, 4], [0, 1])
    assert not matches(p, args, [0, 4], [True, 4])
    assert not matches(p, args, [0, 4], [4, 6])
