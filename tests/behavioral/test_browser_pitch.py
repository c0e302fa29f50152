"""Real Chromium: the pitch page's empty panel and a short pitch whose header and advice agree."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

# About 130 words (52 s spoken) covering the project, the candidate's part, the outcome and a number.
SHORT_COMPLETE = (
    "My best project is a fraud detection service for a payments startup that checked every card payment "
    "before it was approved. Fraud was costing the company about two hundred thousand dollars a month and "
    "the rules engine missed most new attack patterns. I designed the features from the payment history, "
    "trained a gradient boosted model on two years of labelled chargebacks and built the scoring API that "
    "answers in under thirty milliseconds. I also set up the weekly retraining job and the dashboard the "
    "risk team uses every morning. As a result fraud losses fell by 38 percent in the first quarter while "
    "false declines stayed flat. I am proud of it because the risk analysts now trust the scores and ask "
    "for new features themselves."
)


def test_empty_pitch_panel_talks_about_the_pitch(page: Any, shot: Any) -> None:
    page.goto("/behavioral/pitch")
    page.wait_for_load_state("networkidle")
    panel = page.locator("#pitch-analysis").inner_text()
    assert "pitch" in panel
    assert "situation" not in panel and "STAR" not in panel and "story" not in panel
    shot(page, "pitch-empty")


def test_a_short_complete_pitch_is_not_told_within_two_minutes_and_double_it(page: Any, shot: Any) -> None:
    page.goto("/behavioral/pitch")
    page.locator("#pitch-text").fill(SHORT_COMPLETE)
    page.locator("#pitch-text").press_sequentially(" ", delay=1)
    page.wait_for_selector("#pitch-score")
    length = page.locator("#pitch-length").inner_text()
    feedback = page.locator("#pitch-feedback").inner_text()
    assert "within two minutes" not in length
    assert "one to two minutes" in length
    assert "add about" in feedback and "words" in feedback
    words = int(feedback.split("add about ")[1].split(" ")[0])
    assert 1 <= words <= 40, feedback  # a few sentences, not doubling the pitch
    shot(page, "pitch-short-complete")
