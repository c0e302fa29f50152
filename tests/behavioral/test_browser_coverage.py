"""Real Chromium: coverage tells ticked competencies from found ones, follows the ticks, and says why."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.services import behavioral
from loopcoach.services.context import AppContext

pytestmark = pytest.mark.browser

ONBOARDING = (
    "Two junior analysts joined our team and struggled with the feature pipeline for weeks. "
    "My manager asked me to get them productive within a month. "
    "I wrote a short guide to the pipeline, reviewed their first changes line by line and met each of them "
    "twice a week to go through their questions. "
    "After five weeks both shipped features on their own and one now runs the pipeline on-call rotation."
)
CHURN = (
    "Our subscription app was losing customers after the first month. "
    "I was responsible for finding out why. "
    "I built a churn model on usage logs and found that people who never set up reminders left three times as often. "
    "We added a reminder step to onboarding and churn fell by 12 percent."
)


def test_coverage_follows_ticks_and_explains(page: Any, ctx: AppContext, shot: Any) -> None:
    onboarding = behavioral.add_story(ctx, "Onboarding two analysts", ONBOARDING, ["leadership-influence"])["id"]
    churn = behavioral.add_story(ctx, "Churn model", CHURN, [])["id"]
    page.goto("/behavioral/coverage")
    cards = page.locator(".story-cover")
    first = cards.filter(has_text="Onboarding two analysts")
    second = cards.filter(has_text="Churn model")
    # The ticked competency is shown as ticked; words found in a story are shown apart, with the words.
    assert first.locator(".badge.tagged").evaluate_all("els => els.map(e => e.dataset.competency)") == [
        "leadership-influence"]
    assert second.locator(".badge.tagged").count() == 0
    found = second.locator(".badge.detected[data-competency='customer-focus']")
    assert "customers" in found.inner_text()
    # A story ticked Leadership is suggested for the leadership questions, saying it is because of the tick.
    rows = page.locator("#coverage-table tbody tr")
    leadership = rows.filter(has_text="Leadership")
    assert leadership.count() >= 3
    suggested = leadership.filter(has=page.locator(f"a[href='/behavioral/stories/{onboarding}']"))
    assert suggested.count() >= 1
    assert "you ticked Leadership" in suggested.first.inner_text()
    # A question with no fitting story names the closest one and what it lacks.
    empty = rows.filter(has_text="no story fits")
    assert empty.count() >= 1
    assert "closest:" in empty.first.inner_text() and "needed" in empty.first.inner_text()
    assert churn != onboarding
    shot(page, "behavioral-coverage-why")
