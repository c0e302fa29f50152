"""Signing in and out, cookies, the rate limit, sign-up links, password changes, disabled accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.websockets import WebSocketDisconnect

from loopcoach.config import load_settings
from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app
from loopcoach.web.auth import COOKIE, safe_next
from tests.accounts.conftest import PASSWORD
from tests.conftest import CSRFClient


def test_strangers_are_sent_to_sign_in_and_apis_get_401(group_app: Any) -> None:
    with CSRFClient(group_app) as client:
        page = client.get("/readiness?x=1", headers={"accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/signin?next=%2Freadiness%3Fx%3D1"
        api = client.get("/api/coding/problems")
        assert api.status_code == 401 and api.json()["error"]["code"] == "not_signed_in"
        htmx = client.post("/behavioral/analyse", data={"text": "x"}, headers={"hx-request": "true"})
        assert htmx.status_code == 401
        assert client.get("/signin").status_code == 200
        assert client.get("/static/app.css").status_code == 200
        assert client.get("/api/health").json() == {"ok": True, "areas": []}
        with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect("/ws/peer/abc"):
            pass
        assert closed.value.code == 4401


def test_sign_in_sets_a_signed_httponly_samesite_cookie(group_app: Any) -> None:
    with CSRFClient(group_app) as client:
        client.get("/signin")
        wrong = client.post("/signin", data={"name": "alice", "password": "not the password"})
        assert wrong.status_code == 401 and "The name or the password is wrong." in wrong.text
        unknown = client.post("/signin", data={"name": "nobody", "password": PASSWORD})
        assert unknown.status_code == 401 and "The name or the password is wrong." in unknown.text
        res = client.post("/signin", data={"name": "alice", "password": PASSWORD, "next": "/readiness"},
                          follow_redirects=False)
        assert res.status_code == 303 and res.headers["location"] == "/readiness"
        cookie = res.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert client.get("/readiness").status_code == 200
        assert "Signed in as <strong>alice</strong>" in client.get("/").text


def test_a_forged_or_tampered_cookie_is_refused(group_app: Any, signed_in: Callable[[str], CSRFClient]) -> None:
    alice = signed_in("alice")
    good = alice.cookies[COOKIE]
    token, _, signature = good.partition(".")
    with CSRFClient(group_app) as stranger:
        for forged in (token, f"{token}.{signature[:-2]}AA", f"{token[:-1]}x.{signature}", "x" * 300):
            stranger.cookies.set(COOKIE, forged)
            assert stranger.get("/api/coding/problems").status_code == 401, forged
        stranger.cookies.set(COOKIE, good)
        assert stranger.get("/api/coding/problems").status_code == 200


def test_next_never_leaves_the_site() -> None:
    assert safe_next("/coding?x=1") == "/coding?x=1"
    for bad in ("https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""):
        assert safe_next(bad) == "/"


def test_sign_in_is_rate_limited_per_name(group_app: Any) -> None:
    with CSRFClient(group_app) as client:
        client.get("/signin")
        for _ in range(accounts.MAX_FAILURES_PER_NAME):
            assert client.post("/signin", data={"name": "bob", "password": "guess guess"}).status_code == 401
        blocked = client.post("/signin", data={"name": "bob", "password": PASSWORD}, follow_redirects=False)
        assert blocked.status_code == 429 and "Too many failed sign-ins" in blocked.text
        other = client.post("/signin", data={"name": "alice", "password": PASSWORD}, follow_redirects=False)
        assert other.status_code == 303  # the limit is per name (and per address at a higher bar)


def test_sign_in_is_rate_limited_per_client_address(group_ctx: AppContext) -> None:
    for i in range(accounts.MAX_FAILURES_PER_CLIENT):
        accounts.accounts(group_ctx).record_failure(f"name-{i}", "10.0.0.9")
    with pytest.raises(accounts.RateLimitedError):
        accounts.sign_in(group_ctx, "alice", PASSWORD, "10.0.0.9")
    account, _cookie = accounts.sign_in(group_ctx, "alice", PASSWORD, "10.0.0.10")
    assert account.name == "alice"


def test_sign_out_ends_the_session_even_for_a_copied_cookie(group_app: Any,
                                                            signed_in: Callable[[str], CSRFClient]) -> None:
    alice = signed_in("alice")
    copied = alice.cookies[COOKIE]
    res = alice.post("/signout", follow_redirects=False)
    assert res.status_code == 303 and res.headers["location"] == "/signin"
    with CSRFClient(group_app) as replay:
        replay.cookies.set(COOKIE, copied)
        assert replay.get("/api/coding/problems").status_code == 401


def test_password_change(group_app: Any, signed_in: Callable[[str], CSRFClient]) -> None:
    here, elsewhere = signed_in("alice"), signed_in("alice")
    assert here.get("/account").status_code == 200
    wrong = here.post("/account/password", data={"current": "nope nope nope", "new": "a new password!",
                                                 "repeat": "a new password!"})
    assert wrong.status_code == 400 and "The current password is wrong." in wrong.text
    short = here.post("/account/password", data={"current": PASSWORD, "new": "short", "repeat": "short"})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    differ = here.post("/account/password", data={"current": PASSWORD, "new": "a new password!",
                                                  "repeat": "a new passw0rd!"})
    assert differ.status_code == 400 and "differ" in differ.text
    done = here.post("/account/password", data={"current": PASSWORD, "new": "a new password!",
                                                "repeat": "a new password!"})
    assert done.status_code == 200 and "Your password is changed" in done.text
    assert here.get("/api/coding/problems").status_code == 200  # this browser stays signed in
    assert elsewhere.get("/api/coding/problems").status_code == 401  # the other one is signed out
    with CSRFClient(group_app) as client:
        client.get("/signin")
        assert client.post("/signin", data={"name": "alice", "password": PASSWORD}).status_code == 401
        ok = client.post("/signin", data={"name": "alice", "password": "a new password!"}, follow_redirects=False)
        assert ok.status_code == 303


def test_signup_link_works_once(group_ctx: AppContext, group_app: Any) -> None:
    added = accounts.add_user(group_ctx, "dora", "candidate", "north")
    link = added["signup_link"]
    base = "http://127.0.0.1:8000"  # no LOOPCOACH_PUBLIC_URL: the bound address
    assert link.startswith(f"{base}/signup/") and added["user"]["signed_up"] is False
    path = link.removeprefix(base)
    with CSRFClient(group_app) as client:
        assert client.post("/signin", data={"name": "dora", "password": PASSWORD}).status_code == 401
        page = client.get(path)
        assert page.status_code == 200 and "Welcome, dora" in page.text
        assert client.post(path, data={"password": "dora's password", "repeat": "other"}).status_code == 400
        res = client.post(path, data={"password": "dora's password", "repeat": "dora's password"},
                          follow_redirects=False)
        assert res.status_code == 303 and COOKIE in res.headers["set-cookie"]
        assert client.get("/api/coding/problems").status_code == 200
        spent = client.get(path)
        assert spent.status_code == 401 and "not valid any more" in spent.text
    with CSRFClient(group_app) as other:
        assert other.get("/signup/" + "x" * 43).status_code == 401


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(group_ctx: AppContext, group_app: Any,
                                                             signed_in: Callable[[str], CSRFClient]) -> None:
    bob = signed_in("bob")
    accounts.disable_user(group_ctx, "bob")
    assert bob.get("/api/coding/problems").status_code == 401
    with CSRFClient(group_app) as client:
        client.get("/signin")
        assert client.post("/signin", data={"name": "bob", "password": PASSWORD}).status_code == 401


def test_local_mode_has_no_sign_in(client: Any) -> None:
    assert client.get("/signin").status_code == 404
    assert client.get("/readiness").status_code == 200
    assert client.get("/cohort").status_code == 403


def test_passwords_are_argon2_hashes_and_cookies_are_not_stored(group_ctx: AppContext) -> None:
    import sqlalchemy as sa

    from loopcoach.store import tables as t

    _account, cookie = accounts.sign_in(group_ctx, "alice", PASSWORD, "127.0.0.1")
    with group_ctx.store.engine.connect() as conn:
        stored = conn.execute(sa.select(t.users.c.password_hash).where(t.users.c.name == "alice")).scalar()
        hashes = [r[0] for r in conn.execute(sa.select(t.auth_sessions.c.token_hash))]
    assert str(stored).startswith("$argon2id$") and PASSWORD not in str(stored)
    token = cookie.partition(".")[0]
    assert token not in hashes and all(len(h) == 64 for h in hashes)


def test_a_new_key_invalidates_every_cookie(tmp_path: Any, group_ctx: AppContext) -> None:
    import dataclasses

    _account, cookie = accounts.sign_in(group_ctx, "alice", PASSWORD, "127.0.0.1")
    assert accounts.account_for_cookie(group_ctx, cookie) is not None
    other = AppContext(dataclasses.replace(group_ctx.settings, secret_key="another key " * 4))
    try:
        assert accounts.account_for_cookie(other, cookie) is None
        app = create_app(ctx=other)
        with CSRFClient(app) as client:
            client.cookies.set(COOKIE, cookie)
            assert client.get("/api/coding/problems").status_code == 401
    finally:
        other.close()


def test_the_key_file_is_made_once_and_private(tmp_path: Any) -> None:
    import stat

    from tests.accounts.conftest import group_settings

    settings = group_settings(tmp_path / "h", LOOPCOACH_SECRET_KEY="")
    ctx = AppContext(settings)
    try:
        first = accounts.secret_key(ctx)
        assert first == accounts.secret_key(ctx) and len(first) >= 48
        mode = stat.S_IMODE((settings.home / "session_key").stat().st_mode)
        assert mode == 0o600
    finally:
        ctx.close()


def test_group_mode_serves_other_machines_behind_its_sign_in(group_ctx: AppContext, group_app: Any,
                                                             tmp_path: Any) -> None:
    """Local mode answers only this machine; group mode answers a LAN client, which still has to sign in."""
    lan = ("192.168.1.7", 50000)
    with CSRFClient(group_app, client=lan) as browser:
        assert browser.get("/signin").status_code == 200
        assert browser.get("/readiness", follow_redirects=False).status_code == 401
        res = browser.post("/signin", data={"name": "alice", "password": PASSWORD, "next": "/readiness"},
                           headers={"Origin": "http://127.0.0.1:8000"}, follow_redirects=False)
        assert res.status_code == 303 and COOKIE in res.headers["set-cookie"]
        assert browser.get("/readiness").status_code == 200
        other = browser.post("/signin", data={"name": "alice", "password": PASSWORD},
                             headers={"Origin": "http://evil.example"}, follow_redirects=False)
        assert other.status_code == 403  # the guard's Origin check still runs first
    local = AppContext(load_settings({"LOOPCOACH_HOME": str(tmp_path / "local")}))
    try:
        with CSRFClient(create_app(ctx=local), client=lan) as stranger:
            assert stranger.get("/readiness").status_code == 403
    finally:
        local.close()
