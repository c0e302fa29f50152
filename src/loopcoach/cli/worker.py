"""``loopcoach worker``: run queued judging for a group-mode server (start as many as you have cores)."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from loopcoach.cli.common import fail
from loopcoach.errors import LoopcoachError


def command(
    concurrency: Annotated[int, typer.Option(min=1, max=16, help="Jobs this worker runs at once (default 1; "
                                                                 "start one worker per core instead).")] = 1,
    name: Annotated[str | None, typer.Option(help="Name in the logs (default HOST-PID).")] = None,
) -> None:
    """Run queued submissions (group mode on PostgreSQL) until stopped with Ctrl-C or SIGTERM."""
    import asyncio

    from loopcoach.config import load_settings
    from loopcoach.queue.engine import Queue
    from loopcoach.services import coding, work
    from loopcoach.services.context import AppContext

    worker_name = name or f"{socket.gethostname()}-{os.getpid()}"
    try:
        settings = load_settings()
        ctx = AppContext(settings)
        queue = Queue(settings, handler=lambda work_id: work.run(ctx, work_id, worker_name))
        ctx.store  # migrate before taking jobs  # noqa: B018
        ctx.content("coding")
        coding.get_runner()  # the warm sandbox, before the first job
        queue.ensure_schema()
        ctx.resource("queue", lambda: queue)
        requeued = work.requeue_orphans(ctx)
    except LoopcoachError as exc:
        fail(exc, False)
    typer.echo(f"loopcoach worker {worker_name}: waiting for submissions (requeued {requeued} left over)",
               err=True)
    try:
        asyncio.run(queue.run_worker(worker_name, concurrency))
    finally:
        ctx.close()
        coding.set_runner(None)
