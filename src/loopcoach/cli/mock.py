"""``loopcoach mock``: timed mock loops (recruiter screen, phone screen, on-site) from the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="Mock interview loops: recruiter screen, phone screen, on-site.", no_args_is_help=True)


@app.command("start")
def start_cmd(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="recruiter_screen, phone_screen or onsite.")],
    mix: Annotated[str | None, typer.Option(help="On-site interviews, e.g. coding,theory,design,behavioral.")
                   ] = None,
    minutes: Annotated[int, typer.Option(help="Minutes per on-site interview (20-60).")] = 45,
    break_minutes: Annotated[int, typer.Option("--break", help="Minutes of break between interviews.")] = 10,
    seed: Annotated[int | None, typer.Option(help="Seed of the item choice (reproducible).")] = None,
    json_output: JsonOption = False,
) -> None:
    """Start a loop; its first interview's clock starts now."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import loop

        chosen = [m.strip() for m in mix.split(",") if m.strip()] if mix else None
        return loop.start(ctx, fmt.replace("-", "_"), chosen, minutes, break_minutes, seed), _render_state

    run_command(work, json_output)


@app.command("list")
def list_cmd(json_output: JsonOption = False) -> None:
    """List your loops, most recent first."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import loop

        return {"loops": loop.list_loops(ctx)}, _render_list

    run_command(work, json_output)


@app.command("show")
def show_cmd(loop_id: int, json_output: JsonOption = False) -> None:
    """Show a loop: the current interview, its questions and the time left."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import loop

        return loop.view(ctx, loop_id), _render_state

    run_command(work, json_output)


@app.command("answer")
def answer_cmd(
    loop_id: int,
    item: Annotated[int, typer.Argument(help="Question number in the current interview (1, 2, ...).")],
    path: Annotated[str, typer.Argument(help="File with your answer ('-' for stdin).")],
    field: Annotated[str, typer.Option(help="answer, claimed_time or approach (coding).")] = "answer",
    json_output: JsonOption = False,
) -> None:
    """Save an answer to a question of the current interview."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import loop

        text = read_text_arg(path)
        return loop.save_answer(ctx, loop_id, item - 1, field, text), _render_saved

    run_command(work, json_output)


def _action(name: str, help_text: str) -> None:
    def command(loop_id: int, json_output: JsonOption = False) -> None:
        def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
            from loopcoach.services import loop

            actions = {"submit": loop.submit, "pause": loop.pause, "resume": loop.resume,
                       "next": loop.next_interview}
            return actions[name](ctx, loop_id), _render_state

        run_command(work, json_output)

    command.__doc__ = help_text
    app.command(name)(command)


_action("submit", "Finish the current interview: grade it and print its scorecard.")
_action("pause", "Stop the clock of the current interview.")
_action("resume", "Restart the clock where it stopped.")
_action("next", "End the break and start the next interview.")


@app.command("report")
def report_cmd(
    loop_id: int,
    html: Annotated[str | None, typer.Option("--html", help="Also save the report as a self-contained HTML file.")
                    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Print a finished loop's report (strengths, gaps, next session), optionally as HTML."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.errors import BadInputError
        from loopcoach.services import loop
        from loopcoach.web.routes.loop import report_html

        result = dict(loop.report(ctx, loop_id))
        if html:
            try:
                Path(html).write_text(report_html(result, loop.get(ctx, loop_id).created_at[:10]), "utf-8")
            except OSError as exc:
                raise BadInputError(f"{html} cannot be written: {exc.strerror}.") from None
            result["html_path"] = html
        return result, _render_report

    run_command(work, json_output)


def _render_saved(console: Console, result: dict[str, Any]) -> None:
    console.print(f"Saved {result['field']} of question {result['item'] + 1} ({result['chars']} characters).")


def _render_list(console: Console, result: dict[str, Any]) -> None:
    if not result["loops"]:
        console.print("No mock loops yet. Start one: loopcoach mock start phone_screen")
    for row in result["loops"]:
        console.print(f"#{row['id']}  {row['title']}  {row['status']}  {row['decision'] or ''}")


def _render_card(console: Console, card: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(card['title'])}: {card['signal_label']}[/bold] (average {card['average']}/4)")
    for r in card["ratings"]:
        console.print(f"  {r['label']}: {r['rating']}/4 - " + escape(" ".join(r["evidence"])))


def _render_state(console: Console, s: dict[str, Any]) -> None:
    console.print(f"[bold]Loop #{s['id']}: {escape(s['title'])}[/bold] ({s['status']})")
    for iv in s["interviews"]:
        if iv.get("scorecard"):
            _render_card(console, iv["scorecard"])
    if s["phase"] == "done":
        console.print(f"Decision: {s['report']['decision_label']}. Run 'loopcoach mock report {s['id']}'.")
        return
    iv = s["interviews"][s["current"]]
    if s["phase"] == "break":
        console.print(f"Break. Next: {iv['title']}. Run 'loopcoach mock next {s['id']}' to start it.")
        return
    mins, secs = divmod(abs(int(s["remaining_s"])), 60)
    left = f"{mins:02d}:{secs:02d}" + (" over" if s["remaining_s"] < 0 else " left")
    console.print(f"Interview {s['current'] + 1} of {len(s['interviews'])}: {iv['title']} ({left})")
    for n, item in enumerate(iv["items"], 1):
        console.print(f"  {n}. {escape(item['title'])} [{item['item_id']}]")
    console.print(f"Answer with 'loopcoach mock answer {s['id']} N FILE', then 'loopcoach mock submit {s['id']}'.")


def _render_report(console: Console, r: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(r['format'])}: {r['decision_label']}[/bold]")
    for card in r["interviews"]:
        _render_card(console, card)
    if r["strengths"]:
        console.print("Strengths: " + escape("; ".join(r["strengths"])))
    for g in r["gaps"][:5]:
        console.print(f"Gap: {escape(g['interview'])} / {g['label']} ({g['rating']}/4)")
    for n in r["next_session"]:
        console.print(f"Next: {n['area']} / {n['dimension']}: {n['drill']} {', '.join(n['items'])}")
    if r.get("html_path"):
        console.print(f"Saved the HTML report to {r['html_path']}.")
