"""Work items of group mode's task queue: what a worker is asked to do, for whom, and how it went.

A row is created ``queued`` by the web process, handed to the queue engine
(its job id is kept), ``claim``-ed by a worker (``running``, tries + 1; a
worker killed mid-job leaves it ``running`` and the engine's retry claims it
again) and ``finish``-ed: the attempt it produced and the ``done`` state are
written in one transaction, and only once, so a retried job never records a
submission twice. Reads for the web are filtered by the owner.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from loopcoach.errors import NotFoundError
from loopcoach.store import tables as t
from loopcoach.store.store import _dumps, now_iso

OPEN = ("queued", "running")


@dataclass(frozen=True)
class WorkItem:
    """One piece of queued work."""

    id: int
    user_id: int
    kind: str
    item_id: str | None
    payload: dict[str, Any]
    status: str
    job_id: int | None
    tries: int
    worker: str | None
    result: dict[str, Any] | None
    error: str | None
    attempt_id: int | None
    created_at: str
    started_at: str | None
    finished_at: str | None


def _item(r: Any) -> WorkItem:
    return WorkItem(r["id"], r["user_id"], r["kind"], r["item_id"], json.loads(r["payload_json"]), r["status"],
                    r["job_id"], r["tries"], r["worker"],
                    None if r["result_json"] is None else json.loads(r["result_json"]), r["error"],
                    r["attempt_id"], r["created_at"], r["started_at"], r["finished_at"])


class WorkStore:
    """Reads and writes of ``work_items``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create(self, user_id: int, kind: str, item_id: str | None, payload: dict[str, Any]) -> int:
        """A new queued item; returns its id."""
        with self.engine.begin() as conn:
            res = conn.execute(t.work_items.insert().values(
                user_id=user_id, kind=kind, item_id=item_id, payload_json=_dumps(payload), status="queued",
                tries=0, created_at=now_iso()))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def set_job(self, work_id: int, job_id: int) -> None:
        """Remember the engine's job of an item."""
        with self.engine.begin() as conn:
            conn.execute(t.work_items.update().where(t.work_items.c.id == work_id).values(job_id=job_id))

    def get(self, work_id: int, user_id: int | None = None) -> WorkItem:
        """One item (of this owner, when given); NotFoundError otherwise."""
        w = t.work_items.c
        q = sa.select(t.work_items).where(w.id == work_id)
        if user_id is not None:
            q = q.where(w.user_id == user_id)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        if row is None:
            raise NotFoundError(f"There is no submission number {work_id} in the queue.")
        return _item(row)

    def ahead_of(self, work_id: int) -> int:
        """How many queued items were queued before this one."""
        w = t.work_items.c
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).where(w.status == "queued", w.id < work_id))
                       .scalar() or 0)

    def claim(self, work_id: int, worker: str) -> WorkItem | None:
        """Mark an open item running on ``worker`` (again, after a killed worker); None when it is closed."""
        w = t.work_items.c
        with self.engine.begin() as conn:
            done = conn.execute(t.work_items.update().where(w.id == work_id, w.status.in_(OPEN))
                                .values(status="running", worker=worker[:200], tries=w.tries + 1,
                                        started_at=now_iso()))
        return self.get(work_id) if done.rowcount else None

    def finish(self, work_id: int, result: dict[str, Any], attempt: dict[str, Any] | None) -> bool:
        """Store the result (and the attempt it makes) and close the item, once; False if it was closed."""
        w = t.work_items.c
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(w.status, w.user_id).where(w.id == work_id).with_for_update()).first()
            if row is None or row[0] not in OPEN:
                return False
            attempt_id = None
            if attempt is not None:
                res = conn.execute(t.attempts.insert().values(
                    user_id=row[1], area=attempt["area"], item_id=attempt["item_id"],
                    input_text=attempt["input_text"], result_json=_dumps(attempt["result"]), score=attempt["score"],
                    started_at=attempt.get("started_at"), finished_at=now_iso(),
                    meta_json=_dumps(attempt.get("meta") or {})))
                attempt_id = int(res.inserted_primary_key[0])  # type: ignore[index]
                result = {**result, "attempt_id": attempt_id}
            conn.execute(t.work_items.update().where(w.id == work_id).values(
                status="done", result_json=_dumps(result), attempt_id=attempt_id, finished_at=now_iso()))
        return True

    def fail(self, work_id: int, message: str) -> None:
        """Close an item that cannot be done, with the sentence that says why."""
        w = t.work_items.c
        with self.engine.begin() as conn:
            conn.execute(t.work_items.update().where(w.id == work_id, w.status.in_(OPEN))
                         .values(status="failed", error=message[:2000], finished_at=now_iso()))

    def orphans(self, older_than: str) -> list[int]:
        """Queued items that never reached the engine (the web process died in between)."""
        w = t.work_items.c
        with self.engine.connect() as conn:
            return [int(r[0]) for r in conn.execute(sa.select(w.id).where(
                w.status == "queued", w.job_id.is_(None), w.created_at < older_than))]

    def counts(self) -> dict[str, int]:
        """Items per state."""
        w = t.work_items.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(w.status, sa.func.count()).group_by(w.status)).all()
        return {str(r[0]): int(r[1]) for r in rows}
