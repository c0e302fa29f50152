"""The queue engine: procrastinate on the PostgreSQL database the server already uses.

One task, ``loopcoach.run_work``, carries the id of a ``work_items`` row; what
running it means is the ``handler`` the caller passes (services/work.py), so
this module knows nothing of judging. ``Queue.defer`` is synchronous (the web
calls it from its thread pool); ``Queue.run_worker`` runs a worker until it
is stopped. Workers beat every ``HEARTBEAT_S`` seconds; each worker also
sweeps every ``SWEEP_S`` seconds for jobs whose worker stopped beating for
``STALLED_S`` seconds (a worker killed with SIGKILL) and puts them back in the
queue, so another worker runs them. procrastinate's own tables are created on
first use, under an advisory lock so that several processes starting at once
create them once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from loopcoach.config import Settings
from loopcoach.errors import BadInputError, StoreError

TASK = "loopcoach.run_work"
HEARTBEAT_S = 2.0
STALLED_S = 8.0
SWEEP_S = 3.0
MAX_TRIES = 3
_SCHEMA_LOCK = 0x6C6F6F70  # "loop": the advisory lock key of the schema creation
log = logging.getLogger("loopcoach.queue")

Handler = Callable[[int], None]


def conninfo_of(settings: Settings) -> str:
    """The libpq connection string of the configured PostgreSQL database."""
    if settings.is_sqlite or not settings.database_url.startswith("postgresql"):
        raise BadInputError("The task queue needs a PostgreSQL database: set LOOPCOACH_DATABASE_URL to a "
                            "postgresql+psycopg://... URL (see 'Serving a cohort' in the README).")
    url = sa.engine.make_url(settings.database_url)
    parts = {"host": url.host, "port": url.port, "user": url.username, "password": url.password,
             "dbname": url.database, **{k: v for k, v in url.query.items() if isinstance(v, str)}}
    return " ".join(f"{k}={_quote(str(v))}" for k, v in parts.items() if v not in (None, ""))


def _quote(value: str) -> str:
    if value and all(c.isalnum() or c in "._-/:" for c in value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class Queue:
    """A procrastinate app bound to the server's database, opened on first use."""

    def __init__(self, settings: Settings, handler: Handler | None = None) -> None:
        import procrastinate

        self.conninfo = conninfo_of(settings)
        self.app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=self.conninfo))
        self._handler = handler
        self._lock = threading.Lock()
        self._open = False

        @self.app.task(name=TASK, retry=procrastinate.RetryStrategy(max_attempts=MAX_TRIES - 1, wait=1),
                       pass_context=False)
        def run_work(work_id: int) -> None:
            if self._handler is None:
                raise RuntimeError("this queue has no handler: only `loopcoach worker` runs work")
            self._handler(work_id)

        self._task = run_work

    def ensure_schema(self) -> None:
        """Create procrastinate's tables once (several processes may start at the same moment)."""
        import psycopg

        try:
            with psycopg.connect(self.conninfo, autocommit=True) as conn:
                conn.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
                try:
                    found = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
                    if found is None or found[0] is None:
                        from procrastinate.schema import SchemaManager

                        conn.execute(SchemaManager.get_schema())
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))
        except psycopg.Error as exc:
            raise StoreError(f"The task queue's tables cannot be created: {exc}.") from None

    def defer(self, work_id: int) -> int:
        """Put a work item in the queue; returns the engine's job id."""
        with self._lock:
            if not self._open:
                self.ensure_schema()
                self.app.open()
                self._open = True
        try:
            return int(self._task.defer(work_id=work_id))
        except Exception as exc:  # the engine's errors: the database refused or went away
            raise StoreError(f"The submission could not be queued: {exc}.") from None

    async def run_worker(self, name: str, concurrency: int = 1, stop: asyncio.Event | None = None) -> None:
        """Run jobs until ``stop`` is set (or SIGINT / SIGTERM); sweep stalled jobs back into the queue."""
        await asyncio.to_thread(self.ensure_schema)
        async with self.app.open_async():
            worker = asyncio.create_task(self.app.run_worker_async(
                name=name, concurrency=concurrency, update_heartbeat_interval=HEARTBEAT_S,
                stalled_worker_timeout=STALLED_S, install_signal_handlers=stop is None,
                fetch_job_polling_interval=1.0))
            sweeper = asyncio.create_task(self._sweep_forever())
            waiters: list[asyncio.Task[Any]] = [worker]
            if stop is not None:
                waiters.append(asyncio.create_task(stop.wait()))
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                sweeper.cancel()
                for task in waiters:
                    task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker

    async def sweep(self) -> int:
        """Put the jobs of workers that stopped beating back in the queue; returns how many."""
        manager = self.app.job_manager
        stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_S, task_name=TASK))
        for job in stalled:
            log.warning("job %s of a stopped worker goes back into the queue", job.id)
            await manager.retry_job(job)
        return len(stalled)

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_S)
            try:
                await self.sweep()
            except Exception:  # a database hiccup must not stop the worker; the next sweep tries again
                log.exception("sweeping stalled jobs failed")

    def status_counts(self) -> dict[str, int]:
        """Jobs of the engine per status (todo, doing, succeeded, failed...)."""
        import psycopg

        with psycopg.connect(self.conninfo) as conn:
            rows = conn.execute("SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY status").fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def close(self) -> None:
        """Close the engine's connections."""
        with self._lock:
            if self._open:
                self.app.close()
                self._open = False
