"""Real Chromium: offline, the GitHub review points at the README box on the same page, not at the CLI."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_offline_github_review_points_at_the_readme_box(page: Any, shot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import loopcoach.services.portfolio as service
    from loopcoach.areas.portfolio.github import NetworkUnavailableError

    def offline(url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        raise NetworkUnavailableError("GitHub could not be reached (no network connection?).")

    monkeypatch.setattr(service, "urllib_fetch", offline)  # the live server runs in this process
    page.goto("/portfolio")
    page.fill("#user", "ada-ml")
    page.click("#github-form button[type=submit]")
    message = page.locator(".flash.error")
    message.wait_for()
    text = message.inner_text()
    assert "README box on this page" in text
    assert "loopcoach portfolio" not in text
    assert page.locator("#readme").is_visible()
    shot(page, "portfolio-offline")
