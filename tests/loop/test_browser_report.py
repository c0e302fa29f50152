"""Real Chromium: the mock loop's Run input starts from a shown example, and the loop report's advice agrees
with its own counts and drills every weak area (issue #19, items 4 and 5)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from loopcoach.areas.coding.harness import example_input
from loopcoach.areas.theory.lexicon import INTUITION_CUES
from loopcoach.services import loop
from loopcoach.services.context import AppContext
from tests.loop.test_browser_loop import _context, set_code

pytestmark = pytest.mark.browser


def _shown_values(text: str) -> list[Any]:
    """The JSON values of a shown example such as ``nums = [2, 7], target = 9``."""
    parts = re.split(r"(?:^|,\s*)[A-Za-z_]\w*\s*=\s*", text.strip())
    return [json.loads(p) for p in parts if p.strip()]


def test_loop_run_input_is_the_first_shown_example(browser: Any, live_server: str, ctx: AppContext,
                                                   shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(60000)
    sid = loop.start(ctx, "phone_screen", seed=3)["id"]  # a problem whose first hand test is no shown example
    page.goto(f"/loop/{sid}")
    item = page.locator(".loop-item").first
    problem = ctx.content("coding").get(item.get_attribute("data-item-id"))
    shown = example_input(problem)
    assert shown is not None
    assert shown != "\n".join(json.dumps(v) for v in problem.tests[0].args.values())
    expect(page.locator("#run-input-0")).to_have_value(shown)
    # the box holds exactly the values of the first example printed above it, not a hidden test's arguments
    first_example = item.locator(".example code").first.inner_text()
    typed = [json.loads(line) for line in page.locator("#run-input-0").input_value().splitlines()]
    assert typed == _shown_values(first_example)
    set_code(page, "answer-0", problem.reference_solution)
    page.click("#run-0-button")
    result = page.locator("#run-0 .run-result")
    expect(result).to_contain_text("Your output")
    expect(result.locator(".badge")).to_have_text("matches")
    item.locator(".run-box").scroll_into_view_if_needed()
    shot(page, "loop-run-input-shown-example")
    context.close()


def test_loop_report_advice_matches_counts_and_drills_every_weak_area(browser: Any, live_server: str,
                                                                      ctx: AppContext, shot: Any) -> None:
    context = _context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(60000)  # grading runs the real judge and grader
    page.goto("/loop")
    page.click("button:has-text('Start phone screen')")
    expect(page.locator("h1")).to_contain_text("Technical phone screen")
    page.fill("#claimed-0", "O(n)")  # the starter code, never solved: coding is weak
    page.press("#claimed-0", "End")
    expect(page.locator("#saved-0")).to_contain_text("Saved")
    page.click("#submit-interview")
    expect(page.locator("h1")).to_contain_text("interview 2 of 2")
    # one answer gives only an intuition, the other only an example (its intuition cue words taken out):
    # theory is weak, and each answer lacks one part
    for i in range(page.locator(".loop-item").count()):
        qid = page.locator(".loop-item").nth(i).get_attribute("data-item-id")
        model = ctx.content("theory").get(qid).model_answer
        text = ("Intuitively, " + model.intuition if i % 2 == 0
                else "For example, " + INTUITION_CUES.sub("", model.example))
        page.fill(f"#answer-{i}", text)
        page.press(f"#answer-{i}", "End")
        expect(page.locator(f"#saved-{i}")).to_contain_text("Saved")
    page.click("#submit-interview")
    expect(page.locator("#report-title")).to_contain_text("Loop report")
    state = loop.view(ctx, 1)
    theory = state["interviews"][1]
    results = [(it["title"], it["analysis"]) for it in theory["items"]]
    lacking_intuition = [t for t, r in results if not r["has_intuition"]]
    assert lacking_intuition and len(lacking_intuition) < len(results)  # the mixed case of the issue
    row = page.locator(".scorecard[aria-label^='Scorecard: ML theory'] tr", has_text="Intuition and examples")
    evidence = row.locator(".evidence li").all_inner_texts()
    had = len(results) - len(lacking_intuition)
    assert evidence[0].startswith(f"Intuition in {had} of {len(results)} answers")
    advice = [e for e in evidence if "intuition to" in e]
    named = "; ".join(lacking_intuition)
    assert advice == ["Add an intuition to: " + (named if named.endswith(("?", ".", "!")) else named + ".")]
    assert not any("intuition and an example" in e for e in evidence)
    # the next session drills every area the scorecards mark weak, not only the one that ranks first
    weak = {c["area"] for c in state["report"]["interviews"] for r in c["ratings"] if r["rating"] <= 2}
    assert weak == {"coding", "theory"}
    drills = page.locator(".report .panel:has(h3:has-text('Your next practice session')) li")
    for area in weak:
        expect(drills.filter(has_text=re.compile(rf"^{area.capitalize()} · "))).not_to_have_count(0)
    page.locator(".report .panel:has(h3:has-text('Your next practice session'))").scroll_into_view_if_needed()
    shot(page, "loop-report-next-session")
    row.scroll_into_view_if_needed()
    shot(page, "loop-report-intuition-advice")
    context.close()
