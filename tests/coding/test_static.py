"""The static pass: the words behind a growth, what takes extra space, the statement's limits."""

from __future__ import annotations

from loopcoach.areas.coding import static

NESTED = """class Solution:
    def twoSum(self, nums, target):
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                if nums[i] + nums[j] == target:
                    return [i, j]
"""
SORT_IN_LOOP = """class Solution:
    def f(self, nums):
        out = []
        for x in nums:
            out.append(x)
            out.sort()
        return out
"""
MEMO = """from functools import cache
class Solution:
    def climbStairs(self, n):
        @cache
        def go(i):
            return 1 if i <= 1 else go(i - 1) + go(i - 2)
        return go(n)
"""
NAIVE = MEMO.replace("        @cache\n", "")
HASHED = """class Solution:
    def singleNumber(self, nums):
        seen = set()
        for x in nums:
            seen ^= {x}
        return seen.pop()
"""
XOR = """class Solution:
    def singleNumber(self, nums):
        acc = 0
        counts = [0] * 26
        for x in nums:
            acc ^= x
        return acc
"""
OUTPUT = """class Solution:
    def productExceptSelf(self, nums):
        out = [1] * len(nums)
        for i in range(1, len(nums)):
            out[i] = out[i - 1] * nums[i - 1]
        return out
"""


def test_time_notes_name_the_structure_and_line() -> None:
    assert static.time_notes(NESTED) == ["nested loop over nums inside the loop over nums at line 4"]
    assert "sort inside a loop at line 6" in static.time_notes(SORT_IN_LOOP)
    assert any("with memoisation" in n for n in static.time_notes(MEMO))
    assert any("branching 2 ways without memoisation" in n for n in static.time_notes(NAIVE))
    assert static.time_notes("not python (") == []


def test_space_uses_leave_out_the_output_and_constant_tables() -> None:
    assert [u.text() for u in static.space_uses(HASHED)] == ["a set `seen` (line 3)"]
    assert static.space_uses(XOR) == []
    assert static.space_uses(OUTPUT) == []
    assert any("recursion stack" in u.text() for u in static.space_uses(NAIVE))


def test_stated_requirements_and_the_check() -> None:
    req = static.stated_requirements("Use O(n) time and only O(1) extra space.")
    assert req == {"time": "O(n)", "space": "O(1)"}
    bad = static.space_check("O(1)", "O(1)", HASHED, "I keep a hash set of values seen once")
    assert not bad["ok"] and "a set `seen` (line 3)" in str(bad["message"]) and "a hash set" in str(bad["message"])
    claimed = static.space_check("O(1)", "O(n)", XOR)
    assert not claimed["ok"] and "you claimed O(n)" in str(claimed["message"])
    good = static.space_check("O(1)", "O(1)", XOR)
    assert good["ok"] and "Meets" in str(good["message"])
