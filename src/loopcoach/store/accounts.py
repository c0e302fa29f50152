"""Accounts of group mode: users with a role and a cohort, sign-up links, sign-in sessions, failed sign-ins.

The SQL of ``services/accounts.py`` lives here, beside ``Store`` (which holds the
SQL of one account's own data). Secrets are never stored in the clear: a
password is an Argon2 hash made by the service, a sign-up link and a session
cookie are stored as the SHA-256 of their random token, so a copy of the
database lets nobody sign in.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from loopcoach.errors import BadInputError, NotFoundError
from loopcoach.store import tables as t
from loopcoach.store.store import now_iso

ROLES = ("candidate", "coach", "admin")


@dataclass(frozen=True)
class Account:
    """One person who can sign in (or will, once they open their sign-up link)."""

    id: int
    name: str
    role: str
    cohort: str | None
    cohort_id: int | None
    disabled: bool
    has_password: bool
    created_at: str


class AccountStore:
    """Reads and writes of accounts, cohorts and sign-in state."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- accounts ----------------------------------------------------------------------------
    def _select(self) -> sa.Select[tuple[object, ...]]:
        u, c = t.users.c, t.cohorts.c
        return (sa.select(u.id, u.name, u.role, c.name.label("cohort"), u.cohort_id, u.disabled,
                          u.password_hash, u.created_at)
                .select_from(t.users.outerjoin(t.cohorts, c.id == u.cohort_id)))

    @staticmethod
    def _account(r: sa.RowMapping) -> Account:
        return Account(int(r["id"]), str(r["name"]), str(r["role"]), r["cohort"], r["cohort_id"],
                       bool(r["disabled"]), r["password_hash"] is not None, str(r["created_at"]))

    def find(self, name: str) -> Account | None:
        """The account of this name, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(self._select().where(t.users.c.name == name)).mappings().first()
        return None if row is None else self._account(row)

    def get(self, name: str) -> Account:
        """The account of this name; NotFoundError otherwise."""
        account = self.find(name)
        if account is None:
            raise NotFoundError(f"There is no account named '{name}'.")
        return account

    def by_id(self, user_id: int) -> Account | None:
        """The account with this id, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(self._select().where(t.users.c.id == user_id)).mappings().first()
        return None if row is None else self._account(row)

    def list(self, cohort_id: int | None = None) -> list[Account]:
        """Every account (or those of one cohort), by name."""
        q = self._select().order_by(t.users.c.name)
        if cohort_id is not None:
            q = q.where(t.users.c.cohort_id == cohort_id)
        with self.engine.connect() as conn:
            return [self._account(r) for r in conn.execute(q).mappings()]

    def create(self, name: str, role: str, cohort: str | None, password_hash: str | None,
               signup_token_hash: str | None, signup_expires_at: str | None) -> Account:
        """A new account (its cohort is created when new); BadInputError when the name is taken.

        A user row that has neither a password nor a sign-up link (the local user whose data a
        single-user install already holds) is turned into the account, keeping its data.
        """
        if role not in ROLES:
            raise BadInputError(f"A role is one of {', '.join(ROLES)}, not '{role}'.")
        u = t.users.c
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(u.id, u.password_hash, u.signup_token_hash).where(u.name == name)).first()
            if row is not None and (row[1] is not None or row[2] is not None):
                raise BadInputError(f"There is already an account named '{name}'.")
            cohort_id = self._cohort_id(conn, cohort) if cohort else None
            values = {"role": role, "cohort_id": cohort_id, "password_hash": password_hash, "disabled": 0,
                      "signup_token_hash": signup_token_hash, "signup_expires_at": signup_expires_at}
            if row is None:
                conn.execute(t.users.insert().values(name=name, created_at=now_iso(), **values))
            else:  # a user without sign-in yet (the local user of this data folder): it becomes the account
                conn.execute(t.users.update().where(u.id == row[0]).values(**values))
        return self.get(name)

    @staticmethod
    def _cohort_id(conn: sa.Connection, name: str) -> int:
        row = conn.execute(sa.select(t.cohorts.c.id).where(t.cohorts.c.name == name)).first()
        if row:
            return int(row[0])
        res = conn.execute(t.cohorts.insert().values(name=name, created_at=now_iso()))
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    def password_hash(self, user_id: int) -> str | None:
        """The stored Argon2 hash of an account, or None before sign-up."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(t.users.c.password_hash).where(t.users.c.id == user_id)).scalar()
        return None if value is None else str(value)

    def set_password(self, user_id: int, password_hash: str) -> None:
        """Store a new hash and spend any sign-up link."""
        with self.engine.begin() as conn:
            conn.execute(t.users.update().where(t.users.c.id == user_id).values(
                password_hash=password_hash, signup_token_hash=None, signup_expires_at=None))

    def set_signup(self, user_id: int, token_hash: str, expires_at: str) -> None:
        """Give an account a (new) one-time sign-up link."""
        with self.engine.begin() as conn:
            conn.execute(t.users.update().where(t.users.c.id == user_id).values(
                signup_token_hash=token_hash, signup_expires_at=expires_at))

    def by_signup_token(self, token_hash: str, now: str) -> Account | None:
        """The enabled account whose unexpired sign-up link has this hash."""
        u = t.users.c
        q = self._select().where(u.signup_token_hash == token_hash, u.signup_expires_at > now, u.disabled == 0)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return None if row is None else self._account(row)

    def set_disabled(self, user_id: int, disabled: bool) -> None:
        """Disable (and sign out everywhere) or re-enable an account."""
        with self.engine.begin() as conn:
            conn.execute(t.users.update().where(t.users.c.id == user_id).values(disabled=int(disabled)))
            if disabled:
                conn.execute(t.auth_sessions.delete().where(t.auth_sessions.c.user_id == user_id))

    # -- sign-in sessions --------------------------------------------------------------------
    def add_session(self, user_id: int, token_hash: str, expires_at: str) -> None:
        """Remember a signed-in browser."""
        with self.engine.begin() as conn:
            conn.execute(t.auth_sessions.insert().values(user_id=user_id, token_hash=token_hash,
                                                         created_at=now_iso(), expires_at=expires_at))

    def session_account(self, token_hash: str, now: str) -> Account | None:
        """The enabled account of an unexpired session, or None."""
        s = t.auth_sessions.c
        q = (self._select().join(t.auth_sessions, s.user_id == t.users.c.id)
             .where(s.token_hash == token_hash, s.expires_at > now, t.users.c.disabled == 0))
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return None if row is None else self._account(row)

    def end_session(self, token_hash: str) -> None:
        """Forget one signed-in browser."""
        with self.engine.begin() as conn:
            conn.execute(t.auth_sessions.delete().where(t.auth_sessions.c.token_hash == token_hash))

    def end_other_sessions(self, user_id: int, keep_hash: str | None) -> None:
        """Sign an account out everywhere but this browser (after a password change)."""
        s = t.auth_sessions.c
        with self.engine.begin() as conn:
            q = t.auth_sessions.delete().where(s.user_id == user_id)
            if keep_hash is not None:
                q = q.where(s.token_hash != keep_hash)
            conn.execute(q)
            conn.execute(t.auth_sessions.delete().where(s.expires_at <= now_iso()))

    # -- failed sign-ins ---------------------------------------------------------------------
    def record_failure(self, user_name: str, client: str) -> None:
        """Count one failed sign-in for this name and this client address."""
        with self.engine.begin() as conn:
            conn.execute(t.sign_in_failures.insert().values(user_name=user_name[:200], client=client[:100],
                                                            at=now_iso()))

    def failures_since(self, user_name: str, client: str, since: str) -> tuple[int, int]:
        """Failed sign-ins since ``since``: (for this name, from this client)."""
        f = t.sign_in_failures.c
        with self.engine.begin() as conn:
            conn.execute(t.sign_in_failures.delete().where(f.at < since))
            by_name = conn.execute(sa.select(sa.func.count()).where(f.user_name == user_name[:200],
                                                                    f.at >= since)).scalar()
            by_client = conn.execute(sa.select(sa.func.count()).where(f.client == client[:100],
                                                                      f.at >= since)).scalar()
        return int(by_name or 0), int(by_client or 0)

    def clear_failures(self, user_name: str) -> None:
        """Forget the failures of a name after it signed in."""
        with self.engine.begin() as conn:
            conn.execute(t.sign_in_failures.delete().where(t.sign_in_failures.c.user_name == user_name[:200]))
