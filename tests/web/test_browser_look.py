"""Real Chromium: topic names instead of slugs, an icon, the same page width among siblings, home links."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_no_page_requests_a_missing_file(page: Any, shot: Any) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in ("/", "/coding", "/theory", "/behavioral/pitch", "/applications"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert page.request.get("/favicon.ico").status == 200
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and page.request.get(icon).status == 200
    assert failed == []


def test_topics_show_their_names(page: Any, shot: Any) -> None:
    page.goto("/coding")
    table = page.locator("main").inner_text()
    assert "Arrays and hashing" in table
    assert "arrays-hashing" not in table
    assert "Arrays and hashing" in page.locator("#topic").inner_text()
    shot(page, "look-coding-topics")
    page.goto("/theory")
    text = page.locator("main").inner_text()
    assert "Classical models" in text and "classical-models" not in text
    assert "CNNs and RNNs" in text
    shot(page, "look-theory-topics")


def _main_box(page: Any, path: str) -> dict[str, float]:
    page.goto(path)
    box = page.locator("main").bounding_box()
    assert box is not None
    return dict(box)


def test_pitch_and_applications_are_as_wide_as_their_siblings(page: Any, shot: Any) -> None:
    bank = _main_box(page, "/behavioral")
    pitch = _main_box(page, "/behavioral/pitch")
    shot(page, "look-pitch-centred")
    assert pitch["x"] == bank["x"] and pitch["width"] == bank["width"]
    plan = _main_box(page, "/plan")
    board = _main_box(page, "/applications")
    shot(page, "look-applications-centred")
    assert board["x"] == plan["x"] and board["width"] == plan["width"]


def test_home_links_the_recruiter_preparation(page: Any, shot: Any) -> None:
    page.goto("/")
    link = page.locator("a.area-link[href='/behavioral/recruiter']")
    assert link.inner_text() == "Recruiter preparation"
    card = link.locator("xpath=..").inner_text()
    assert "salary" in card
    shot(page, "look-home-recruiter")
    link.click()
    page.wait_for_url("**/behavioral/recruiter")
    assert page.locator("h1").count() == 1


def test_every_top_page_has_the_same_frame_and_no_script_error(page: Any, shot: Any) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.goto("/")
    paths = page.locator(".topbar nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(paths) >= 10
    boxes = {}
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.locator("main h1").count() == 1, path
        assert page.locator(".topbar a[aria-current=page]").count() == 1, path
        box = page.locator("main").bounding_box()
        boxes[path] = (box["x"], box["width"])
        shot(page, "look-page" + path.replace("/", "-"))
    assert errors == []
    # Index pages share one centred column.
    assert len(set(boxes.values())) == 1, boxes
