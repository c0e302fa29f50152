"""The coding practice pad: problem list with filters and history, problem page with editor,
Run on custom input, Submit (judge + complexity + feedback), hints one at a time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from loopcoach.errors import BadInputError, NotFoundError
from loopcoach.services.context import AppContext
from loopcoach.web.deps import NavItem, get_ctx, render

router = APIRouter()
NAV = NavItem("Coding", "/coding", 30)
TIME_CLASSES = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"]
Text = Annotated[str, Form()]


@router.get("/coding", response_class=HTMLResponse)
def index(request: Request, topic: str = "", difficulty: str = "", status: str = "",
          ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Problem list with topic/difficulty/status filters and the recent attempts."""
    from loopcoach.services import coding

    problems = coding.list_problems(ctx)["problems"]
    states = coding.status_by_problem(ctx)
    topics = sorted({t for p in problems for t in p["topics"]})
    shown = []
    for p in problems:
        state = states.get(p["id"], "new")
        if topic and topic not in p["topics"]:
            continue
        if difficulty and p["difficulty"] != difficulty:
            continue
        if status and state != status:
            continue
        shown.append({**p, "state": state})
    counts = {"solved": sum(1 for s in states.values() if s == "solved"),
              "attempted": sum(1 for s in states.values() if s == "attempted"), "total": len(problems)}
    return render(request, "coding/index.html", {
        "problems": shown, "topics": topics, "topic": topic, "difficulty": difficulty, "status": status,
        "counts": counts, "history": coding.history(ctx, limit=15)})


@router.get("/coding/{problem_id}", response_class=HTMLResponse)
def problem_page(request: Request, problem_id: str, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The problem page: statement, editor, Run, Submit, hints, timer, explain box."""
    from loopcoach.services import coding

    problem = coding.get_problem(ctx, problem_id)
    last = next(iter(ctx.store.list_attempts(area="coding", item_id=problem_id, limit=1)), None)
    code = last.input_text if last is not None else problem.starter_code
    example_input = _example_input(problem)
    return render(request, "coding/problem.html", {
        "p": problem, "code": code, "time_classes": TIME_CLASSES, "example_input": example_input,
        "history": coding.history(ctx, problem_id, limit=10), "hint_count": len(problem.hints)})


def _example_input(problem: Any) -> str:
    """The first shown example that parses as Run input; the first hand test otherwise."""
    from loopcoach.areas.coding.harness import default_run_input

    return default_run_input(problem)


@router.get("/coding/{problem_id}/hints", response_class=HTMLResponse)
def hints(request: Request, problem_id: str, shown: int = 1, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """The first ``shown`` hints and a button for the next one (htmx partial)."""
    from loopcoach.services import coding

    problem = coding.get_problem(ctx, problem_id)
    shown = max(0, min(shown, len(problem.hints)))
    return render(request, "coding/_hints.html", {"p": problem, "hints": problem.hints[:shown],
                                                  "shown": shown, "hint_count": len(problem.hints)})


@router.post("/coding/{problem_id}/run", response_class=HTMLResponse)
async def run(request: Request, problem_id: str, code: Text = "", input: Text = "",
              ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Run the code on the custom input without judging (htmx partial; on a worker in group mode)."""
    from loopcoach.services import coding, work

    if work.queued(ctx):
        try:
            queued = await run_in_threadpool(work.run_custom, ctx, problem_id, code, input)
        except NotFoundError:
            raise
        except BadInputError as exc:
            return render(request, "coding/_message.html", {"message": exc.message}, status_code=200)
        return render(request, "coding/_queued.html", {"w": queued})
    try:
        result = await run_in_threadpool(coding.run_custom, ctx, problem_id, code, input)
    except NotFoundError:
        raise
    except BadInputError as exc:
        return render(request, "coding/_message.html", {"message": exc.message}, status_code=200)
    return render(request, "coding/_run.html", {"r": result})


@router.post("/coding/{problem_id}/submit", response_class=HTMLResponse)
async def submit(request: Request, problem_id: str, code: Text = "", claimed_time: Text = "",
                 claimed_space: Text = "", approach: Text = "", started_at: Text = "",
                 ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """Judge on every test, measure the complexity, compare with the claim, store (htmx partial).

    In group mode on PostgreSQL the submission goes to the task queue and the partial polls its state."""
    from loopcoach.services import coding, work

    if work.queued(ctx):
        try:
            queued = await run_in_threadpool(
                lambda: work.submit(ctx, problem_id, code, claimed_time=claimed_time, claimed_space=claimed_space,
                                    approach=approach, started_at=started_at or None, via="web"))
        except NotFoundError:
            raise
        except BadInputError as exc:
            return render(request, "coding/_message.html", {"message": exc.message}, status_code=200)
        return render(request, "coding/_queued.html", {"w": queued})
    try:
        result = await run_in_threadpool(
            lambda: coding.submit(ctx, problem_id, code, claimed_time=claimed_time,
                                  claimed_space=claimed_space, approach=approach,
                                  started_at=started_at or None, via="web"))
    except NotFoundError:
        raise
    except BadInputError as exc:
        return render(request, "coding/_message.html", {"message": exc.message}, status_code=200)
    problem = coding.get_problem(ctx, problem_id)
    return render(request, "coding/_result.html", {"r": result, "p": problem,
                                                   "attempts": coding.history(ctx, problem_id, limit=10)})


@router.get("/coding/{problem_id}/attempts/{attempt_id}", response_class=HTMLResponse)
def attempt_page(request: Request, problem_id: str, attempt_id: int,
                 ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """One past attempt: the code as submitted, the claims and the stored result."""
    from loopcoach.services import coding

    problem = coding.get_problem(ctx, problem_id)
    attempt = ctx.store.get_attempt(attempt_id)
    if attempt.area != "coding" or attempt.item_id != problem.id:
        raise NotFoundError(f"There is no attempt number {attempt_id} for {problem.title}.")
    return render(request, "coding/attempt.html", {"p": problem, "a": attempt, "r": attempt.result,
                                                   "viewing": True})


@router.get("/coding/work/{work_id}", response_class=HTMLResponse)
def work_state(request: Request, work_id: int, ctx: AppContext = Depends(get_ctx)) -> HTMLResponse:
    """A queued submission: queued / running (the partial polls again), then the judge's result."""
    from loopcoach.services import coding, work

    state = work.view(ctx, work_id)
    if state["status"] == "done" and state["kind"] == work.RUN:
        return render(request, "coding/_run.html", {"r": state["result"]})
    if state["status"] == "done":
        return render(request, "coding/_result.html", {"r": state["result"],
                                                       "p": coding.get_problem(ctx, str(state["problem_id"]))})
    if state["status"] == "failed":
        return render(request, "coding/_message.html", {"message": state["error"]})
    return render(request, "coding/_queued.html", {"w": state})


@router.get("/api/work/{work_id}")
def work_json(work_id: int, ctx: AppContext = Depends(get_ctx)) -> dict[str, Any]:
    """A queued submission's state as JSON (its result once done)."""
    from loopcoach.services import work

    state: dict[str, Any] = work.view(ctx, work_id)
    return state


@router.get("/api/coding/problems")
def api_problems(ctx: AppContext = Depends(get_ctx)) -> JSONResponse:
    """The contract listing as JSON."""
    from loopcoach.services import coding

    return JSONResponse(coding.list_problems(ctx))
