"""Real Chromium: the tracker board, the readiness dashboard, the plan, and a two-person peer mock."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from loopcoach.services import loop
from loopcoach.services.context import AppContext

pytestmark = pytest.mark.browser


def _wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Poll a server-side condition (a beacon is delivered asynchronously)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not become true"
        time.sleep(0.05)


def set_code(page: Any, textarea_id: str, code: str) -> None:
    """Replace the code in the editor that stands for the textarea ``textarea_id``, as a user pasting it."""
    editor = page.locator(f"#{textarea_id}").locator("xpath=preceding-sibling::div[contains(@class, 'code-pad')][1]")
    editor.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def _context(browser: Any, live_server: str) -> Any:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20000)
    return context


def test_tracker_board_move_and_detail(browser: Any, live_server: str, shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.goto("/applications")
    shot(page, "tracker-empty")
    page.fill("#company", "Acme AI")
    page.fill("#role", "ML Engineer")
    page.fill("#job_description", "We build RAG systems with PyTorch.")
    page.click("form.add-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Acme AI")
    expect(page.locator("#resume-match")).to_have_attribute("href", "/resume?application=1")
    page.fill("#contacts", "Dana Lee <dana@acme.ai>, recruiter")
    page.fill("#next_action", "Send thank-you note")
    page.click("form.panel button:has-text('Save')")
    expect(page.locator(".flash.ok")).to_have_text("Saved.")
    shot(page, "tracker-detail")
    page.goto("/applications")
    page.select_option("#move-1", "phone_screen")  # htmx swaps the board
    expect(page.locator('section[data-stage="phone_screen"] .app-title')).to_have_text("Acme AI")
    expect(page.locator('section[data-stage="applied"] .app-card')).to_have_count(0)
    shot(page, "tracker-board")
    context.close()


def test_dashboard_and_plan(browser: Any, live_server: str, ctx: AppContext, shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.goto("/readiness")
    expect(page.locator(".empty-state h2")).to_have_text("Nothing to chart yet")
    shot(page, "dashboard-empty")
    store = ctx.store
    now = datetime.now(UTC)
    for weeks, area, item, score in [(3, "coding", "two-sum", 45), (2, "coding", "number-of-islands", 60),
                                     (0, "coding", "coin-change", 80), (2, "theory", "cnn-vs-rnn", 40),
                                     (0, "theory", "attention-mechanism", 72),
                                     (1, "design", "video-recommendations", 35), (0, "behavioral", None, 66)]:
        stamp = (now - timedelta(weeks=weeks)).isoformat()
        store.add_attempt(area, item, "x", {}, score, finished_at=stamp)
    store.save_card("theory", "cnn-vs-rnn", {}, now.isoformat())
    store.save_card("theory", "attention-mechanism", {}, (now + timedelta(days=3)).isoformat())
    page.goto("/readiness")
    expect(page.locator("#radar svg")).to_be_visible()
    expect(page.locator("#trend svg polyline")).to_have_count(2)
    expect(page.locator("#heatmap svg title").first).to_have_text("Score by topic")
    expect(page.locator("#due li")).to_contain_text("1 due now, 1 more this week")
    shot(page, "dashboard")
    page.goto("/plan")
    page.fill("#interview", (now + timedelta(days=16)).date().isoformat())
    page.fill("#hours_per_week", "10")
    page.click("button:has-text('Make my plan')")
    expect(page.locator(".panel h2").first).to_contain_text("16 days to go")
    expect(page.locator(".plan-day", has_text="ML theory review card").first).to_be_visible()
    shot(page, "plan")
    context.close()


def test_peer_mock_two_browsers(browser: Any, live_server: str, ctx: AppContext, shot: Any) -> None:
    host_ctx, cand_ctx = _context(browser, live_server), _context(browser, live_server)
    host = host_ctx.new_page()
    host.goto("/peer")
    host.select_option("#coding-item", "two-sum")
    host.click("form:has(#coding-item) button[type=submit]")
    expect(host.locator("h1")).to_contain_text("you are the interviewer")
    share = host.locator("#share-link").get_attribute("href")
    assert share and "key=" not in share
    cand = cand_ctx.new_page()
    cand.goto(share)
    expect(cand.locator("h1")).to_contain_text("you are the candidate")
    assert cand.locator("text=Reference solution").count() == 0
    expect(cand.locator("#status-text")).to_have_text("Live · both connected")
    expect(host.locator("#status-text")).to_have_text("Live · both connected")
    cand.locator("#pad-notes").press_sequentially("Use a hash map from value to index.", delay=5)
    expect(host.locator("#pad-notes")).to_have_value("Use a hash map from value to index.")
    set_code(cand, "pad-code", "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
                               "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
                               "                return [seen[target - x], i]\n            seen[x] = i\n")
    expect(host.locator("#pad-code")).to_have_value(cand.locator("#pad-code").input_value())
    shot(cand, "peer-candidate-typing")
    shot(host, "peer-interviewer")
    for dim, value in [("problem_solving", 4), ("code_quality", 3), ("complexity_analysis", 3),
                       ("communication", 2)]:
        host.check(f"input[name={dim}][value='{value}']")
    host.select_option("#signal", "hire")
    host.fill("#comments", "Clean one-pass solution; say the complexity out loud next time.")
    host.click("button:has-text('Submit feedback')")
    expect(host.locator("#feedback-result h2")).to_contain_text("Hire")
    expect(cand.locator("#feedback-result h2")).to_contain_text("Hire")
    expect(cand.locator("#feedback-result")).to_contain_text("say the complexity out loud")
    expect(cand.locator("#feedback-result")).to_contain_text("Verdict: accepted")
    expect(cand.locator("#pad-code")).not_to_be_editable()
    shot(cand, "peer-candidate-feedback")
    attempt = ctx.store.list_attempts(area="peer")[0]
    assert attempt.item_id == "two-sum" and attempt.score == 75 and attempt.result["analysis"]["verdict"] == "accepted"
    host_ctx.close()
    cand_ctx.close()


def test_phone_screen_from_start_to_report(browser: Any, live_server: str, ctx: AppContext, shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(60000)  # grading runs the real judge and grader
    page.goto("/loop")
    shot(page, "loop-start")
    page.click("button:has-text('Start phone screen')")
    expect(page.locator("h1")).to_contain_text("Technical phone screen")
    expect(page.locator("#loop-timer")).to_have_text(re.compile(r"3[45]:\d\d"))
    problem = ctx.content("coding").get(page.locator(".loop-item").first.get_attribute("data-item-id"))
    set_code(page, "answer-0", problem.reference_solution)  # htmx autosaves after the delay
    expect(page.locator("#saved-0")).to_contain_text("Saved")
    page.fill("#claimed-0", problem.complexity.time)
    page.press("#claimed-0", "End")
    approach = "I scan once and keep what I need in a dictionary; edge cases: empty input and duplicates."
    page.fill("#approach-0", approach)
    page.press("#approach-0", "End")
    expect(page.locator("#saved-0")).to_have_text(f"Saved ({len(approach)} characters)")
    page.reload()  # the browser was closed: nothing typed is lost
    expect(page.locator("#answer-0")).to_have_value(problem.reference_solution)
    expect(page.locator("#approach-0")).to_have_value(approach)
    page.press("#approach-0", "Control+End")
    page.locator("#approach-0").press_sequentially(" Time O(n).")
    page.goto("/loop")  # leave at once, before the keyup delay: the page flushes with a beacon on its way out
    _wait_for(lambda: loop.view(ctx, 1)["interviews"][0]["items"][0]["approach"] == approach + " Time O(n).")
    page.go_back()
    expect(page.locator("#approach-0")).to_have_value(approach + " Time O(n).")
    page.click("button:has-text('Pause')")
    expect(page.locator(".clock-bar .badge")).to_have_text("Paused")
    page.click("button:has-text('Resume')")
    shot(page, "loop-coding")
    page.click("#submit-interview")
    expect(page.locator("h1")).to_contain_text("interview 2 of 2")
    expect(page.locator(".loop-steps li.done .signal")).to_have_count(1)
    coding = ctx.store.list_attempts(area="coding")[0]
    assert coding.item_id == problem.id and coding.meta["verdict"] == "accepted"
    for i in range(page.locator(".loop-item").count()):
        qid = page.locator(".loop-item").nth(i).get_attribute("data-item-id")
        model = ctx.content("theory").get(qid).model_answer
        page.fill(f"#answer-{i}", f"{model.answer} {model.intuition} {model.example}")
        page.press(f"#answer-{i}", "End")
        expect(page.locator(f"#saved-{i}")).to_contain_text("Saved")
    page.click("#submit-interview")
    expect(page.locator("#report-title")).to_contain_text("Loop report")
    expect(page.locator(".scorecard")).to_have_count(2)
    expect(page.locator("#download-report")).to_have_attribute("href", re.compile(r"/loop/\d+/report.html"))
    shot(page, "loop-report")
    context.close()


def test_onsite_design_interview_asks_the_interviewer(browser: Any, live_server: str, shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(60000)  # the first question loads the embedding model
    page.goto("/loop")
    page.uncheck("input[name=mix][value=coding]")
    page.select_option("#mix_extra", "design")
    page.click("button:has-text('Start on-site loop')")
    expect(page.locator(".loop-steps li")).to_have_count(4)
    expect(page.locator(".loop-steps li.current")).to_contain_text("ML theory")
    page.click("#submit-interview")  # a blank theory interview: straight to the break
    expect(page.locator("h2:has-text('Break')")).to_be_visible()
    page.click("#next-interview")
    expect(page.locator(".loop-steps li.current")).to_contain_text("ML system design")
    page.fill("#question-0", "How many users do we serve, and what latency do we need?")
    page.click(".ask-box button")
    expect(page.locator("#asked-0 li").first).to_contain_text("Interviewer:", timeout=90000)
    expect(page.locator("#question-0")).to_have_value("")
    shot(page, "loop-design")
    context.close()
