"""Time limits scale with the reference solution's time measured on the same machine."""

from __future__ import annotations

from typing import Any

from loopcoach.services import coding


def _suite(ref_ms: float, alt_ms: float = 0.0) -> coding.Suite:
    return coding.Suite(args=[], expected=[], hand=0, ref_ms=ref_ms, alt_ms=alt_ms)


def test_limit_is_the_floor_on_a_fast_machine_and_grows_on_a_slow_one(ctx: Any) -> None:
    problem = coding.get_problem(ctx, "two-sum")
    assert coding.fair_limit_ms(problem, _suite(12.0)) == 2000
    # the same reference twice as slow: the limit follows once 10x the reference passes the floor
    assert coding.fair_limit_ms(problem, _suite(300.0)) == 3000
    assert coding.fair_limit_ms(problem, _suite(600.0)) == 6000
    assert coding.fair_limit_ms(problem, _suite(10.0, alt_ms=900.0)) == 2700  # the alternative must pass
    assert coding.fair_limit_ms(problem, _suite(5000.0)) == 10000  # capped


def test_the_limit_and_its_basis_are_recorded_with_the_verdict(ctx: Any) -> None:
    good = "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n" \
           "        for j, v in enumerate(nums):\n            if target - v in seen:\n" \
           "                return [seen[target - v], j]\n            seen[v] = j\n"
    result = coding.judge(ctx, "two-sum", good)
    suite = coding.build_suite(ctx, coding.get_problem(ctx, "two-sum"))
    assert suite.ref_ms > 0
    assert result["time_limit_ms"] == coding.fair_limit_ms(coding.get_problem(ctx, "two-sum"), suite)
    assert result["reference_ms"] == round(suite.ref_ms, 1)
