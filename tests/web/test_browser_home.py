"""A real Chromium opens the home page and follows the navigation."""

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_home_and_navigation(page: Any, shot: Any) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "Your path to an AI/ML engineering offer"
    assert page.locator(".stage").count() == 5
    shot(page, "home")
    links = page.locator("header nav a")
    for i in range(links.count()):
        link = links.nth(i)
        href = link.get_attribute("href")
        page.goto(href)
        assert page.locator("header .brand").is_visible()
        assert "Page not found" not in page.content()
        page.goto("/")
    page.goto("/no-such-page")
    assert page.locator(".error-page h1").inner_text() == "Page not found"
    shot(page, "not-found")
    page.click("text=Back to your path")
    assert page.url.endswith("/")
