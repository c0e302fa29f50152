"""Real Chromium: a compound clarifying question gets both answers under the question as typed; the report's
figures agree with its lists, steps are not all 'covered', gaps are listed once, the rubric reads as prose."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTES = """## Clarify
Posts per day and the languages matter most. The goal is fewer users exposed to hate.

## Model
Start with a logistic regression baseline on TF-IDF features, then fine-tune a multilingual transformer.

## Evaluation
Offline precision and recall on a held-out month; online the share of hateful views in an A/B test.
"""


def test_compound_question_and_a_report_that_agrees_with_itself(page: Any, shot: Any) -> None:
    page.goto("/design")
    page.click("button[aria-label='Start a 45-minute session: Hate speech detection on a social platform']")
    page.wait_for_url("**/design/sessions/*")
    question = "How many posts per day, and in how many languages?"
    page.fill("#question", question)
    page.click("#ask-form button[type=submit]")
    page.locator("#chat-log .chat-a").nth(1).wait_for(timeout=120000)
    asked = page.locator("#chat-log .chat-q").all_inner_texts()
    assert len(asked) == 1 and question in asked[0]  # the question once, as typed, not cut at the comma
    replies = " ".join(page.locator("#chat-log .chat-a").all_inner_texts())
    assert "500 million" in replies and "30 languages" in replies
    shot(page, "design-compound-question")
    page.fill("#notes", NOTES)
    expect(page.locator("#save-status")).to_contain_text("Saved")  # the CSP forbids wait_for_function's eval
    page.click("#finish")
    page.wait_for_url("**/report", timeout=120000)
    assert "question(s)" not in page.content()
    assert "1 question asked" in page.locator(".report-head").inner_text()
    rows = page.locator("table.steps tbody tr")
    states = []
    for i in range(rows.count()):
        row = rows.nth(i)
        pct, missing = int(row.get_attribute("data-coverage")), int(row.get_attribute("data-missing"))
        state = row.locator(".step-state").inner_text()
        states.append(state)
        gaps = row.locator(".gaps li").count()
        assert gaps == missing  # every open point is listed, here and only here
        if missing:
            assert pct < 100 and state != "covered", (row.inner_text(), pct, state)
        assert f"{pct}%" in row.locator(".meter-cell").inner_text()
    assert set(states) != {"covered"}
    rubric = page.locator("section:has(h2:text('Hiring rubric'))").inner_text()
    assert ": shows " not in rubric and "missing " not in rubric.lower()
    # No open point is repeated in the rubric: they live in the step table.
    for gap in page.locator("table.steps .gaps li").all_text_contents():
        assert gap.strip("✗ ").strip() not in rubric
    shot(page, "design-report-consistent")
