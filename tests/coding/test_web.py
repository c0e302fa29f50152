"""The practice pad over HTTP (TestClient) and in a real browser (Chromium via Playwright)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pad_helpers import TWO_SUM as GOOD
from pad_helpers import type_solution as _type_solution

WRONG = """class Solution:
    def twoSum(self, nums, target):
        return [0, 1]
"""


def test_list_page_filters_and_empty_history(client: TestClient) -> None:
    r = client.get("/coding")
    assert r.status_code == 200
    assert "Two Sum" in r.text and "No attempt yet" in r.text
    r = client.get("/coding?topic=linked-list")
    assert "Reverse Linked List" in r.text and "Two Sum" not in r.text
    r = client.get("/coding?status=solved")
    assert "No problem matches these filters" in r.text


def test_problem_page_and_hints_one_at_a_time(client: TestClient) -> None:
    r = client.get("/coding/two-sum")
    assert r.status_code == 200
    assert "editor.js" in r.text and "Show hint 1 of 3" in r.text and "Phone screen: 45 min" in r.text
    r = client.get("/coding/two-sum/hints?shown=1")
    assert r.text.count("<li>") == 1 and "Show hint 2 of 3" in r.text
    r = client.get("/coding/two-sum/hints?shown=3")
    assert r.text.count("<li>") == 3 and "last hint" in r.text
    assert client.get("/coding/nope").status_code == 404


def test_submit_stores_attempt_and_compares_claim(client: TestClient, ctx: Any) -> None:
    r = client.post("/coding/two-sum/submit", data={"code": GOOD, "claimed_time": "O(n^2)",
                                                    "claimed_space": "O(n)", "approach": "hash map"})
    assert r.status_code == 200
    assert 'data-verdict="accepted"' in r.text
    assert "You claimed O(n^2) but the measured growth looks like O(n)" in r.text
    attempts = ctx.store.list_attempts(area="coding", item_id="two-sum")
    assert len(attempts) == 1
    meta = attempts[0].meta
    assert meta["verdict"] == "accepted" and meta["claimed_time"] == "O(n^2)" and meta["measured_time"] == "O(n)"
    assert attempts[0].input_text == GOOD
    listing = client.get("/coding?status=solved")
    assert "Two Sum" in listing.text


def test_bad_input_shows_a_message_in_the_page(client: TestClient) -> None:
    for code, words in (("", "empty"), ("x" * 70000, "64 KB"), ("hello ) world", "not Python")):
        r = client.post("/coding/two-sum/submit", data={"code": code})
        assert r.status_code == 200 and words in r.text, r.text
    r = client.post("/coding/two-sum/run", data={"code": GOOD, "input": "[1, 2]"})
    assert "needs 2 line(s)" in r.text


def test_post_without_csrf_is_refused(client: TestClient) -> None:
    r = client.request("POST", "/coding/two-sum/submit", data={"code": GOOD}, csrf=False)
    assert r.status_code == 403


@pytest.mark.browser
def test_browser_type_solution_submit_accepted(page: Any, shot: Callable[[Any, str], Path]) -> None:
    page.goto("/coding/two-sum")
    page.wait_for_selector(".cm-editor")
    # Python indentation: Enter after a colon indents the next line by four spaces
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("class Solution:")
    page.keyboard.press("Enter")
    page.keyboard.type("x")
    assert "    x" in page.locator("#code").input_value()
    page.keyboard.press("Control+z")
    _type_solution(page, GOOD)
    assert page.locator(".cm-content .tok-keyword, .cm-content [class*='ͼ']").count() > 0  # highlighted
    page.fill("#claimed_time", "O(n)")
    page.fill("#approach", "One pass with a dictionary from value to index.")
    page.click("#submit-btn")
    page.wait_for_selector("[data-verdict]", timeout=60000)
    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "accepted"
    assert "Your claim O(n) matches the measured growth O(n)" in page.inner_text("#results")
    page.click("text=Show hint 1 of 3")
    page.wait_for_selector("text=Show hint 2 of 3")
    shot(page, "coding_accepted")


@pytest.mark.browser
def test_browser_wrong_answer_shows_failing_input(page: Any, shot: Callable[[Any, str], Path]) -> None:
    page.goto("/coding/two-sum")
    page.wait_for_selector(".cm-editor")
    _type_solution(page, WRONG)
    page.click("#submit-btn")
    page.wait_for_selector("[data-verdict]", timeout=60000)
    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "wrong_answer"
    failing = page.inner_text(".failing-input")
    assert "nums = [" in failing and "target =" in failing
    shot(page, "coding_wrong_answer")
    page.click("#run-btn")
    page.wait_for_selector(".run-result")
    assert "Reference output" in page.inner_text(".run-result")
    page.goto("/coding")
    shot(page, "coding_list")
