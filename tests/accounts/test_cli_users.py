"""``loopcoach users``: add (with a password on stdin or a sign-up link), list --json, disable, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from loopcoach.config import load_settings
from loopcoach.services import accounts
from loopcoach.services.context import AppContext


def test_add_list_disable(cli: Callable[..., Any], monkeypatch: Any) -> None:
    monkeypatch.setenv("LOOPCOACH_PUBLIC_URL", "https://coach.example.org/")
    added = cli("users", "add", "alice", "--role", "admin", "--password-stdin", "--json",
                input="a long admin password\n")
    assert added.exit_code == 0, added.stderr
    doc = json.loads(added.stdout)
    assert doc["user"] == {"name": "alice", "role": "admin", "cohort": None, "disabled": False, "signed_up": True,
                           "created_at": doc["user"]["created_at"]}
    assert doc["signup_link"] is None
    link = cli("users", "add", "bob", "--role", "coach", "--cohort", "spring")
    assert link.exit_code == 0 and "https://coach.example.org/signup/" in link.stdout
    listed = json.loads(cli("users", "list", "--json").stdout)
    by_name = {u["name"]: u for u in listed["users"]}
    assert by_name["bob"]["cohort"] == "spring" and by_name["bob"]["signed_up"] is False
    assert by_name["alice"]["role"] == "admin"
    disabled = cli("users", "disable", "bob", "--json")
    assert disabled.exit_code == 0 and json.loads(disabled.stdout)["user"]["disabled"] is True
    table = cli("users", "list")
    assert "disabled" in table.stdout and "spring" in table.stdout
    ctx = AppContext(load_settings())
    try:
        with __import__("pytest").raises(accounts.SignInError):
            accounts.sign_in(ctx, "alice", "wrong password!", "127.0.0.1")
        assert accounts.sign_in(ctx, "alice", "a long admin password", "127.0.0.1")[0].role == "admin"
    finally:
        ctx.close()


def test_bad_input_is_one_sentence_and_exit_2(cli: Callable[..., Any]) -> None:
    cases = [
        (("users", "add", "x", "--role", "teacher"), "A role is one of candidate, coach, admin, not 'teacher'."),
        (("users", "add", "bad name!"), "is not a usable account name"),
        (("users", "add", "carol", "--password-stdin"), "No password on standard input."),
        (("users", "disable", "nobody"), "There is no account named 'nobody'."),
    ]
    for args, message in cases:
        res = cli(*args, "--json", input="")
        assert res.exit_code == 2, args
        assert message in res.stderr and "Traceback" not in res.stderr
        assert json.loads(res.stdout)["error"]["message"].endswith(".")
    short = cli("users", "add", "dave", "--password-stdin", input="short\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.stderr
    assert cli("users", "add", "erin", "--password-stdin", input="long enough pw\n").exit_code == 0
    again = cli("users", "add", "erin", "--password-stdin", input="long enough pw\n")
    assert again.exit_code == 2 and "There is already an account named 'erin'." in again.stderr


def test_list_is_empty_but_for_the_local_user(cli: Callable[..., Any], settings: Any) -> None:
    listed = json.loads(cli("users", "list", "--json").stdout)
    assert [u["name"] for u in listed["users"]] == [settings.user]  # opening the store makes the local user


def test_the_local_user_can_become_an_account_and_keeps_its_data(cli: Callable[..., Any], settings: Any) -> None:
    ctx = AppContext(settings)
    try:
        ctx.store.add_attempt("theory", "bias-variance-tradeoff", "my answer", {}, 70)
    finally:
        ctx.close()
    res = cli("users", "add", settings.user, "--role", "candidate", "--password-stdin", input="long enough pw\n")
    assert res.exit_code == 0, res.stderr
    group = AppContext(load_settings({"LOOPCOACH_HOME": str(settings.home), "LOOPCOACH_GROUP": "1",
                                      "LOOPCOACH_SECRET_KEY": "k" * 40}))
    try:
        account, _cookie = accounts.sign_in(group, settings.user, "long enough pw", "127.0.0.1")
        assert [a.input_text for a in group.as_account(account).store.list_attempts()] == ["my answer"]
    finally:
        group.close()


def test_a_new_link_resets_a_forgotten_password(cli: Callable[..., Any], settings: Any) -> None:
    assert cli("users", "add", "frank", "--password-stdin", input="first password\n").exit_code == 0
    group = AppContext(load_settings({"LOOPCOACH_HOME": str(settings.home), "LOOPCOACH_GROUP": "1",
                                      "LOOPCOACH_SECRET_KEY": "k" * 40}))
    try:
        _account, old_cookie = accounts.sign_in(group, "frank", "first password", "127.0.0.1")
        res = cli("users", "link", "frank", "--json")
        assert res.exit_code == 0
        token = json.loads(res.stdout)["signup_link"].rsplit("/", 1)[1]
        accounts.complete_signup(group, token, "second password")
        assert accounts.account_for_cookie(group, old_cookie) is None  # signed out elsewhere
        assert accounts.sign_in(group, "frank", "second password", "127.0.0.1")[0].name == "frank"
        with __import__("pytest").raises(accounts.SignInError):
            accounts.signup_account(group, token)  # spent
    finally:
        group.close()
    missing = cli("users", "link", "nobody")
    assert missing.exit_code == 2 and "There is no account named 'nobody'." in missing.stderr
