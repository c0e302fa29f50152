"""``loopcoach theory``: ML theory questions, the rubric grader, FSRS drills, "go deep" on a project."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext

app = typer.Typer(help="ML theory interview: questions, a rubric grader, spaced-repetition drills.",
                  no_args_is_help=True)

MAX_ANSWER_BYTES = 64 * 1024


@app.command("list")
def list_cmd(
    topic: Annotated[str | None, typer.Option(help="Only this topic, e.g. transformers.")] = None,
    difficulty: Annotated[str | None, typer.Option(help="easy, medium or hard.")] = None,
    json_output: JsonOption = False,
) -> None:
    """List the questions (id, title, topic, difficulty)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.theory import list_questions

        return list_questions(ctx, topic, difficulty), render_list

    run_command(work, json_output)


@app.command("show")
def show(
    question_id: str,
    answer: Annotated[bool, typer.Option("--answer", help="Also show the rubric and the model answer.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Show a question (with --answer: its key points, model answer and follow-ups)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.theory import get_question, question_payload

        payload = question_payload(get_question(ctx, question_id))
        if not answer:
            payload = {k: payload[k] for k in ("id", "title", "topic", "difficulty", "concepts")}
        return payload, render_show

    run_command(work, json_output)


@app.command("grade")
def grade(
    args: Annotated[list[str], typer.Argument(help="QUESTION_ID ANSWER.txt, or only ANSWER.txt with --reference.",
                                              show_default=False)],
    reference: Annotated[str | None, typer.Option("--reference", help="Grade against your own REFERENCE.txt.")]
    = None,
    json_output: JsonOption = False,
) -> None:
    """Grade an answer: key points covered (with evidence), wrong claims, score and next step."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        ctx.embedder.preload()  # loads while the grader, the bank and the store are imported
        from loopcoach.services import theory

        if reference is not None:
            if len(args) != 1:
                raise BadInputError("With --reference give only the answer file: theory grade --reference REF ANSWER.")
            ref_text = read_text_arg(reference, MAX_ANSWER_BYTES)
            return theory.grade_reference(ctx, ref_text, read_text_arg(args[0], MAX_ANSWER_BYTES)), render_grade
        if len(args) != 2:
            raise BadInputError("Give a question id and an answer file: theory grade QUESTION_ID ANSWER.txt.")
        theory.get_question(ctx, args[0])  # an unknown id is reported before reading the answer
        out, _ = theory.grade(ctx, args[0], read_text_arg(args[1], MAX_ANSWER_BYTES))
        return out, render_grade

    run_command(work, json_output)


@app.command("stats")
def stats(json_output: JsonOption = False) -> None:
    """Practice statistics: reviews, retention, streak, due cards, mastery per topic."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.theory import stats as compute

        return compute(ctx), render_stats

    run_command(work, json_output)


@app.command("review")
def review_cmd(
    question_id: str,
    rating: Annotated[str, typer.Option(help="again, hard, good or easy (or 1-4).")],
    json_output: JsonOption = False,
) -> None:
    """Record a review of a question with a rating of your choice (FSRS schedules the next one)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.theory import schedule

        result = schedule(ctx, question_id, 0, rating)
        return result, lambda console, r: console.print(f"Next review of {r['question_id']} {r['in_words']}.")

    run_command(work, json_output)


def _read_answer(console: Console, use_editor: bool, title: str) -> str:
    """The user's answer: from $EDITOR when asked (and a terminal), else stdin until a lone '.' or EOF."""
    if use_editor and sys.stdin.isatty() and os.environ.get("EDITOR"):
        import click

        text = click.edit(f"\n\n# {title}\n# Write your answer above. Lines starting with # are ignored.\n") or ""
        return "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    console.print("[dim]Type your answer; finish with a line holding only '.' (or end of input).[/dim]")
    lines: list[str] = []
    for line in sys.stdin:
        if line.strip() == ".":
            break
        lines.append(line.rstrip("\n"))
    return "\n".join(lines)


@app.command("drill")
def drill(
    count: Annotated[int, typer.Option(help="How many questions this session.", min=1, max=50)] = 3,
    new_per_day: Annotated[int, typer.Option(help="New questions allowed per day.", min=0, max=200)] = 10,
    editor: Annotated[bool, typer.Option("--editor/--no-editor", help="Write answers in $EDITOR.")] = True,
    rating: Annotated[str | None, typer.Option(help="Override the rating of every answer (again..easy).")] = None,
    only: Annotated[list[str] | None, typer.Option("--question", help="Drill only these question ids.")] = None,
) -> None:
    """Practise due questions: answer, get graded feedback and the model answer, schedule the next review."""
    run_drill(count=count, new_per_day=new_per_day, read=lambda c, t: _read_answer(c, editor, t),
              rating=rating, only=only)


@app.command("deep")
def deep(
    project: Annotated[str, typer.Argument(help="PROJECT.txt or README.md ('-' for stdin)")],
    start: Annotated[bool, typer.Option("--drill", help="Start a drill of the questions found.")] = False,
    count: Annotated[int, typer.Option(help="Questions in the drill.", min=1, max=50)] = 5,
    json_output: JsonOption = False,
) -> None:
    """Go deep on your project: the ML concepts it mentions and the questions an interviewer would ask."""
    found: dict[str, Any] = {}

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.theory import deep as find

        found.update(find(ctx, read_text_arg(project)))
        return found, render_deep

    run_command(work, json_output)
    if start and not json_output and found.get("questions"):
        ids = [q["id"] for q in found["questions"]]
        run_drill(count=min(count, len(ids)), new_per_day=len(ids),
                  read=lambda c, t: _read_answer(c, True, t), rating=None, only=ids)


# -- rendering ---------------------------------------------------------------------------------

def render_list(console: Console, result: dict[str, Any]) -> None:
    """The question table."""
    from rich.table import Table

    table = Table("id", "topic", "difficulty", "question")
    for q in result["questions"]:
        table.add_row(q["id"], q["topic"], q["difficulty"], q["title"])
    console.print(table)
    console.print(f"{len(result['questions'])} questions. Practise with: loopcoach theory drill")


def render_show(console: Console, q: dict[str, Any]) -> None:
    """A question, and with --answer its rubric and model answer."""
    console.print(f"[bold]{q['title']}[/bold]  [dim]{q['topic']} · {q['difficulty']}[/dim]")
    if "key_points" in q:
        console.print("\n[bold]Key points[/bold]")
        for p in q["key_points"]:
            console.print(f"  • {p}", markup=False)
        _model_answer(console, q)


def _model_answer(console: Console, q: dict[str, Any]) -> None:
    m = q["model_answer"]
    console.print("\n[bold]Model answer[/bold]")
    console.print(m["answer"].strip(), markup=False)
    console.print(f"\n[bold]Intuition[/bold] {m['intuition']}", highlight=False)
    console.print(f"[bold]Example[/bold] {m['example']}", highlight=False)


def render_grade(console: Console, r: dict[str, Any]) -> None:
    """Score, covered and missing points with evidence, wrong claims, next step."""
    colour = "green" if r["score"] >= 60 else "yellow" if r["score"] >= 40 else "red"
    console.print(f"[bold {colour}]Score {r['score']}/100[/bold {colour}]")
    for p in r["key_points"]:
        mark = "[green]✓[/green]" if p["covered"] else "[red]✗[/red]"
        console.print(f"{mark} ", end="")
        console.print(p["text"], markup=False)
        if p.get("evidence"):
            console.print(f"    [dim]evidence:[/dim] “{p['evidence']}”", highlight=False)
    for m in r.get("misconceptions", []):
        console.print(f"[red]Wrong claim:[/red] “{m['sentence']}” — {m['correction']}", highlight=False)
    if r.get("buzzwords"):
        console.print("[yellow]Named but not explained:[/yellow] " + ", ".join(r["buzzwords"]))
    if not r.get("has_intuition", True):
        console.print("[yellow]No intuition given.[/yellow]")
    if not r.get("has_example", True):
        console.print("[yellow]No concrete example.[/yellow]")
    if r.get("next_step"):
        console.print(f"[bold]Next step:[/bold] {r['next_step']}", highlight=False)


def render_stats(console: Console, s: dict[str, Any]) -> None:
    """Practice statistics."""
    retention = "-" if s["retention"] is None else f"{s['retention']:.0%}"
    console.print(f"Reviews {s['reviews']} · retention {retention} · streak {s['streak_days']} days · "
                  f"cards {s['cards']} · due now {s['due_now']}")
    for topic, value in s["mastery"].items():
        bar = "█" * round(value * 20)
        console.print(f"  {topic:<24} {bar:<20} {value:.0%}")


def render_deep(console: Console, r: dict[str, Any]) -> None:
    """Concepts found in the project and the questions on them."""
    if not r["questions"]:
        console.print("No ML concept from the question bank was found in this text.")
        return
    console.print("Concepts: " + ", ".join(f"{c} ({n})" for c, n in r["concepts"].items()))
    for q in r["questions"]:
        console.print(f"  {q['id']:<42} {q['title']}  [dim]({', '.join(q['matched'])})[/dim]")
    console.print("Drill them with: loopcoach theory deep FILE --drill")


# -- the interactive drill ---------------------------------------------------------------------

def run_drill(count: int, new_per_day: int, read: Any, rating: str | None, only: list[str] | None) -> None:
    """Ask, read, grade, show feedback and model answer, schedule; a follow-up after a good answer."""
    from loopcoach.cli.common import fail, stderr_console, stdout_console
    from loopcoach.errors import LoopcoachError
    from loopcoach.services import theory

    console = stdout_console()
    ctx = AppContext()
    done: set[str] = set()
    try:
        for number in range(1, count + 1):
            nxt = theory.next_question(ctx, new_per_day=new_per_day, only=only, exclude=done)
            if nxt["question_id"] is None:
                due = f" The next card is due {nxt['due']}." if nxt.get("due") else ""
                console.print(f"Nothing due and no new questions left for today.{due}")
                break
            q = theory.get_question(ctx, nxt["question_id"])
            console.rule(f"{number}/{count} · {q.topic} · {q.difficulty} · {nxt['kind']}")
            console.print(f"[bold]{q.title}[/bold]", highlight=False)
            answer = read(console, q.title)
            if not answer.strip():
                stderr_console().print("Empty answer: skipped and rated Again.")
                theory.schedule(ctx, q.id, 0, "again")
                done.add(q.id)
                continue
            out, _ = theory.grade(ctx, q.id, answer)
            render_grade(console, out)
            _model_answer(console, theory.question_payload(q))
            sched = theory.schedule(ctx, q.id, out["score"], rating)
            names = {1: "again", 2: "hard", 3: "good", 4: "easy"}
            console.print(f"Rated [bold]{names[sched['rating']]}[/bold]; next review {sched['in_words']} "
                          f"({sched['due'][:16]} UTC).")
            done.add(q.id)
            if theory.is_good(out["score"]) and q.follow_ups:
                console.print(f"\n[bold]Follow-up:[/bold] {q.follow_ups[0]}", highlight=False)
                follow = read(console, q.follow_ups[0])
                if follow.strip():
                    ctx.store.add_attempt("theory", q.id, follow, {"follow_up": q.follow_ups[0]}, None,
                                          meta={"mode": "follow_up", "question": q.follow_ups[0]})
                    console.print("Follow-up answer saved; compare it with the model answer above.")
    except LoopcoachError as exc:
        fail(exc, False)
    finally:
        ctx.close()
