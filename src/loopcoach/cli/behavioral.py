"""``loopcoach behavioral``: the question bank, timed practice, and which story answers which question."""

from __future__ import annotations

import sys
import time
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from loopcoach.cli.common import JsonOption, decode_text, read_text_arg, run_command, stderr_console
from loopcoach.cli.story import render_analysis
from loopcoach.errors import EmptyInputError
from loopcoach.services.context import AppContext

app = typer.Typer(help="Behavioral interview: questions by competency, timed practice, story coverage.",
                  no_args_is_help=True)
MAX_ANSWER_BYTES = 64 * 1024


def _render_list(console: Console, r: dict[str, Any]) -> None:
    table = Table("id", "competency", "question")
    for q in r["questions"]:
        table.add_row(q["id"], q["competency"], q["text"])
    console.print(table)


def _render_practice(console: Console, r: dict[str, Any]) -> None:
    console.print(f"[bold]{r['question']['text']}[/bold]")
    if r["seconds"] is not None:
        console.print(f"You took {r['seconds']:.0f} s to write it.")
    render_analysis(console, r["analysis"])
    console.print("\nThe interviewer listens for:")
    for item in r["question"]["listens_for"]:
        console.print(f" - {item}")
    if r["story"]:
        console.print(f"\nSaved as version {r['story']['versions']} of story {r['story']['id']} "
                      f"({r['story']['title']}).")


def _render_coverage(console: Console, r: dict[str, Any]) -> None:
    if not r["stories"]:
        console.print("No stories yet: add 3-5 with 'loopcoach story add TITLE STORY.txt'.")
    for s in r["stories"]:
        console.print(f"[bold]{s['id']}. {s['title']}[/bold] ({', '.join(s['competencies']) or 'no competency'}): "
                      f"answers {len(s['questions'])} questions")
    names = r["competency_names"]
    if r["uncovered_competencies"]:
        console.print("No story yet for: " + ", ".join(names[c] for c in r["uncovered_competencies"]))


@app.command("list")
def list_cmd(competency: Annotated[str | None, typer.Option(help="Only this competency, e.g. conflict.")] = None,
             json_output: JsonOption = False) -> None:
    """The behavioral questions (id, text, competency)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import list_questions

        return list_questions(ctx, competency), _render_list

    run_command(work, json_output)


@app.command("coverage")
def coverage_cmd(json_output: JsonOption = False) -> None:
    """Which questions each story can answer, and competencies with no story."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import coverage

        return coverage(ctx), _render_coverage

    run_command(work, json_output)


def _read_timed_answer() -> tuple[str, float]:
    """Read an answer from stdin until a lone '.' line or end of input; returns (text, seconds)."""
    start = time.monotonic()
    lines: list[str] = []
    for line in sys.stdin:
        if line.strip() == ".":
            break
        lines.append(line)
        if sum(len(x) for x in lines) > MAX_ANSWER_BYTES:
            break
    return "".join(lines), time.monotonic() - start


@app.command("practice")
def practice(
    question_id: Annotated[str | None, typer.Argument(help="A question id; a random question when left out.")]
    = None,
    competency: Annotated[str | None, typer.Option(help="Pick the random question from this competency.")] = None,
    answer: Annotated[str | None, typer.Option(help="Read the answer from this file instead of typing it.")]
    = None,
    story: Annotated[int | None, typer.Option(help="Save the answer as the next version of this story.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Answer a question against the clock; the answer is analysed as a STAR story and stored."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import pick_question, submit_practice

        question = pick_question(ctx, question_id, competency)
        if story is not None:
            ctx.store.get_story(story)  # an unknown story is reported before the answer is typed
        if answer is not None:
            text, seconds = read_text_arg(answer, MAX_ANSWER_BYTES), None
        else:
            err = stderr_console()
            err.print(f"[bold]{question.text}[/bold]  ({question.competency})")
            err.print("Aim for 1.5-3 minutes spoken. Type your answer; finish with a line holding only '.'. "
                      "The clock is running.")
            raw, seconds = _read_timed_answer()
            if not raw.strip():
                raise EmptyInputError("The answer is empty: nothing was typed before the end.")
            text = decode_text(raw.encode("utf-8"), "The answer", MAX_ANSWER_BYTES)
        return submit_practice(ctx, question.id, text, seconds, story), _render_practice

    run_command(work, json_output)
