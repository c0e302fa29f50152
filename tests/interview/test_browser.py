"""A real Chromium: grade a theory answer, then answer the interviewer's follow-ups one at a time."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.model]

ANSWER = ("Precision is TP over TP plus FP: of the items we flagged, the share that is really positive. "
          "I would always report accuracy as well.")
RECALL_REPLY = "Recall is TP over TP plus FN: of all the real positives, the share the model catches."


def test_follow_up_interview_in_the_drill(page: Any, shot: Any, embedder: Any) -> None:
    embedder.encode(["warm up"])
    page.goto("/theory/drill?q=precision-recall-f1")
    page.get_by_label("Your answer, as you would say it in the interview").fill(ANSWER)
    page.get_by_role("button", name="Grade my answer").click()
    page.wait_for_selector("#result", timeout=120000)
    page.get_by_role("button", name="Start the follow-up interview").click()
    question = page.locator("#interview-question")
    question.wait_for()
    assert question.get_attribute("data-target") == "gap:recall-definition"
    assert "recall" in question.inner_text().lower()
    assert "No language model is configured" in page.locator("#interview-model-note").inner_text()
    page.get_by_label("Your reply").fill(RECALL_REPLY)
    page.get_by_role("button", name="Reply").click()
    page.wait_for_selector("#interview-covered")
    assert "Recall is the fraction" in page.locator("#interview-covered").inner_text()
    assert page.locator("#interview-question").get_attribute("data-target") != "gap:recall-definition"
    assert page.locator(".interview-thread .replies").count() == 1
    shot(page, "interview-theory-drill")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#follow-up-interview").screenshot(path=str(ARTIFACTS / "interview-theory-thread.png"))


def test_follow_up_interview_on_a_design_report(page: Any, shot: Any, embedder: Any, ctx: Any) -> None:
    from loopcoach.services import design

    embedder.encode(["warm up"])
    sid = design.start_session(ctx, "hate-speech-detection")
    design.finish_session(ctx, sid, "## Model\nWe see 500M posts per day. A BERT classifier scores each post.\n"
                                    "## Evaluation\nWe measure precision on a held-out week.")
    page.goto(f"/design/sessions/{sid}/report")
    page.get_by_role("button", name="Answer them one at a time").click()
    question = page.locator("#interview-question")
    question.wait_for()
    first = question.get_attribute("data-target")
    page.get_by_label("Your reply").fill("Moderators label a sample of flagged and random posts every day; "
                                         "user reports arrive within hours and appeals a week later.")
    page.get_by_role("button", name="Reply").click()
    page.wait_for_selector(".interview-thread .replies")
    assert page.locator("#interview-question").get_attribute("data-target") != first
    assert "Graded by loopcoach's design grader" in page.locator("#interview-grade").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#interview").screenshot(path=str(ARTIFACTS / "interview-design-thread.png"))
