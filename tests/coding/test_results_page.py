"""The coding results page as a candidate reads it (issue 19, item 5): over HTTP and in a real
browser (screenshots in tests/artifacts/)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pad_helpers import TWO_SUM as GOOD
from pad_helpers import type_solution as _type

# right on small inputs, wrong on the large generated ones: the failing input is huge
WRONG_ON_LARGE = GOOD.replace("        seen = {}\n", "        if len(nums) > 3000:\n            return [0, 0]\n"
                              "        seen = {}\n")
# Cubic with no early exit: over the time limit on any machine (a quadratic one can pass on a quiet machine).
SLOW = """class Solution:
    def twoSum(self, nums, target):
        found = []
        for i in range(len(nums)):
            for j in range(len(nums)):
                for k in range(len(nums)):
                    if i != j and k == 0 and nums[i] + nums[j] == target:
                        found = [i, j]
        return sorted(found)
"""
BROKEN = "class Solution:\n    def twoSum(self, nums, target)\n        return []\n"


def test_the_failing_case_is_printed_once_and_cut(client: TestClient) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": WRONG_ON_LARGE})
    assert 'data-verdict="wrong_answer"' in r.text
    assert r.text.count("nums = [") == 1  # the failing block only, not again in the message
    shown = re.search(r'<code class="failing-input">(.*?)</code>', r.text, re.S)
    assert shown is not None and len(shown.group(1)) < 600 and "characters)" in shown.group(1)


def test_total_and_per_test_cpu_are_not_mixed(client: TestClient) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": GOOD})
    line = re.search(r'<span class="muted cpu-line">(.*?)</span>', r.text, re.S)
    assert line is not None
    text = " ".join(line.group(1).split())
    assert re.search(r"total CPU [\d.]+ ms over \d+ tests · slowest test [\d.]+ ms \(limit \d+ ms per test\)", text)


def test_code_that_never_ran_shows_no_time_and_the_line_once(client: TestClient) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": BROKEN})
    assert 'data-verdict="compile_error"' in r.text
    assert "0.0 ms" not in r.text and "0.0 MB" not in r.text and "never ran" in r.text
    assert r.text.count("line 2") == 1, r.text


def test_space_claim_is_answered(client: TestClient) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": GOOD, "claimed_time": "linear",
                                                    "claimed_space": "constant extra space"})
    assert "You claimed O(1) extra space, below the O(n) the best known solution needs" in r.text


def test_a_false_claim_on_a_time_limit_is_named(client: TestClient) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": SLOW, "claimed_time": "O(n)"})
    assert 'data-verdict="time_limit_exceeded"' in r.text
    assert "You claimed O(n), but the code ran out of time" in r.text
    assert "nested loop over nums inside the loop over nums at line 5" in r.text


def test_past_attempts_open_and_the_list_refreshes(client: TestClient, ctx: Any) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": GOOD, "claimed_time": "O(n)"})
    attempt = ctx.store.list_attempts(area="coding", item_id="two-sum")[0]
    assert 'id="attempts" hx-swap-oob="true"' in r.text and f"/coding/two-sum/attempts/{attempt.id}" in r.text
    page = client.get(f"/coding/two-sum/attempts/{attempt.id}")
    assert page.status_code == 200 and "seen[v] = j" in page.text and 'data-verdict="accepted"' in page.text
    assert "Claimed time:</strong> O(n)" in page.text
    assert client.get(f"/coding/valid-parentheses/attempts/{attempt.id}").status_code == 404
    assert client.get("/coding/two-sum/attempts/99999").status_code == 404


def test_custom_input_default_is_the_first_example(client: TestClient) -> None:
    r = client.get("/coding/two-sum")
    box = re.search(r'<textarea id="custom-input"[^>]*>(.*?)</textarea>', r.text, re.S)
    assert box is not None and box.group(1).strip() == "[4, 9, 1, 6]\n10"


@pytest.mark.browser
def test_browser_wrong_answer_page_and_attempts(page: Any, shot: Callable[[Any, str], Path]) -> None:
    page.goto("/coding/two-sum")
    assert page.locator("#custom-input").input_value().strip() == "[4, 9, 1, 6]\n10"
    assert "No attempt yet" in page.inner_text("#attempts")
    _type(page, WRONG_ON_LARGE)
    page.fill("#claimed_space", "O(1)")
    page.click("#submit-btn")
    page.wait_for_selector("[data-verdict]", timeout=90000)
    results = page.inner_text("#results")
    assert results.count("nums = [") == 1
    box = page.locator(".failing").bounding_box()
    assert box is not None and box["height"] < 200  # cut, not ten wrapped lines
    assert "slowest test" in results and "per test" in results
    page.wait_for_selector("#attempts a")  # the list beside the statement refreshed
    shot(page, "coding_results_wrong_answer")
    page.click("#attempts a")
    page.wait_for_selector(".attempt-code")
    assert "return [0, 0]" in page.inner_text(".attempt-code")
    shot(page, "coding_attempt_page")


@pytest.mark.browser
def test_browser_compile_error_and_time_limit(page: Any, shot: Callable[[Any, str], Path]) -> None:
    page.goto("/coding/two-sum")
    _type(page, BROKEN)
    page.click("#submit-btn")
    page.wait_for_selector("[data-verdict='compile_error']", timeout=60000)
    text = page.inner_text("#results")
    assert "never ran" in text and "0.0 ms" not in text and text.count("line 2") == 1
    shot(page, "coding_results_compile_error")
    _type(page, SLOW)
    page.fill("#claimed_time", "O(n)")
    page.fill("#claimed_space", "O(1)")
    page.click("#submit-btn")
    page.wait_for_selector("[data-verdict='time_limit_exceeded']", timeout=180000)
    text = page.inner_text("#results")
    assert "ran out of time" in text and re.search(r"limit \d+ ms per test", text)
    shot(page, "coding_results_time_limit")
