"""Real Chromium: the practice pad's editor (Tab indents, Run) in the mock loop and the peer pad; the peer
interviewer is told the notes are shared and has a private scratchpad the candidate never gets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from loopcoach.services.context import AppContext
from tests.loop.test_browser_loop import _context, set_code

pytestmark = pytest.mark.browser


def test_mock_loop_coding_has_the_editor_and_run(browser: Any, live_server: str, ctx: AppContext, shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(60000)
    page.goto("/loop")
    page.click("button:has-text('Start phone screen')")
    expect(page.locator("h1")).to_contain_text("Technical phone screen")
    item = page.locator(".loop-item").first
    expect(item.locator(".code-pad .cm-editor")).to_be_visible()
    assert page.locator("#answer-0").is_hidden()  # the editor stands in for the textarea
    # Tab indents inside the editor instead of leaving it.
    set_code(page, "answer-0", "x = 1")
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    expect(page.locator("#answer-0")).to_have_value("    x = 1")
    assert item.locator(".cm-content").evaluate("el => el.contains(document.activeElement)")
    expect(page.locator("#saved-0")).to_contain_text("Saved")  # autosave still follows the editor
    problem = ctx.content("coding").get(item.get_attribute("data-item-id"))
    set_code(page, "answer-0", problem.reference_solution)
    assert page.locator("#run-input-0").input_value().strip()  # a ready-made input to try
    page.click("#run-0-button")
    result = page.locator("#run-0 .run-result")
    expect(result).to_contain_text("Your output")
    expect(result.locator(".badge")).to_have_text("matches")
    shot(page, "loop-coding-editor-run")
    context.close()


def test_peer_pad_editor_shared_notes_and_private_scratchpad(browser: Any, live_server: str, shot: Any) -> None:
    host_ctx, cand_ctx = _context(browser, live_server), _context(browser, live_server)
    host = host_ctx.new_page()
    host.goto("/peer")
    host.select_option("#coding-item", "two-sum")
    host.click("form:has(#coding-item) button[type=submit]")
    expect(host.locator("h1")).to_contain_text("you are the interviewer")
    share = host.locator("#share-link").get_attribute("href")
    cand = cand_ctx.new_page()
    cand.goto(share)
    expect(host.locator("#status-text")).to_have_text("Live · both connected")
    assert "the candidate sees every word" in host.locator("label[for=pad-notes]").inner_text()
    assert "the interviewer sees every word" in cand.locator("label[for=pad-notes]").inner_text()
    expect(host.locator("#pads .code-pad .cm-editor")).to_be_visible()
    expect(cand.locator("#pads .code-pad .cm-editor")).to_be_visible()
    set_code(cand, "pad-code", "def two_sum(nums, target):\n    seen = {}")
    expect(host.locator("#pad-code")).to_have_value("def two_sum(nums, target):\n    seen = {}")
    expect(host.locator("#pads .cm-content")).to_contain_text("seen = {}")  # the host's editor shows it too
    host.locator("#scratch").fill("Probe: duplicates. Hint 1 given at 10:00.")
    expect(host.locator("#scratch-status")).to_have_text("Kept in this browser")
    assert cand.locator("#scratch").count() == 0
    assert "Probe: duplicates" not in cand.content()
    expect(cand.locator("#pad-notes")).to_have_value(re.compile(r"^(?!.*Probe).*$", re.S))
    host.reload()
    expect(host.locator("#scratch")).to_have_value("Probe: duplicates. Hint 1 given at 10:00.")
    shot(host, "peer-interviewer-scratchpad")
    shot(cand, "peer-candidate-editor")
    host_ctx.close()
    cand_ctx.close()
