"""Real Chromium: the story editor labels sentences as you type; a timed practice question; the pitch page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SENTENCES = [
    "At a payments startup, our fraud model ran inside checkout and added 300 milliseconds to every purchase.",
    "I was asked to bring p99 latency under 80 milliseconds without losing recall.",
    "I profiled the service and found that most of the time went into three database calls.",
    "We moved those features into a Redis cache.",
    "I helped with the rollout.",
    "The p99 latency dropped from 300 to 45 milliseconds and recall stayed within half a point.",
]


def test_story_editor_labels_as_you_type(page: Any, shot: Any) -> None:
    page.goto("/behavioral/stories/new")
    assert "Start typing" in page.locator("#analysis").inner_text()
    page.fill("#title", "Fraud model latency")
    editor = page.locator("#story-text")
    editor.click()
    editor.press_sequentially(SENTENCES[0] + " " + SENTENCES[1], delay=2)
    expect(page.locator("#star-sentences .star-s")).to_have_count(2)  # the CSP forbids wait_for_function's eval
    labels = page.locator("#star-sentences .star-s").evaluate_all("els => els.map(e => e.dataset.label)")
    assert labels == ["situation", "task"]
    assert "No sentence tells what you did" in page.locator("#star-feedback").inner_text()
    editor.press_sequentially(" " + " ".join(SENTENCES[2:]), delay=1)
    expect(page.locator("#star-sentences .star-s")).to_have_count(6)
    labels = page.locator("#star-sentences .star-s").evaluate_all("els => els.map(e => e.dataset.label)")
    assert labels == ["situation", "task", "action", "action", "action", "result"]
    feedback = page.locator("#star-feedback").inner_text()
    assert "'helped with' (sentence 5)" in feedback
    assert page.locator(".star-s.flagged").count() >= 1
    assert page.locator(".comp.covered[data-component='quantified']").count() == 1
    shot(page, "behavioral-editor")
    page.click("#save-story")
    page.wait_for_url("**/behavioral/stories/*?saved=1")
    assert "Saved as version 1" in page.locator(".flash.ok").inner_text()
    assert page.locator("#star-sentences .star-s").count() == 6
    order = page.locator(".comp").evaluate_all("els => els.map(e => e.dataset.component)")
    assert order == ["situation", "task", "action", "result", "quantified"]
    shot(page, "behavioral-story-saved")


def test_timed_practice_question(page: Any, shot: Any) -> None:
    page.goto("/behavioral/practice?question=conflict-teammate-disagreement")
    assert "disagreement with a team member" in page.locator("#question-text").inner_text()
    expect(page.locator("#timer")).not_to_have_text("0:00", timeout=5000)
    page.fill("#answer", " ".join([
        "A senior colleague wanted to ship a ranking model because offline NDCG rose by three points.",
        "I was responsible for the launch review and was not convinced the gain would hold online.",
        "I met him one on one and showed that most of the gain came from rare queries.",
        "I proposed a two-week A/B test with a guardrail on zero-result searches, and he agreed.",
        "The test showed flat clicks and 4 percent more zero-result searches, so we did not ship.",
    ]))
    shot(page, "behavioral-practice")
    page.click("#submit-answer")
    page.wait_for_selector("#elapsed")
    elapsed = page.locator("#elapsed").inner_text()
    assert elapsed.startswith("You took 0:0")
    assert page.locator("#star-sentences .star-s").count() == 5
    assert page.locator("#listens-for li").count() >= 3
    shot(page, "behavioral-practice-result")


def test_pitch_page_checks_live(page: Any, shot: Any) -> None:
    page.goto("/behavioral/pitch")
    page.locator("#pitch-text").press_sequentially(
        "My best project is a fraud detection service. I designed the features and trained the model. "
        "Fraud losses fell by 38 percent and I am proud of it.", delay=1)
    page.wait_for_selector("#pitch-score")
    assert page.locator(".comp.covered").count() == 4
    shot(page, "behavioral-pitch")


def test_bank_coverage_and_recruiter_pages(page: Any, shot: Any, embedder: Any) -> None:
    # ``embedder`` loads the model once for the process, so the coverage page does not wait for it.
    page.goto("/behavioral")
    assert "No stories yet" in page.locator("main").inner_text()
    shot(page, "behavioral-bank-empty")
    page.goto("/behavioral/stories/new")
    page.fill("#title", "Ranking launch disagreement")
    page.check("input[value='conflict']")
    page.fill("#story-text", " ".join([
        "A senior colleague wanted to ship a ranking model because offline NDCG rose by three points.",
        "I was responsible for the launch review and was not convinced the gain would hold online.",
        "I met him one on one and proposed a two-week A/B test instead of arguing in the channel.",
        "The test showed 4 percent more zero-result searches, so we did not ship, and we still work well together.",
    ]))
    page.click("#save-story")
    page.wait_for_url("**/behavioral/stories/*?saved=1")
    page.goto("/behavioral")
    assert page.locator("#story-table tbody tr").count() == 1
    shot(page, "behavioral-bank")
    page.goto("/behavioral/coverage")
    assert "No story yet for" in page.locator("#uncovered").inner_text()
    assert "Ranking launch disagreement" in page.locator("#coverage-table").inner_text()
    shot(page, "behavioral-coverage")
    page.goto("/behavioral/recruiter")
    page.fill("#bg", "Physics degree, then three years building ranking models.")
    page.click("text=Save summary")
    page.fill("#company", "Acme Robotics")
    page.fill("#why", "Their warehouse robots rely on the vision models I have been building.")
    page.click("text=Add note")
    page.fill("#current_base", "90000")
    page.fill("#target_base", "104000")
    page.fill("#currency", "EUR")
    page.click("text=Save worksheet")
    assert "15.6%" in page.locator("#salary-derived").inner_text()
    shot(page, "behavioral-recruiter")
