"""The judge end to end on the three exemplars (real sandbox): verdicts and messages."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.errors import BadInputError, NotFoundError
from loopcoach.sandbox.fake import FakeRunner
from loopcoach.services import coding

RECURSIVE_REVERSE = """
class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        if head is None or head.next is None:
            return head
        new_head = self.reverseList(head.next)
        head.next.next = head
        head.next = None
        return new_head
"""
NO_REVERSE = """
class Solution:
    def reverseList(self, head):
        return head
"""
LEAKY_MIN = """
class MinStack:
    def __init__(self):
        self.s = []
    def push(self, val: int) -> None:
        self.s.append(val)
    def pop(self) -> None:
        self.s.pop()
    def top(self) -> int:
        return self.s[-1]
    def getMin(self) -> int:
        return min(self.s[:-1] or self.s)
"""
IMPLICIT_IMPORTS = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen: Dict[int, int] = defaultdict(int)
        pos = {}
        for j, v in enumerate(nums):
            if target - v in pos:
                return [pos[target - v], j]
            pos[v] = j
        heapify([])
        return [bisect_left([1], 1), int(sqrt(1))]
"""


def test_recursive_linked_list_solution_is_accepted(ctx: Any) -> None:
    r = coding.judge(ctx, "reverse-linked-list", RECURSIVE_REVERSE)
    assert r["verdict"] == "accepted", r["message"]
    assert r["total"] >= 30 and len(r["tests"]) == r["total"]
    assert all(t["memory_kb"] > 0 for t in r["tests"])


def test_wrong_answer_shows_input_expected_and_got(ctx: Any) -> None:
    r = coding.judge(ctx, "reverse-linked-list", NO_REVERSE)
    assert r["verdict"] == "wrong_answer"
    assert "Input: head = [1,2]" in r["message"]
    assert "Expected: [2,1]" in r["message"] and "Got: [1,2]" in r["message"]
    assert r["failing_test"]["input"] == {"head": [1, 2]}


def test_design_problem_operation_sequence(ctx: Any) -> None:
    problem = coding.get_problem(ctx, "min-stack")
    assert coding.judge(ctx, "min-stack", problem.reference_solution)["verdict"] == "accepted"
    r = coding.judge(ctx, "min-stack", LEAKY_MIN)
    assert r["verdict"] == "wrong_answer", r["message"]
    assert "operations" in r["message"]


def test_leetcode_implicit_imports_are_available(ctx: Any) -> None:
    assert coding.judge(ctx, "two-sum", IMPLICIT_IMPORTS)["verdict"] == "accepted"


def test_compile_error_names_the_line(ctx: Any) -> None:
    r = coding.judge(ctx, "two-sum", "class Solution:\n    def twoSum(self, nums, target)\n        pass\n")
    assert r["verdict"] == "compile_error"
    assert "line 2" in r["message"]


def test_runtime_error_names_exception_and_line(ctx: Any) -> None:
    src = "class Solution:\n    def twoSum(self, nums, target):\n        return [nums[0] // 0, 1]\n"
    r = coding.judge(ctx, "two-sum", src)
    assert r["verdict"] == "runtime_error"
    assert "ZeroDivisionError" in r["message"] and "(line 3)" in r["message"]


def test_run_custom_input(ctx: Any) -> None:
    problem = coding.get_problem(ctx, "two-sum")
    out = coding.run_custom(ctx, "two-sum", problem.reference_solution, "[3, 3]\n6")
    assert out["status"] == "ok" and out["output"] == [0, 1] and out["expected"] == [0, 1]
    out = coding.run_custom(ctx, "two-sum", "class Solution:\n    def twoSum(self, nums, target):\n"
                            "        print('debug', nums)\n        return [1, 0]\n",
                            '{"nums": [3, 3], "target": 6}')
    assert out["stdout"].strip() == "debug [3, 3]"
    with pytest.raises(BadInputError):
        coding.run_custom(ctx, "two-sum", problem.reference_solution, "[3, 3]")


@pytest.mark.parametrize(("text", "code"), [
    ("", "empty_input"), ("   \n", "empty_input"), ("a\x00b class ", "binary_input"),
    ("class Solution:\n" + "#" * 70000, "too_large"), ('{"not": "python"}', "bad_input"),
    ("this is not ) python at all", "bad_input"),
])
def test_bad_input_is_refused(ctx: Any, text: str, code: str) -> None:
    with pytest.raises(BadInputError) as info:
        coding.judge(ctx, "two-sum", text)
    assert info.value.code == code


def test_unknown_problem(ctx: Any) -> None:
    with pytest.raises(NotFoundError, match="loopcoach code list"):
        coding.judge(ctx, "no-such-problem", "class Solution: pass")


def test_missing_layers_degrade_loudly(ctx: Any) -> None:
    """A runner that lacks a layer: the verdict message and the report say so."""
    fake = FakeRunner(missing=["seccomp filter (libseccomp2 is not installed)"])
    problem = coding.get_problem(ctx, "two-sum")
    r = coding.judge(ctx, "two-sum", problem.reference_solution, runner=fake)
    assert r["verdict"] == "accepted"
    assert "WARNING" in r["message"] and "seccomp" in r["message"]
    report = coding.sandbox_report(fake)
    assert report["ok"] is False and "seccomp" in report["detail"]
