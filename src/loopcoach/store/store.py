"""The store: every SQL statement of loopcoach lives in this class.

``open_store(settings)`` connects (SQLite in the data folder by default, in
WAL mode with foreign keys on; PostgreSQL given a URL), runs the pending
migrations and makes sure the local user exists. Each write runs in its own
transaction, so a process killed mid-write leaves the database as it was
before that write. See ``tables.py`` for the data model.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from loopcoach.config import Settings
from loopcoach.errors import InvalidDocumentError, NotFoundError, StoreError
from loopcoach.store import tables as t
from loopcoach.store.ids import check_id, max_id
from loopcoach.store.migrations import migrate
from loopcoach.store.records import (
    Application,
    Attempt,
    Card,
    Note,
    ReviewLog,
    Session,
    SpokenAttempt,
    Story,
    StoryVersion,
)

APPLICATION_STAGES = ("applied", "recruiter_screen", "phone_screen", "onsite", "offer", "rejected", "withdrawn")


def now_iso() -> str:
    """The current time as an ISO-8601 UTC string (the store's time format)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # The busy timeout comes first: switching a fresh file to WAL needs a lock that another process
    # opening the same store may hold for a moment.
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(database_url: str) -> sa.Engine:
    """An engine for the URL, with SQLite tuned for safety under concurrent readers."""
    try:
        if database_url.startswith("sqlite"):
            engine = sa.create_engine(database_url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _on_sqlite_connect)
        else:
            engine = sa.create_engine(database_url, pool_pre_ping=True)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"The database URL {database_url!r} is not usable: {exc}.") from None
    return engine


class Store:
    """All reads and writes of one user's data."""

    def __init__(self, engine: sa.Engine, user_name: str, user_id: int | None = None) -> None:
        self.engine = engine
        self.user_name = user_name
        self.max_id = max_id(engine)
        self.user_id = self._ensure_user(user_name) if user_id is None else user_id

    def _id(self, value: int, what: str) -> int:
        """``value`` if it can name a row; otherwise the same NotFoundError an unknown id gets."""
        return check_id(value, what, self.max_id)

    # -- users -------------------------------------------------------------------------------
    def _ensure_user(self, name: str) -> int:
        query = sa.select(t.users.c.id).where(t.users.c.name == name)
        try:
            with self.engine.begin() as conn:
                row = conn.execute(query).first()
                if row:
                    return int(row[0])
                result = conn.execute(t.users.insert().values(name=name, created_at=now_iso()))
                return int(result.inserted_primary_key[0])  # type: ignore[index]
        except sa.exc.IntegrityError:
            # Another process created the same user between our read and our insert: use that row.
            with self.engine.connect() as conn:
                row = conn.execute(query).first()
            if row is None:
                raise
            return int(row[0])

    def for_user(self, name: str) -> Store:
        """A store on the same database for another user (a server with several users)."""
        return Store(self.engine, name)

    def for_account(self, user_id: int, name: str) -> Store:
        """A store on the same database bound to an existing account (never creates one)."""
        return Store(self.engine, name, user_id)

    # -- attempts ----------------------------------------------------------------------------
    def add_attempt(
        self,
        area: str,
        item_id: str | None,
        input_text: str,
        result: dict[str, Any],
        score: int | None,
        started_at: str | None = None,
        finished_at: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Record one analysed attempt; returns its id."""
        with self.engine.begin() as conn:
            res = conn.execute(
                t.attempts.insert().values(
                    user_id=self.user_id, area=area, item_id=item_id, input_text=input_text,
                    result_json=_dumps(result), score=score, started_at=started_at,
                    finished_at=finished_at or now_iso(), meta_json=_dumps(meta or {}),
                )
            )
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def list_attempts(self, area: str | None = None, item_id: str | None = None, limit: int = 100) -> list[Attempt]:
        """Most recent attempts first, optionally for one area and item."""
        q = sa.select(t.attempts).where(t.attempts.c.user_id == self.user_id)
        if area is not None:
            q = q.where(t.attempts.c.area == area)
        if item_id is not None:
            q = q.where(t.attempts.c.item_id == item_id)
        q = q.order_by(t.attempts.c.finished_at.desc(), t.attempts.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [self._attempt(r) for r in conn.execute(q).mappings()]

    def get_attempt(self, attempt_id: int) -> Attempt:
        """One attempt of this user; NotFoundError otherwise."""
        attempt_id = self._id(attempt_id, "attempt")
        q = sa.select(t.attempts).where(t.attempts.c.id == attempt_id, t.attempts.c.user_id == self.user_id)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        if row is None:
            raise NotFoundError(f"There is no attempt number {attempt_id}.")
        return self._attempt(row)

    def area_summary(self) -> dict[str, dict[str, Any]]:
        """Per area: number of attempts, distinct items, average and last score, last time."""
        a = t.attempts.c
        q = (
            sa.select(a.area, sa.func.count(), sa.func.count(sa.distinct(a.item_id)), sa.func.avg(a.score),
                      sa.func.max(a.finished_at))
            .where(a.user_id == self.user_id)
            .group_by(a.area)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return {
            str(r[0]): {"attempts": int(r[1]), "items": int(r[2]),
                        "average_score": None if r[3] is None else round(float(r[3])), "last_at": r[4]}
            for r in rows
        }

    @staticmethod
    def _attempt(r: Any) -> Attempt:
        return Attempt(r["id"], r["area"], r["item_id"], r["input_text"], json.loads(r["result_json"]), r["score"],
                       r["started_at"], r["finished_at"], json.loads(r["meta_json"]))

    # -- review cards --------------------------------------------------------------------------
    def get_card(self, area: str, item_id: str) -> Card | None:
        """The card of an item, or None when it was never reviewed."""
        c = t.review_cards.c
        q = sa.select(t.review_cards).where(c.user_id == self.user_id, c.area == area, c.item_id == item_id)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return None if row is None else self._card(row)

    def save_card(self, area: str, item_id: str, card: dict[str, Any], due: str) -> int:
        """Create or update the card of an item; returns its id."""
        c = t.review_cards.c
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(c.id).where(c.user_id == self.user_id, c.area == area,
                                                     c.item_id == item_id)).first()
            values = {"card_json": _dumps(card), "due": due, "updated_at": now_iso()}
            if row:
                conn.execute(t.review_cards.update().where(c.id == row[0]).values(**values))
                return int(row[0])
            res = conn.execute(t.review_cards.insert().values(user_id=self.user_id, area=area, item_id=item_id,
                                                              **values))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def review(self, area: str, item_id: str, card: dict[str, Any], due: str, rating: int,
               log: dict[str, Any]) -> int:
        """Save a card and its review log in one transaction; returns the card id."""
        c = t.review_cards.c
        stamp = now_iso()
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(c.id).where(c.user_id == self.user_id, c.area == area,
                                                     c.item_id == item_id)).first()
            values = {"card_json": _dumps(card), "due": due, "updated_at": stamp}
            if row:
                card_id = int(row[0])
                conn.execute(t.review_cards.update().where(c.id == card_id).values(**values))
            else:
                res = conn.execute(t.review_cards.insert().values(user_id=self.user_id, area=area,
                                                                  item_id=item_id, **values))
                card_id = int(res.inserted_primary_key[0])  # type: ignore[index]
            conn.execute(t.review_logs.insert().values(card_id=card_id, rating=rating, reviewed_at=stamp,
                                                       log_json=_dumps(log)))
        return card_id

    def list_cards(self, area: str) -> list[Card]:
        """Every card of an area, soonest due first."""
        c = t.review_cards.c
        q = sa.select(t.review_cards).where(c.user_id == self.user_id, c.area == area).order_by(c.due, c.id)
        with self.engine.connect() as conn:
            return [self._card(r) for r in conn.execute(q).mappings()]

    def due_cards(self, area: str, now: str, limit: int = 50) -> list[Card]:
        """Cards due at ``now`` (an ISO time), soonest first."""
        c = t.review_cards.c
        q = (sa.select(t.review_cards).where(c.user_id == self.user_id, c.area == area, c.due <= now)
             .order_by(c.due, c.id).limit(limit))
        with self.engine.connect() as conn:
            return [self._card(r) for r in conn.execute(q).mappings()]

    def review_logs(self, area: str, since: str | None = None) -> list[tuple[str, ReviewLog]]:
        """(item_id, log) pairs of an area, oldest first."""
        c, lg = t.review_cards.c, t.review_logs.c
        q = (sa.select(c.item_id, t.review_logs).join(t.review_cards, c.id == lg.card_id)
             .where(c.user_id == self.user_id, c.area == area).order_by(lg.reviewed_at, lg.id))
        if since is not None:
            q = q.where(lg.reviewed_at >= since)
        with self.engine.connect() as conn:
            return [(r["item_id"], ReviewLog(r["id"], r["card_id"], r["rating"], r["reviewed_at"],
                                             json.loads(r["log_json"])))
                    for r in conn.execute(q).mappings()]

    @staticmethod
    def _card(r: Any) -> Card:
        return Card(r["id"], r["area"], r["item_id"], json.loads(r["card_json"]), r["due"], r["updated_at"])

    # -- stories -------------------------------------------------------------------------------
    def create_story(self, title: str, meta: dict[str, Any] | None = None) -> int:
        """A new story without versions; returns its id."""
        stamp = now_iso()
        with self.engine.begin() as conn:
            res = conn.execute(t.stories.insert().values(user_id=self.user_id, title=title,
                                                         meta_json=_dumps(meta or {}), created_at=stamp,
                                                         updated_at=stamp))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def update_story(self, story_id: int, title: str | None = None, meta: dict[str, Any] | None = None) -> None:
        """Rename a story or replace its meta."""
        self.get_story(story_id)
        values: dict[str, Any] = {"updated_at": now_iso()}
        if title is not None:
            values["title"] = title
        if meta is not None:
            values["meta_json"] = _dumps(meta)
        with self.engine.begin() as conn:
            conn.execute(t.stories.update().where(t.stories.c.id == story_id).values(**values))

    def delete_story(self, story_id: int) -> None:
        """Delete a story and its versions."""
        self.get_story(story_id)
        with self.engine.begin() as conn:
            conn.execute(t.story_versions.delete().where(t.story_versions.c.story_id == story_id))
            conn.execute(t.stories.delete().where(t.stories.c.id == story_id))

    def add_story_version(self, story_id: int, text: str, analysis: dict[str, Any], score: int | None) -> int:
        """Append a version to a story; returns the version number (1, 2, ...)."""
        self.get_story(story_id)
        sv = t.story_versions.c
        with self.engine.begin() as conn:
            last = conn.execute(sa.select(sa.func.max(sv.version)).where(sv.story_id == story_id)).scalar()
            version = int(last or 0) + 1
            stamp = now_iso()
            conn.execute(t.story_versions.insert().values(story_id=story_id, version=version, text=text,
                                                          analysis_json=_dumps(analysis), score=score,
                                                          created_at=stamp))
            conn.execute(t.stories.update().where(t.stories.c.id == story_id).values(updated_at=stamp))
        return version

    def get_story(self, story_id: int) -> Story:
        """One story of this user; NotFoundError otherwise."""
        story_id = self._id(story_id, "story")
        s = t.stories.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.stories).where(s.id == story_id, s.user_id == self.user_id)
                               ).mappings().first()
        if row is None:
            raise NotFoundError(f"There is no story number {story_id}.")
        return self._story(row)

    def list_stories(self) -> list[Story]:
        """Stories, most recently updated first."""
        s = t.stories.c
        q = sa.select(t.stories).where(s.user_id == self.user_id).order_by(s.updated_at.desc(), s.id.desc())
        with self.engine.connect() as conn:
            return [self._story(r) for r in conn.execute(q).mappings()]

    def story_versions(self, story_id: int) -> list[StoryVersion]:
        """Every version of a story, oldest first."""
        self.get_story(story_id)
        sv = t.story_versions.c
        q = sa.select(t.story_versions).where(sv.story_id == story_id).order_by(sv.version)
        with self.engine.connect() as conn:
            return [StoryVersion(r["id"], r["story_id"], r["version"], r["text"], json.loads(r["analysis_json"]),
                                 r["score"], r["created_at"]) for r in conn.execute(q).mappings()]

    @staticmethod
    def _story(r: Any) -> Story:
        return Story(r["id"], r["title"], json.loads(r["meta_json"]), r["created_at"], r["updated_at"])

    # -- sessions ------------------------------------------------------------------------------
    def create_session(self, kind: str, state: dict[str, Any], token: str | None = None,
                       status: str = "active") -> int:
        """A new timed session; returns its id."""
        stamp = now_iso()
        with self.engine.begin() as conn:
            res = conn.execute(t.mock_sessions.insert().values(user_id=self.user_id, kind=kind, status=status,
                                                               token=token, state_json=_dumps(state),
                                                               created_at=stamp, updated_at=stamp))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def get_session(self, session_id: int) -> Session:
        """One session of this user; NotFoundError otherwise."""
        session_id = self._id(session_id, "session")
        m = t.mock_sessions.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.mock_sessions).where(m.id == session_id, m.user_id == self.user_id)
                               ).mappings().first()
        if row is None:
            raise NotFoundError(f"There is no session number {session_id}.")
        return self._session(row)

    def session_by_token(self, token: str) -> Session:
        """The session a share link's token opens (any user's); NotFoundError otherwise."""
        m = t.mock_sessions.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.mock_sessions).where(m.token == token)).mappings().first()
        if row is None or not token:
            raise NotFoundError("This session link is not valid.")
        return self._session(row)

    def update_session(self, session_id: int, state: dict[str, Any] | None = None, status: str | None = None,
                       finished: bool = False) -> None:
        """Replace a session's state and/or status."""
        self.get_session(session_id)
        stamp = now_iso()
        values: dict[str, Any] = {"updated_at": stamp}
        if state is not None:
            values["state_json"] = _dumps(state)
        if status is not None:
            values["status"] = status
        if finished:
            values["finished_at"] = stamp
        with self.engine.begin() as conn:
            conn.execute(t.mock_sessions.update().where(t.mock_sessions.c.id == session_id).values(**values))

    def list_sessions(self, kind: str | None = None, limit: int = 100) -> list[Session]:
        """Sessions, most recent first."""
        m = t.mock_sessions.c
        q = sa.select(t.mock_sessions).where(m.user_id == self.user_id)
        if kind is not None:
            q = q.where(m.kind == kind)
        q = q.order_by(m.created_at.desc(), m.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [self._session(r) for r in conn.execute(q).mappings()]

    @staticmethod
    def _session(r: Any) -> Session:
        return Session(r["id"], r["kind"], r["status"], r["token"], json.loads(r["state_json"]), r["created_at"],
                       r["updated_at"], r["finished_at"], r["user_id"], r["guest_user_id"])

    def owner_of(self, session: Session) -> Store:
        """The store of the account that owns a shared session (a peer mock opened by its link)."""
        return self if session.owner_id == self.user_id else Store(self.engine, "", session.owner_id)

    def join_session(self, session_id: int) -> bool:
        """Become the guest of a shared session that has none yet; False when another account is."""
        m = t.mock_sessions.c
        with self.engine.begin() as conn:
            done = conn.execute(t.mock_sessions.update()
                                .where(m.id == session_id, m.guest_user_id.is_(None), m.user_id != self.user_id)
                                .values(guest_user_id=self.user_id))
        return bool(done.rowcount)

    # -- applications --------------------------------------------------------------------------
    def add_application(self, company: str, role: str, stage: str = "applied", applied_on: str | None = None,
                        job_description: str = "", contacts: list[dict[str, Any]] | None = None, notes: str = "",
                        next_action: str = "", next_action_on: str | None = None) -> int:
        """Track a new application; returns its id."""
        _check_stage(stage)
        stamp = now_iso()
        with self.engine.begin() as conn:
            res = conn.execute(t.applications.insert().values(
                user_id=self.user_id, company=company, role=role, stage=stage, applied_on=applied_on,
                job_description=job_description, contacts_json=_dumps(contacts or []), notes=notes,
                next_action=next_action, next_action_on=next_action_on, created_at=stamp, updated_at=stamp))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def update_application(self, application_id: int, **changes: Any) -> None:
        """Change fields of an application (company, role, stage, notes, contacts, ...)."""
        self.get_application(application_id)
        allowed = {"company", "role", "stage", "applied_on", "job_description", "contacts", "notes",
                   "next_action", "next_action_on"}
        unknown = set(changes) - allowed
        if unknown:
            raise NotFoundError(f"Applications have no field named {', '.join(sorted(unknown))}.")
        if "stage" in changes:
            _check_stage(changes["stage"])
        values = {("contacts_json" if k == "contacts" else k): (_dumps(v) if k == "contacts" else v)
                  for k, v in changes.items()}
        values["updated_at"] = now_iso()
        with self.engine.begin() as conn:
            conn.execute(t.applications.update().where(t.applications.c.id == application_id).values(**values))

    def get_application(self, application_id: int) -> Application:
        """One application of this user; NotFoundError otherwise."""
        application_id = self._id(application_id, "application")
        a = t.applications.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.applications).where(a.id == application_id, a.user_id == self.user_id)
                               ).mappings().first()
        if row is None:
            raise NotFoundError(f"There is no application number {application_id}.")
        return self._application(row)

    def list_applications(self) -> list[Application]:
        """Applications, most recently updated first."""
        a = t.applications.c
        q = sa.select(t.applications).where(a.user_id == self.user_id).order_by(a.updated_at.desc(), a.id.desc())
        with self.engine.connect() as conn:
            return [self._application(r) for r in conn.execute(q).mappings()]

    def delete_application(self, application_id: int) -> None:
        """Remove an application."""
        self.get_application(application_id)
        with self.engine.begin() as conn:
            conn.execute(t.applications.delete().where(t.applications.c.id == application_id))

    @staticmethod
    def _application(r: Any) -> Application:
        return Application(r["id"], r["company"], r["role"], r["stage"], r["applied_on"], r["job_description"],
                           json.loads(r["contacts_json"]), r["notes"], r["next_action"], r["next_action_on"],
                           r["created_at"], r["updated_at"])

    # -- notes ---------------------------------------------------------------------------------
    def put_note(self, kind: str, key: str, body: str) -> None:
        """Create or replace the note (kind, key)."""
        n = t.notes.c
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(n.id).where(n.user_id == self.user_id, n.kind == kind, n.key == key)).first()
            if row:
                conn.execute(t.notes.update().where(n.id == row[0]).values(body=body, updated_at=now_iso()))
            else:
                conn.execute(t.notes.insert().values(user_id=self.user_id, kind=kind, key=key, body=body,
                                                     updated_at=now_iso()))

    def get_note(self, kind: str, key: str) -> Note | None:
        """The note (kind, key), or None."""
        n = t.notes.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.notes).where(n.user_id == self.user_id, n.kind == kind, n.key == key)
                               ).mappings().first()
        return None if row is None else Note(row["id"], row["kind"], row["key"], row["body"], row["updated_at"])

    def list_notes(self, kind: str) -> list[Note]:
        """Notes of a kind, by key."""
        n = t.notes.c
        q = sa.select(t.notes).where(n.user_id == self.user_id, n.kind == kind).order_by(n.key)
        with self.engine.connect() as conn:
            return [Note(r["id"], r["kind"], r["key"], r["body"], r["updated_at"]) for r in conn.execute(q).mappings()]

    def delete_note(self, kind: str, key: str) -> None:
        """Remove a note if it exists."""
        n = t.notes.c
        with self.engine.begin() as conn:
            conn.execute(t.notes.delete().where(n.user_id == self.user_id, n.kind == kind, n.key == key))

    # -- spoken attempts ---------------------------------------------------------------------
    def add_spoken(self, kind: str, transcript: str, delivery: dict[str, Any], attempt_id: int | None = None,
                   audio: bytes | None = None, audio_name: str | None = None) -> int:
        """Record a spoken answer's transcript and figures; the audio only when given (the user kept it)."""
        with self.engine.begin() as conn:
            res = conn.execute(t.spoken_attempts.insert().values(
                user_id=self.user_id, attempt_id=attempt_id, kind=kind, transcript=transcript,
                delivery_json=_dumps(delivery), audio_name=audio_name if audio is not None else None,
                audio_base64=base64.b64encode(audio).decode("ascii") if audio is not None else None,
                created_at=now_iso()))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def list_spoken(self, limit: int = 100) -> list[SpokenAttempt]:
        """Spoken answers, newest first (without their audio bytes)."""
        sp = t.spoken_attempts.c
        q = (sa.select(*[c for c in t.spoken_attempts.c if c.name != "audio_base64"],
                       sp.audio_base64.is_not(None).label("has_audio"))
             .where(sp.user_id == self.user_id).order_by(sp.created_at.desc(), sp.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [self._spoken(r) for r in conn.execute(q).mappings()]

    def get_spoken(self, spoken_id: int) -> tuple[SpokenAttempt, bytes | None]:
        """One spoken answer of this user and its audio (None if not kept); NotFoundError otherwise."""
        spoken_id = self._id(spoken_id, "spoken answer")
        sp = t.spoken_attempts.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.spoken_attempts, sp.audio_base64.is_not(None).label("has_audio"))
                               .where(sp.id == spoken_id, sp.user_id == self.user_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"There is no spoken answer number {spoken_id}.")
        audio = base64.b64decode(row["audio_base64"]) if row["audio_base64"] is not None else None
        return self._spoken(row), audio

    def delete_spoken(self, spoken_id: int, audio_only: bool = False) -> None:
        """Delete a spoken answer, or only its audio (the transcript and figures stay)."""
        self.get_spoken(spoken_id)
        sp = t.spoken_attempts.c
        where = (sp.id == spoken_id) & (sp.user_id == self.user_id)
        with self.engine.begin() as conn:
            if audio_only:
                conn.execute(t.spoken_attempts.update().where(where).values(audio_base64=None, audio_name=None))
            else:
                conn.execute(t.spoken_attempts.delete().where(where))

    @staticmethod
    def _spoken(r: Any) -> SpokenAttempt:
        return SpokenAttempt(r["id"], r["attempt_id"], r["kind"], r["transcript"], json.loads(r["delivery_json"]),
                             r["audio_name"], bool(r["has_audio"]), r["created_at"])

    # -- export / import (see transfer.py) -----------------------------------------------------
    def export_all(self) -> dict[str, Any]:
        """Every row of every table (all users) as one JSON-ready document."""
        from loopcoach.store.transfer import export_document

        return export_document(self.engine)

    def is_empty(self) -> bool:
        """True when the store holds nothing but users without data."""
        with self.engine.connect() as conn:
            return all(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
                       for table in t.EXPORT_ORDER if table is not t.users)

    def import_all(self, doc: Any) -> dict[str, int]:
        """Restore an export into this empty store, in one transaction; returns rows per table."""
        from loopcoach.store.transfer import import_document

        if not self.is_empty():
            raise InvalidDocumentError(
                "The store already holds data; import restores into an empty data folder "
                "(set LOOPCOACH_HOME to a new folder, or export and move the old one away first)."
            )
        counts = import_document(self.engine, doc)
        self.user_id = self._ensure_user(self.user_name)
        return counts


def _check_stage(stage: str) -> None:
    if stage not in APPLICATION_STAGES:
        raise NotFoundError(f"'{stage}' is not a stage; use one of: {', '.join(APPLICATION_STAGES)}.")


def open_store(settings: Settings) -> Store:
    """Connect, migrate and return the store of the configured user."""
    if settings.is_sqlite:
        try:
            settings.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"The data folder {settings.home} cannot be created: {exc.strerror}.") from None
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        return Store(engine, settings.user)
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise StoreError(f"The database at {settings.database_url} cannot be used: {exc.orig}.") from None
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise StoreError(f"The database at {settings.database_url} cannot be opened: {exc.orig}.") from None


def table_counts(store: Store) -> dict[str, int]:
    """Rows per table (all users), for doctor and tests."""
    with store.engine.connect() as conn:
        return {table.name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
                for table in t.EXPORT_ORDER}

