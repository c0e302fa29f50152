"""Judging on the task queue (group mode on PostgreSQL): queue a submission or a Run, follow it, run it.

``queued(ctx)`` says whether this server judges through the queue: group mode
on a PostgreSQL database. Local mode (and group mode on SQLite) keeps judging
in the web process on the warm sandbox. A submission is checked at once (an
unknown problem or an empty solution is a 4xx, never a queued job), stored as
a ``work_items`` row of its owner and deferred; ``loopcoach worker`` runs it
with ``run`` under the owner's context, and the attempt and the closed item are
written in one transaction (store/work.py), so a job retried after its worker
was killed records the submission once. ``view`` is what the page polls.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from loopcoach.errors import BadInputError, LoopcoachError, NotFoundError
from loopcoach.queue.engine import MAX_TRIES, Queue
from loopcoach.services.context import AppContext
from loopcoach.store.work import WorkItem, WorkStore

SUBMISSION = "coding_submission"
RUN = "coding_run"
ORPHAN_AFTER = timedelta(seconds=30)


def queued(ctx: AppContext) -> bool:
    """True when submissions go to workers (group mode on PostgreSQL)."""
    return ctx.settings.group and not ctx.settings.is_sqlite


def queue(ctx: AppContext) -> Queue:
    """This process's queue engine (one per process, shared by every request)."""
    queue_: Queue = ctx.resource("queue", lambda: Queue(ctx.settings))
    return queue_


def work_store(ctx: AppContext) -> WorkStore:
    """The work item repository on the context's database."""
    return WorkStore(ctx.store.engine)


def submit(ctx: AppContext, problem_id: str, source: str, *, claimed_time: str = "", claimed_space: str = "",
           approach: str = "", started_at: str | None = None, via: str = "web") -> dict[str, Any]:
    """Check and queue a submission for the context's account; returns its view (status "queued")."""
    from loopcoach.services import coding

    problem = coding.get_problem(ctx, problem_id)  # NotFoundError now, not on the worker
    coding.check_source(source)
    return _enqueue(ctx, SUBMISSION, problem.id, {
        "problem_id": problem.id, "source": source, "claimed_time": claimed_time, "claimed_space": claimed_space,
        "approach": approach, "started_at": started_at, "via": via})


def run_custom(ctx: AppContext, problem_id: str, source: str, input_text: str) -> dict[str, Any]:
    """Check and queue a Run on custom input (nothing is recorded); returns its view."""
    from loopcoach.areas.coding.harness import parse_custom_input
    from loopcoach.services import coding

    problem = coding.get_problem(ctx, problem_id)
    coding.check_source(source)
    try:
        parse_custom_input(problem, input_text)  # a malformed input is answered now
    except ValueError as exc:
        raise BadInputError(str(exc)) from None
    return _enqueue(ctx, RUN, problem.id, {"problem_id": problem.id, "source": source, "input": input_text})


def _enqueue(ctx: AppContext, kind: str, item_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    repo = work_store(ctx)
    work_id = repo.create(ctx.store.user_id, kind, item_id, payload)
    try:
        repo.set_job(work_id, queue(ctx).defer(work_id))
    except LoopcoachError as exc:
        repo.fail(work_id, exc.message)
        raise
    return view(ctx, work_id)


def view(ctx: AppContext, work_id: int) -> dict[str, Any]:
    """The state of one of the account's submissions: queued (with how many are ahead), running, done, failed."""
    repo = work_store(ctx)
    item = repo.get(work_id, ctx.store.user_id)
    out: dict[str, Any] = {"id": item.id, "kind": item.kind, "problem_id": item.item_id, "status": item.status,
                           "tries": item.tries, "created_at": item.created_at, "started_at": item.started_at,
                           "finished_at": item.finished_at, "error": item.error, "result": item.result}
    out["ahead"] = repo.ahead_of(item.id) if item.status == "queued" else 0
    return out


def run(base: AppContext, work_id: int, worker: str) -> None:
    """Run one queued item on this worker (the queue's handler)."""
    repo = work_store(base)
    item = repo.claim(work_id, worker)
    if item is None:
        return  # done already (a duplicate delivery) or gone with its account
    owner = _owner_context(base, item)
    if owner is None:
        repo.fail(item.id, "The account of this submission no longer exists.")
        return
    try:
        result, attempt = _evaluate(owner, item)
    except LoopcoachError as exc:  # bad input found by the judge: the submission is answered with the sentence
        repo.fail(item.id, exc.message)
        return
    except Exception as exc:
        if item.tries >= MAX_TRIES:
            repo.fail(item.id, f"Judging failed {item.tries} times ({type(exc).__name__}); submit again.")
            return
        raise  # the engine retries it
    repo.finish(item.id, result, attempt)


def _owner_context(base: AppContext, item: WorkItem) -> AppContext | None:
    from loopcoach.services.accounts import accounts

    account = accounts(base).by_id(item.user_id)
    return None if account is None else base.as_account(account)


def _evaluate(ctx: AppContext, item: WorkItem) -> tuple[dict[str, Any], dict[str, Any] | None]:
    from loopcoach.services import coding

    p = item.payload
    if item.kind == RUN:
        return coding.run_custom(ctx, str(p["problem_id"]), str(p["source"]), str(p["input"])), None
    if item.kind != SUBMISSION:
        raise NotFoundError(f"This worker does not know work of kind '{item.kind}'.")
    return coding.evaluate(ctx, str(p["problem_id"]), str(p["source"]), claimed_time=str(p["claimed_time"]),
                           claimed_space=str(p["claimed_space"]), approach=str(p["approach"]),
                           started_at=p.get("started_at"), via=str(p.get("via", "web")))


def requeue_orphans(base: AppContext) -> int:
    """Defer again the items whose web process died between storing and deferring them; returns how many."""
    repo = work_store(base)
    cutoff = (datetime.now(UTC) - ORPHAN_AFTER).isoformat(timespec="microseconds")
    orphans = repo.orphans(cutoff)
    for work_id in orphans:
        repo.set_job(work_id, queue(base).defer(work_id))
    return len(orphans)


def counts(ctx: AppContext) -> dict[str, int]:
    """Work items per state, for the worker's log and the load benchmark."""
    return work_store(ctx).counts()
