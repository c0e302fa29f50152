"""Accounts for group mode: adding people, signing in and out, passwords, who may see whom.

Roles: a *candidate* sees only their own data; a *coach* also sees the
candidates of their cohort (the cohort dashboard) and runs peer mocks with
them; an *admin* manages accounts. Passwords are hashed with Argon2id
(argon2-cffi's defaults, rehashed on sign-in when those change). A signed-in
browser holds a cookie ``TOKEN.SIGNATURE``: a random 256-bit token and its
HMAC-SHA256 under the server's secret key, so a forged cookie is refused
without a database look-up; the database keeps only SHA-256(TOKEN). Failed
sign-ins are counted in the database (so every web process shares the
count): past ``MAX_FAILURES_PER_NAME`` for a name or ``MAX_FAILURES_PER_CLIENT``
from one address in ``FAILURE_WINDOW`` further attempts are refused.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from loopcoach.errors import BadInputError, ForbiddenError, RateLimitedError, SignInError, StoreError
from loopcoach.services.context import AppContext
from loopcoach.store.accounts import ROLES, Account, AccountStore

SESSION_DAYS = 14
SIGNUP_DAYS = 7
SESSION_KEY_FILE = "session_key"  # the guard keeps its CSRF secret in "secret_key"
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 30
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_WRONG = "The name or the password is wrong."


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(when: datetime) -> str:
    return when.isoformat(timespec="microseconds")


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def accounts(ctx: AppContext) -> AccountStore:
    """The account repository on the context's database."""
    return AccountStore(ctx.store.engine)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """An Argon2id hash of a password that passes ``check_password``."""
    check_password(password)
    return str(_hasher().hash(password))


def check_password(password: str) -> None:
    """Refuse passwords that are too short or too long, with one sentence."""
    if len(password) < MIN_PASSWORD:
        raise BadInputError(f"A password has at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise BadInputError(f"A password has at most {MAX_PASSWORD} characters.")


def check_name(name: str) -> str:
    """An account name: letters, digits, '.', '_' or '-', up to 64 characters."""
    if not _NAME.match(name):
        raise BadInputError(f"'{name}' is not a usable account name: use up to 64 letters, digits, '.', '_' "
                            "or '-', starting with a letter or digit.")
    return name


def account_dict(account: Account) -> dict[str, Any]:
    """The JSON shape of an account (never a secret)."""
    return {"name": account.name, "role": account.role, "cohort": account.cohort, "disabled": account.disabled,
            "signed_up": account.has_password, "created_at": account.created_at}


# -- administration (the CLI's `loopcoach users`) ----------------------------------------------
def add_user(ctx: AppContext, name: str, role: str, cohort: str | None = None,
             password: str | None = None) -> dict[str, Any]:
    """Create an account; without a password it gets a one-time sign-up link (returned once)."""
    check_name(name)
    if role not in ROLES:
        raise BadInputError(f"A role is one of {', '.join(ROLES)}, not '{role}'.")
    if cohort is not None and not cohort.strip():
        raise BadInputError("A cohort name cannot be empty.")
    link = None
    if password is not None:
        account = accounts(ctx).create(name, role, cohort, hash_password(password), None, None)
    else:
        token = secrets.token_urlsafe(32)
        account = accounts(ctx).create(name, role, cohort, None, _sha256(token),
                                       _stamp(_now() + timedelta(days=SIGNUP_DAYS)))
        link = _signup_link(ctx, token)
    return {"user": account_dict(account), "signup_link": link}


def _signup_link(ctx: AppContext, token: str) -> str:
    settings = ctx.settings
    return f"{settings.public_url or f'http://{settings.host}:{settings.port}'}/signup/{token}"


def new_signup_link(ctx: AppContext, name: str) -> dict[str, Any]:
    """A fresh one-time link with which an account sets a new password (a forgotten one); valid 7 days."""
    repo = accounts(ctx)
    account = repo.get(name)
    if account.disabled:
        raise BadInputError(f"The account '{name}' is disabled.")
    token = secrets.token_urlsafe(32)
    repo.set_signup(account.id, _sha256(token), _stamp(_now() + timedelta(days=SIGNUP_DAYS)))
    return {"user": account_dict(account), "signup_link": _signup_link(ctx, token)}


def list_users(ctx: AppContext) -> dict[str, Any]:
    """Every account, by name."""
    return {"users": [account_dict(a) for a in accounts(ctx).list()]}


def disable_user(ctx: AppContext, name: str) -> dict[str, Any]:
    """Disable an account: it can no longer sign in and its open sessions end."""
    repo = accounts(ctx)
    account = repo.get(name)
    repo.set_disabled(account.id, True)
    return {"user": account_dict(repo.get(name))}


# -- cookies -------------------------------------------------------------------------------------
def secret_key(ctx: AppContext) -> bytes:
    """LOOPCOACH_SECRET_KEY, else the random key kept in the data folder as ``session_key`` (created once, mode 0600).

    A file of its own: the guard keeps its CSRF secret in ``secret_key``.
    """
    if ctx.settings.secret_key:
        return ctx.settings.secret_key.encode()
    path: Path = ctx.settings.home / SESSION_KEY_FILE
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        return path.read_text(encoding="utf-8").strip().encode()
    except FileExistsError:  # another process wrote it first
        return path.read_text(encoding="utf-8").strip().encode()
    except OSError as exc:
        raise StoreError(f"The session key file {path} cannot be used: {exc.strerror}; "
                         "set LOOPCOACH_SECRET_KEY instead.") from None


def _sign(key: bytes, token: str) -> str:
    mac = hmac.new(key, token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _token_of(key: bytes, cookie: str) -> str | None:
    token, _, signature = cookie.partition(".")
    if not token or not signature or len(cookie) > 200:
        return None
    return token if hmac.compare_digest(_sign(key, token), signature) else None


def _new_session(ctx: AppContext, account: Account) -> str:
    token = secrets.token_urlsafe(32)
    accounts(ctx).add_session(account.id, _sha256(token), _stamp(_now() + timedelta(days=SESSION_DAYS)))
    return f"{token}.{_sign(secret_key(ctx), token)}"


def account_for_cookie(ctx: AppContext, cookie: str) -> Account | None:
    """The enabled account a session cookie belongs to, or None (forged, expired, signed out, disabled)."""
    token = _token_of(secret_key(ctx), cookie) if cookie else None
    if token is None:
        return None
    return accounts(ctx).session_account(_sha256(token), _stamp(_now()))


# -- signing in and out ----------------------------------------------------------------------------
def sign_in(ctx: AppContext, name: str, password: str, client: str) -> tuple[Account, str]:
    """Check a name and password; returns the account and a new session cookie value."""
    repo = accounts(ctx)
    name = name.strip()
    by_name, by_client = repo.failures_since(name, client, _stamp(_now() - FAILURE_WINDOW))
    if by_name >= MAX_FAILURES_PER_NAME or by_client >= MAX_FAILURES_PER_CLIENT:
        minutes = int(FAILURE_WINDOW.total_seconds() // 60)
        raise RateLimitedError(f"Too many failed sign-ins; wait {minutes} minutes and try again.")
    account = repo.find(name)
    stored = repo.password_hash(account.id) if account is not None and not account.disabled else None
    if stored is None:
        _verify(_dummy_hash(), password)  # the same work as for a real account: no timing hint about names
    if account is None or stored is None or not _verify(stored, password):
        repo.record_failure(name, client)
        raise SignInError(_WRONG)
    repo.clear_failures(name)
    if _hasher().check_needs_rehash(stored):
        repo.set_password(account.id, _hasher().hash(password))
    return account, _new_session(ctx, account)


@functools.cache
def _dummy_hash() -> str:
    return str(_hasher().hash(secrets.token_urlsafe(16)))


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored, password[:MAX_PASSWORD]))
    except (VerificationError, InvalidHashError):
        return False


def sign_out(ctx: AppContext, cookie: str) -> None:
    """End the session of this cookie (a forged or stale cookie is simply ignored)."""
    token = _token_of(secret_key(ctx), cookie) if cookie else None
    if token is not None:
        accounts(ctx).end_session(_sha256(token))


def change_password(ctx: AppContext, account: Account, current: str, new: str, cookie: str) -> None:
    """Replace the password after checking the current one; every other session of the account ends."""
    repo = accounts(ctx)
    stored = repo.password_hash(account.id)
    if stored is None or not _verify(stored, current):
        raise BadInputError("The current password is wrong.")
    if new == current:
        raise BadInputError("The new password is the same as the current one.")
    repo.set_password(account.id, hash_password(new))
    token = _token_of(secret_key(ctx), cookie) if cookie else None
    repo.end_other_sessions(account.id, _sha256(token) if token else None)


def signup_account(ctx: AppContext, token: str) -> Account:
    """The account a sign-up link is for; SignInError when it is unknown, used or expired."""
    account = accounts(ctx).by_signup_token(_sha256(token), _stamp(_now())) if 0 < len(token) <= 200 else None
    if account is None:
        raise SignInError("This sign-up link is not valid any more; ask your admin for a new one.")
    return account


def complete_signup(ctx: AppContext, token: str, password: str) -> tuple[Account, str]:
    """Set the first password through a sign-up link (spending it); returns the account and a cookie value."""
    account = signup_account(ctx, token)
    repo = accounts(ctx)
    repo.set_password(account.id, hash_password(password))
    repo.end_other_sessions(account.id, None)  # a reset link signs out every other browser
    return account, _new_session(ctx, account)


# -- who may see whom --------------------------------------------------------------------------
def require_role(account: Account | None, *roles: str) -> Account:
    """The account, when its role is one of ``roles``; ForbiddenError otherwise."""
    if account is None or account.role not in roles:
        raise ForbiddenError(f"This page is for {' or '.join(roles)} accounts.")
    return account


def cohort_candidates(ctx: AppContext, coach: Account) -> list[Account]:
    """The signed-up, enabled candidates a coach follows: the coach's cohort (every one for an admin)."""
    require_role(coach, "coach", "admin")
    if coach.role == "admin":
        members = accounts(ctx).list()
    elif coach.cohort_id is None:
        return []
    else:
        members = accounts(ctx).list(coach.cohort_id)
    return [a for a in members if a.role == "candidate" and not a.disabled and a.has_password]


def same_cohort(a: Account, b: Account) -> bool:
    """True when two accounts share a cohort (or one of them is an admin)."""
    return "admin" in (a.role, b.role) or (a.cohort_id is not None and a.cohort_id == b.cohort_id)
