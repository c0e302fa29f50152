"""Real Chromium: every slow action shows a busy state at once (the button says what runs, a bar on top).

The server's answer is held back by the test (Playwright routing), so the page is looked at while the
request is in flight, exactly as a user on a loaded machine sees it, then the answer is let through.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


class Held:
    """Holds requests matching a URL pattern until ``release``."""

    def __init__(self, page: Any, pattern: str) -> None:
        self.routes: list[Any] = []
        page.route(pattern, lambda route: self.routes.append(route))
        self.page = page

    def wait(self) -> None:
        deadline = 200
        while not self.routes and deadline:
            self.page.wait_for_timeout(50)
            deadline -= 1
        assert self.routes, "the request never left the page"

    def release(self) -> None:
        for route in self.routes:
            route.continue_()
        self.routes.clear()


def _assert_busy(page: Any, button: Any, words: str) -> None:
    assert "is-busy" in (button.get_attribute("class") or "")
    assert button.get_attribute("aria-busy") == "true"
    assert words in button.inner_text()
    assert button.is_disabled()
    assert page.locator("#progress").is_visible()


def test_theory_grade_shows_busy_then_the_result(page: Any, shot: Any) -> None:
    page.goto("/theory/drill?q=bias-variance-tradeoff")
    page.get_by_label("Your answer, as you would say it in the interview").fill(
        "A simple model underfits and has high bias; a flexible one overfits and has high variance.")
    held = Held(page, "**/theory/drill/answer")
    button = page.get_by_role("button", name="Grade my answer")
    button.click()
    held.wait()
    busy = page.locator("button.is-busy")
    _assert_busy(page, busy, "Grading your answer…")
    shot(page, "busy-theory-grading")
    held.release()
    page.wait_for_selector("#result", timeout=120000)
    assert page.locator("#progress").is_hidden()


def test_design_finish_and_ask_show_busy(page: Any, shot: Any) -> None:
    page.goto("/design")
    page.click("button[aria-label='Start a 45-minute session: Hate speech detection on a social platform']")
    page.wait_for_url("**/design/sessions/*")
    held = Held(page, "**/ask")
    page.fill("#question", "How many posts are created every day?")
    page.click("#ask-form button[type=submit]")
    held.wait()
    _assert_busy(page, page.locator("#ask-form button"), "Asking…")
    held.release()
    page.locator("#chat-log .chat-a").first.wait_for(timeout=120000)
    assert page.locator("#ask-form button").inner_text() == "Ask"
    page.fill("#notes", "## Clarify\nPosts per day and languages.\n## Model\nA fine-tuned multilingual classifier.")
    held = Held(page, "**/finish")
    page.click("#finish")
    held.wait()
    _assert_busy(page, page.locator("#finish"), "Grading your design…")
    shot(page, "busy-design-finishing")
    held.release()
    page.wait_for_url("**/report", timeout=120000)


def test_plain_form_submit_shows_busy_until_the_next_page(page: Any, shot: Any) -> None:
    page.goto("/design")
    # Record what the page shows right after the submit (listeners run in order: app.js's first), in
    # sessionStorage, since the next page replaces this one.
    page.evaluate("""() => document.addEventListener("submit", () => {
        const b = document.querySelector("button.is-busy");
        sessionStorage.setItem("busy", JSON.stringify(b && [b.textContent, b.getAttribute("aria-busy"),
                                                            !document.getElementById("progress").hidden]));
    })""")
    page.click("button[aria-label='Start a 45-minute session: Hate speech detection on a social platform']")
    page.wait_for_url("**/design/sessions/*")
    assert page.evaluate("JSON.parse(sessionStorage.getItem('busy'))") == ["Working…", "true", True]
