"""``loopcoach interview``: answer a question, then follow-ups one at a time, graded by loopcoach's grader.

The interviewer asks; the grader judges. Texts are read from standard input,
each ended by a line holding only ``.`` (or the end of input); an empty
reply ends the interview. With ``--json`` the conversation goes to stderr
and one JSON object (every turn and the final grade) to stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_text_arg, run_command, stderr_console, stdout_console
from loopcoach.errors import BadInputError, EmptyInputError
from loopcoach.services.context import AppContext

MAX_BYTES = 64 * 1024


def _texts() -> Iterator[str]:
    """Texts from stdin, each ended by a lone '.' line; the last may end at end of input."""
    lines: list[str] = []
    for line in sys.stdin:
        if line.strip() == ".":
            yield "\n".join(lines).strip()
            lines = []
        else:
            lines.append(line.rstrip("\n"))
    if any(line.strip() for line in lines):
        yield "\n".join(lines).strip()


def _say_turn(console: Console, turn: dict[str, Any], n: int) -> None:
    who = f"model ({turn['model']})" if turn["source"] == "model" else "rules"
    console.print(f"\n[bold]Follow-up {n}[/bold] [dim](from the {who}; {turn['reason']})[/dim]", highlight=False)
    if turn.get("note"):
        console.print(f"[yellow]{turn['note']}[/yellow]", highlight=False, markup=False)
    console.print(turn["question"], markup=False, highlight=False)


def command(
    area: Annotated[str, typer.Option(help="theory or design.")] = "theory",
    item: Annotated[str | None, typer.Option("--question", help="Theory question id or design prompt id "
                                             "(theory default: your next due card).")] = None,
    answer_file: Annotated[str | None, typer.Option("--answer", help="Read the first answer from this file "
                                                    "('-' for stdin) instead of the conversation.")] = None,
    turns: Annotated[int, typer.Option(help="Follow-ups to ask at most.", min=1, max=8)] = 3,
    json_output: JsonOption = False,
) -> None:
    """A conversational follow-up interview: the grader judges, the interviewer only asks."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        if area not in ("theory", "design"):
            raise BadInputError(f"--area must be theory or design, not {area!r}.")
        ctx.embedder.preload()
        from loopcoach.services import design, interview, theory

        console = stderr_console() if json_output else stdout_console()
        item_id: str | None
        if area == "theory":
            item_id = item or theory.next_question(ctx)["question_id"]
            if item_id is None:
                raise BadInputError("No theory card is due; pick one with --question ID (loopcoach theory list).")
            title = theory.get_question(ctx, item_id).title
        else:
            item_id = item
            if item_id is None:
                raise BadInputError("Choose a design prompt with --question ID (loopcoach design list).")
            title = design.get_prompt(ctx, item_id).title
        texts = _texts()
        console.print(f"[bold]{title}[/bold]", highlight=False)
        if answer_file is not None:
            first = read_text_arg(answer_file, MAX_BYTES)
        else:
            console.print("[dim]Answer; end with a line holding only '.'.[/dim]")
            first = next(texts, "")
        if not first.strip():
            raise EmptyInputError("The answer is empty; write a few sentences before the interview goes on.")
        replies: list[dict[str, str]] = []
        log: list[dict[str, Any]] = []
        while True:
            out = (interview.theory_turn(ctx, item_id, first, replies, save=True) if area == "theory"
                   else interview.design_turn(ctx, item_id, first, replies))
            if out.get("newly_covered"):
                console.print("[green]Now covered:[/green] " + "; ".join(out["newly_covered"]), highlight=False)
            turn = out["turn"]
            if turn is None or len(replies) >= turns:
                break
            _say_turn(console, turn, len(replies) + 1)
            reply = next(texts, "")
            log.append({**turn, "answer": reply})
            if not reply.strip():
                log[-1]["answer"] = None
                break
            replies.append({"question": turn["question"], "target": turn["target"], "answer": reply})
        out["conversation"] = log
        return out, render

    run_command(work, json_output)


def render(console: Console, out: dict[str, Any]) -> None:
    """The grade after the conversation, and how to turn a model on."""
    console.print(f"\n[bold]Score after {out['turns']} follow-up(s): {out['score']}/100[/bold] "
                  "[dim](loopcoach's grader; the interviewer never grades)[/dim]")
    for text in out.get("missing", [])[:3]:
        console.print(f"  still missing: {text}", markup=False, highlight=False)
    if not out["model"]["on"]:
        console.print(f"[dim]{out['model']['hint']}[/dim]", highlight=False)
