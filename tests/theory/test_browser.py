"""A real Chromium drill: answer a question, read the feedback, rate it, get the next card."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]

ANSWER = (
    "Bias is the error from assumptions that are too simple: the model underfits and misses the pattern even "
    "on the training data. Variance is the error from being too sensitive to the particular training sample, "
    "so the model overfits. Making the model more complex lowers bias but raises variance, so the best test "
    "error sits at a middle complexity. For example, a straight line on a curved trend underfits while a "
    "degree-15 polynomial on 20 points chases noise. I compare training and validation error: a big gap means "
    "variance, so I add data or regularize; both high means bias, so I use a richer model."
)


def test_drill_in_the_browser(page: Any, shot: Any, embedder: Any) -> None:
    embedder.encode(["warm up"])  # the model is shared in-process: load it before the page asks
    page.goto("/theory/drill?q=bias-variance-tradeoff")
    page.get_by_label("Your answer, as you would say it in the interview").fill(ANSWER)
    page.get_by_role("button", name="Grade my answer").click()
    try:
        page.wait_for_selector("#result", timeout=120000)
    finally:
        shot(page, "theory-drill-after-submit")
    assert page.locator("#score").inner_text().endswith("/100")
    assert page.locator(".sent.hit").count() >= 2
    assert page.locator("#model-answer").is_visible()
    assert page.locator("#follow-up").is_visible()  # a good answer gets a follow-up
    shot(page, "theory-drill-feedback")
    page.locator("#rate button.suggested").click()
    page.wait_for_selector("#card")
    assert page.locator("#card").get_attribute("data-question") != "bias-variance-tradeoff"
    assert "Scheduled" in page.locator("#drill").inner_text()
    shot(page, "theory-drill-next-card")
