"""``loopcoach design``: ML system design prompts, the interviewer, and the seven-step grader."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="ML system design interview: prompts, clarifying questions, grading.", no_args_is_help=True)


@app.command("list")
def list_cmd(json_output: JsonOption = False) -> None:
    """List the design prompts (id, title)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.design import list_prompts

        return list_prompts(ctx), _render_list

    run_command(work, json_output)


@app.command("show")
def show(
    prompt_id: str,
    reveal: Annotated[bool, typer.Option("--reveal", help="Also show the reference outline and pitfalls.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Show a prompt as the interviewer says it (hidden facts stay hidden)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.design import show_prompt

        return show_prompt(ctx, prompt_id, reveal), _render_show

    run_command(work, json_output)


@app.command("ask")
def ask_cmd(prompt_id: str, question: str, json_output: JsonOption = False) -> None:
    """Ask the interviewer a clarifying question about a prompt."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.design import ask

        return ask(ctx, prompt_id, question), _render_ask

    run_command(work, json_output)


@app.command("grade")
def grade_cmd(
    prompt_id: str,
    answer: Annotated[str, typer.Argument(help="ANSWER.md with your design notes ('-' for stdin)")],
    question: Annotated[
        list[str] | None, typer.Option("--question", "-q", help="A clarifying question you asked first (repeat).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Grade design notes along the seven steps (clarify ... deployment and monitoring)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        ctx.embedder.preload()  # loads while the grader, the bank and the store are imported
        from loopcoach.areas.design.grader import AskedQuestion
        from loopcoach.areas.design.interviewer import Interviewer
        from loopcoach.services.design import get_prompt, grade

        prompt = get_prompt(ctx, prompt_id)
        notes = read_text_arg(answer)
        asked: list[AskedQuestion] = []
        if question:
            interviewer = Interviewer(prompt, ctx.embedder)
            for q in question:
                for reply in interviewer.answer(q):
                    asked.append(AskedQuestion(reply.question, reply.intent, 0))
        return grade(ctx, prompt.id, notes, asked), _render_grade

    run_command(work, json_output)


def _render_list(console: Console, result: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="Design prompts")
    for col in ("id", "title", "category", "difficulty"):
        table.add_column(col)
    for p in result["prompts"]:
        table.add_row(p["id"], p["title"], p["category"], p["difficulty"])
    console.print(table)


def _render_show(console: Console, result: dict[str, Any]) -> None:
    console.print(f"[bold]{result['title']}[/bold] ({result['category']}, {result['difficulty']})")
    console.print(result["prompt"])
    console.print(f"You have {result['minutes']} minutes. Ask clarifying questions with "
                  f"'loopcoach design ask {result['id']} \"...\"'.")
    if "reference_outline" in result:
        console.print("\n[bold]Reference outline[/bold]")
        console.print(result["reference_outline"], markup=False)


def _render_ask(console: Console, result: dict[str, Any]) -> None:
    for r in result["replies"]:
        console.print(f"[bold]Interviewer:[/bold] {r['text']}")


def _render_grade(console: Console, result: dict[str, Any]) -> None:
    console.print(f"[bold]{result['title']}[/bold]: {result['score']}/100 ({result['recommendation']})")
    for s in result["steps"]:
        mark = "ok " if s["covered"] else "-- "
        console.print(f" {mark} {s['title']:<34} {round(s['score'] * 100):>3}%")
        for m in s["missing"][:2]:
            console.print(f"       missing: {m}", markup=False)
    console.print("\n[bold]Checks[/bold]")
    for c in result["checks"]:
        console.print(f" {'ok ' if c['passed'] else '-- '} {c['message']}", markup=False)
    console.print("\n[bold]Follow-up questions[/bold]")
    for q in result["follow_ups"]:
        console.print(f" - {q}", markup=False)
    console.print("\n[bold]Rubric[/bold]")
    for r in result["rubric"]:
        console.print(f" {r['title']:<28} {r['level']}")
