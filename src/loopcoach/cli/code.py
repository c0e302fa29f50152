"""``loopcoach code``: list, show, run, judge and estimate the complexity of coding solutions."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, decode_text, read_bytes_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="Coding interview: LeetCode-style problems, a sandboxed judge, complexity.",
                  no_args_is_help=True)

MAX_BYTES = 64 * 1024


def _read_solution(path: str) -> str:
    from loopcoach.errors import TooLargeError
    from loopcoach.services.coding import check_source

    data, name = read_bytes_arg(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise TooLargeError(f"{name} is larger than 64 KB; a solution must be smaller.")
    text = decode_text(data, name, MAX_BYTES)
    return check_source(text, name)


@app.command("list")
def list_cmd(
    topic: Annotated[str | None, typer.Option(help="Only this topic, e.g. graphs.")] = None,
    difficulty: Annotated[str | None, typer.Option(help="easy, medium or hard.")] = None,
    json_output: JsonOption = False,
) -> None:
    """List the problems (id, title, difficulty, topics)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.coding import list_problems

        result = list_problems(ctx)
        result["problems"] = [p for p in result["problems"]
                              if (topic is None or topic in p["topics"])
                              and (difficulty is None or p["difficulty"] == difficulty)]
        return result, _render_list

    run_command(work, json_output)


@app.command("show")
def show(problem_id: str, json_output: JsonOption = False) -> None:
    """Show a problem's statement, examples, constraints and starter code."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.coding import get_problem

        p = get_problem(ctx, problem_id)
        result = {"id": p.id, "title": p.title, "difficulty": p.difficulty, "topics": list(p.topics),
                  "statement": p.statement, "examples": [e.model_dump() for e in p.examples],
                  "constraints": p.constraints, "starter_code": p.starter_code,
                  "hints": len(p.hints)}
        return result, _render_show

    run_command(work, json_output)


@app.command("run")
def run(
    problem_id: str,
    solution: Annotated[str, typer.Argument(help="SOLUTION.py ('-' for stdin)")],
    input_text: Annotated[str, typer.Option("--input", help="Arguments: JSON object or one value per line.")],
    json_output: JsonOption = False,
) -> None:
    """Run a solution on your own input without judging (shows the reference answer too)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.coding import run_custom

        return run_custom(ctx, problem_id, _read_solution(solution), input_text), _render_run

    run_command(work, json_output)


@app.command("judge")
def judge(
    problem_id: str,
    solution: Annotated[str, typer.Argument(help="SOLUTION.py ('-' for stdin)")],
    json_output: JsonOption = False,
) -> None:
    """Judge a solution on every hidden test in the sandbox."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.coding import submit

        result = submit(ctx, problem_id, _read_solution(solution), via="cli", estimate_time=False)
        return result, _render_judge

    run_command(work, json_output)


@app.command("complexity")
def complexity(
    problem_id: str,
    solution: Annotated[str, typer.Argument(help="SOLUTION.py ('-' for stdin)")],
    json_output: JsonOption = False,
) -> None:
    """Estimate the time complexity of a solution by running it on growing inputs."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.coding import complexity as estimate

        return estimate(ctx, problem_id, _read_solution(solution)), _render_complexity

    run_command(work, json_output)


@app.command("sandbox")
def sandbox(json_output: JsonOption = False) -> None:
    """Report which sandbox isolation layers work on this machine."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.coding import sandbox_report

        return sandbox_report(), _render_sandbox

    run_command(work, json_output)


def _render_list(console: Console, result: dict[str, Any]) -> None:
    for p in result["problems"]:
        console.print(f"{p['id']:<50} {p['difficulty']:<7} {', '.join(p['topics'])}")
    console.print(f"{len(result['problems'])} problems")


def _render_show(console: Console, r: dict[str, Any]) -> None:
    console.print(f"[bold]{r['title']}[/bold] ({r['difficulty']}; {', '.join(r['topics'])})")
    console.print(r["statement"], markup=False)
    for e in r["examples"]:
        console.print(f"Input: {e['input']}\nOutput: {e['output']}", markup=False)
    console.print("\n".join(r["constraints"]), markup=False)
    console.print(r["starter_code"], markup=False)


def _render_run(console: Console, r: dict[str, Any]) -> None:
    console.print(f"Input: {r['input']}", markup=False)
    if r.get("error"):
        console.print(f"{r['status']}: {r['error']}", markup=False)
    else:
        console.print(f"Output: {r['output']}", markup=False)
    console.print(f"Reference: {r.get('expected')}", markup=False)
    if r.get("stdout"):
        console.print("stdout:\n" + r["stdout"], markup=False)


def _render_judge(console: Console, r: dict[str, Any]) -> None:
    console.print(f"{r['verdict']}  {r['passed']}/{r['total']} tests  {r['time_ms']} ms CPU  "
                  f"{r['memory_kb']} KB", markup=False)
    console.print(r["message"], markup=False)


def _render_complexity(console: Console, r: dict[str, Any]) -> None:
    console.print(f"Measured time: {r['time']} (confidence {r['confidence']}); optimal: {r['expected']}",
                  markup=False)


def _render_sandbox(console: Console, r: dict[str, Any]) -> None:
    console.print(("OK: " if r["ok"] else "WARNING: ") + r["detail"], markup=False)
