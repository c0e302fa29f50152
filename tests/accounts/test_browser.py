"""Group mode in a real Chromium: sign in, the account bar, the cohort dashboard, a submission judged live."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app
from tests.accounts.conftest import PASSWORD
from tests.conftest import serve_app

pytestmark = pytest.mark.browser


@pytest.fixture
def group_page(browser: Any, group_ctx: AppContext) -> Iterator[Any]:
    with serve_app(create_app(ctx=group_ctx)) as url:
        context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20000)
        yield page
        context.close()


def sign_in(page: Any, name: str) -> None:
    page.goto("/readiness")
    assert "/signin?next=%2Freadiness" in page.url
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/readiness")


def test_sign_in_and_the_cohort_dashboard(group_page: Any, group_ctx: AppContext,
                                          shot: Callable[[Any, str], Path]) -> None:
    from loopcoach.services import behavioral

    alice = group_ctx.as_account(accounts.accounts(group_ctx).get("alice"))
    behavioral.add_story(alice, "Pipeline", "Our nightly job kept failing. I owned the fix: I rewrote the "
                         "sharding and I added retries. As a result failures fell from 9 a week to 0.")
    page = group_page
    page.goto("/")
    assert "/signin" in page.url
    page.fill("#name", "nora")
    page.fill("#password", "wrong password")
    page.click("button[type=submit]")
    assert page.locator(".alert").inner_text() == "The name or the password is wrong."
    shot(page, "group_signin_error")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    assert "Signed in as nora (coach)" in page.locator(".account-bar").inner_text()
    page.click(".account-bar >> text=Cohort")
    page.wait_for_url("**/cohort")
    rows = page.locator("#candidates tbody tr")
    assert rows.count() == 2 and "alice" in rows.nth(0).inner_text()
    shot(page, "group_cohort_dashboard")
    page.click("#candidates >> text=alice")
    page.wait_for_url("**/cohort/alice")
    assert "Readiness of alice" in page.locator("h1").inner_text()
    page.click(".account-bar >> text=Sign out")
    page.wait_for_url("**/signin")
    page.goto("/cohort")
    assert "/signin" in page.url


def test_the_password_page(group_page: Any, shot: Callable[[Any, str], Path]) -> None:
    page = group_page
    sign_in(page, "alice")
    page.click(".account-bar >> text=Account")
    page.fill("#current", PASSWORD)
    page.fill("#new", "a brand new password")
    page.fill("#repeat", "a brand new password")
    page.click("form[action='/account/password'] button")
    assert "Your password is changed" in page.locator(".notice").inner_text()
    shot(page, "group_account_password")
