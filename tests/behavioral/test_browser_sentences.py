"""Real Chromium: a number with a unit ("35 ms.") ends a sentence, and every outlined sentence is explained."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STORY = (
    "Our search API answered in 120 ms at p95 and the product team wanted it under 40 ms. "
    "My goal was to get it there before the holiday sale. "
    "I profiled the service and moved the ranking features into a cache. "
    "We did some stuff with the database. "
    "The p95 latency fell to 35 ms. I then wrote the runbook the on-call team still uses."
)


def test_units_end_sentences_and_outlines_point_at_feedback(page: Any, shot: Any) -> None:
    page.goto("/behavioral/stories/new")
    page.fill("#title", "Search latency")
    page.locator("#story-text").fill(STORY)
    page.locator("#story-text").press("End")
    page.locator("#story-text").press_sequentially(" ", delay=1)
    expect(page.locator("#star-sentences .star-s")).to_have_count(6)  # the CSP forbids wait_for_function's eval
    texts = page.locator("#star-sentences .star-s").evaluate_all("els => els.map(e => e.textContent)")
    assert texts[4].strip().endswith("The p95 latency fell to 35 ms.")
    assert "runbook" in texts[5] and "35 ms" not in texts[5]
    labels = page.locator("#star-sentences .star-s").evaluate_all("els => els.map(e => e.dataset.label)")
    assert labels[4] == "result"
    # Every outlined sentence names the feedback items about it, and those items name it back.
    flagged = page.locator(".star-s.flagged").evaluate_all(
        "els => els.map(e => [e.dataset.index, e.dataset.feedback, e.title])")
    assert flagged, "the vague 'did some stuff' sentence should be outlined"
    items = page.locator("#star-feedback li").evaluate_all("els => els.map(e => e.dataset.sentences || '')")
    for index, refs, title in flagged:
        assert refs, f"sentence {index} is outlined with no feedback item"
        assert "see feedback" in title
        for ref in refs.split():
            assert index in items[int(ref) - 1].split()
    shot(page, "behavioral-units-and-outlines")
