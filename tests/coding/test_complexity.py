"""The complexity estimator: the pure fit on synthetic counts, and the real measurement
(sandbox) on a quick part of the labelled set, twice for stability."""

from __future__ import annotations

import math
from typing import Any

import pytest
from complexity_labelled import SOLUTIONS

from loopcoach.areas.coding.complexity import Point, estimate
from loopcoach.services import coding

SIZES = [1, 2, 3, 4, 5, 6, 8, 12, 18, 27, 40, 60, 90, 135, 202, 303, 455, 683, 1024, 1536]
CURVES = {
    "O(1)": lambda n: 7.0,
    "O(log n)": lambda n: 3 * math.log2(n + 1) + 4,
    "O(n)": lambda n: 5 * n + 3,
    "O(n log n)": lambda n: 2 * n * math.log2(n + 1) + 4 * n + 2,
    "O(n^2)": lambda n: 0.5 * n * n + 3 * n + 1,
    "O(n^3)": lambda n: n**3 / 6 + n * n,
}


@pytest.mark.parametrize("label", list(CURVES))
def test_fit_recovers_the_class_of_exact_counts(label: str) -> None:
    pts = [Point(size=n, count=CURVES[label](n)) for n in SIZES]
    assert estimate(pts).time == label


def test_fit_exponential_on_small_sizes() -> None:
    pts = [Point(size=n, count=3 * 2**n + n) for n in range(1, 18)]
    assert estimate(pts).time == "O(2^n)"
    pts = [Point(size=n, count=n * 2**n) for n in range(1, 12)]
    assert estimate(pts).time == "O(2^n)"


def test_an_early_exit_at_one_size_does_not_pull_the_curve_down() -> None:
    pts = [Point(size=n, count=5 * n) for n in SIZES]
    pts[10] = Point(size=SIZES[10], count=1)
    assert estimate(pts).time == "O(n)"


def test_time_raises_the_class_only_with_a_clear_slope() -> None:
    # counts look constant (work hidden in C), CPU time grows linearly
    pts = [Point(size=n * 100, count=4, cpu_ns=2_000.0 * n * 100) for n in SIZES]
    est = estimate(pts)
    assert est.time == "O(n)" and est.source == "time"
    # noisy but flat timing never raises it
    flat = [Point(size=n * 100, count=4, cpu_ns=300_000.0 * (1 + 0.3 * (i % 3)))
            for i, n in enumerate(SIZES)]
    assert estimate(flat).time == "O(1)"


QUICK = ["rotated-binary", "stairs-naive", "stairs-formula", "lis-patience", "subsets-bitmask",
         "reverse-tail-walk", "minstack-pairs", "dup-sort"]


@pytest.mark.parametrize("name", QUICK)
def test_labelled_solution_is_estimated_right_and_stably(ctx: Any, name: str) -> None:
    item = next(s for s in SOLUTIONS if s.name == name)
    first = coding.complexity(ctx, item.problem, item.code)
    second = coding.complexity(ctx, item.problem, item.code)
    assert first["time"] == item.label, (name, first)
    assert second["time"] == first["time"] and second["confidence"] == first["confidence"]
    assert first["expected"] == coding.get_problem(ctx, item.problem).complexity.time_class


def test_labelled_set_is_big_enough() -> None:
    assert len(SOLUTIONS) >= 30
    assert len({s.problem for s in SOLUTIONS}) >= 15


def test_claim_feedback() -> None:
    notes = coding.complexity_feedback("O(n^2)", "O(n)", "O(n)")
    assert any("claimed O(n^2)" in n for n in notes) and any("optimal" in n for n in notes)
    notes = coding.complexity_feedback("O(n)", "O(n^2)", "O(n)")
    assert any("The optimal solution is O(n)" in n for n in notes)
    assert any("State your time" in n for n in coding.complexity_feedback(None, "O(n)", "O(n)"))
    assert any("could not read 'fast'" in n for n in coding.complexity_feedback("fast", "O(n)", "O(n)"))


def test_claim_feedback_reads_how_candidates_say_it() -> None:
    # "O(2n)" is linear, not exponential
    assert any("matches the measured growth O(n)" in n for n in coding.complexity_feedback("O(2n)", "O(n)", "O(n)"))
    # a two-variable claim is checked in the variable the estimator grows, and against the optimum
    notes = coding.complexity_feedback("O(amount * k)", "O(n)", "O(n)", optimal_detail="O(amount * k)",
                                       size_param="amount")
    assert any("in amount alone: O(n)" in n and "matches" in n for n in notes)
    assert any("O(amount * k) is the optimal bound" in n for n in notes)
    notes = coding.complexity_feedback("quadratic in the worst case, linear on average", "O(n^2)", "O(n)")
    assert any("on average" in n for n in notes) and any("matches the measured growth O(n^2)" in n for n in notes)


def test_space_claim_is_answered() -> None:
    notes = coding.complexity_feedback("O(n)", "O(n)", "O(n)", claimed_space="constant extra space",
                                       optimal_space="O(n)")
    assert any("You claimed O(1) extra space, below the O(n)" in n for n in notes)
    notes = coding.complexity_feedback("O(n) time, O(1) space", "O(n)", "O(n)", optimal_space="O(1)")
    assert any("space claim O(1) is the optimal" in n for n in notes)
    notes = coding.complexity_feedback("O(n)", "O(n)", "O(n)", claimed_space="O(n)", optimal_space="O(1)")
    assert any("O(1) is possible" in n for n in notes)
    assert any("Say the extra space" in n for n in coding.complexity_feedback("O(n)", "O(n)", "O(n)"))


def test_a_false_claim_on_a_time_limit_is_named() -> None:
    notes = coding.complexity_feedback("O(n)", None, "O(n)", verdict="time_limit_exceeded")
    assert any("ran out of time" in n and "likely wrong" in n for n in notes)
    notes = coding.complexity_feedback("O(n)", None, "O(n)", verdict="runtime_error")
    assert any("could not be checked" in n for n in notes)


def test_space_claim_is_checked_against_the_measured_peak() -> None:
    notes = coding.complexity_feedback("O(n)", "O(n)", "O(n)", claimed_space="O(1)", optimal_space="O(1)",
                                       measured_space="O(n)")
    assert any("measured peak extra memory grows as O(n)" in n for n in notes)
    notes = coding.complexity_feedback("O(n)", "O(n)", "O(n)", claimed_space="O(n)", optimal_space="O(n)",
                                       measured_space="O(n)")
    assert any("as you said" in n for n in notes)


SPACE = {"two-sum": "O(n)", "single-number": "O(1)", "reverse-linked-list": "O(1)", "merge-intervals": "O(n)"}


@pytest.mark.parametrize("pid", list(SPACE))
def test_measured_space_of_reference_solutions(ctx: Any, pid: str) -> None:
    result = coding.complexity(ctx, pid, coding.get_problem(ctx, pid).reference_solution)
    assert result["space"] == SPACE[pid] and result["expected_space"] == SPACE[pid]
    assert len(result["space_points"]) >= 3
