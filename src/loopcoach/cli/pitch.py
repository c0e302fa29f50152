"""``loopcoach pitch``: check the 2-minute project summary for the recruiter screen."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext

app = typer.Typer(help="Recruiter screen: the 2-minute summary of your best project.", no_args_is_help=True)


def render_pitch(console: Console, r: dict[str, Any]) -> None:
    """Print the pitch figures, what it covers and the feedback."""
    fits = "[green]within two minutes[/green]" if r["within_two_minutes"] else "[red]over two minutes[/red]"
    console.print(f"{r['words']} words, about {r['speaking_seconds']:.0f} s spoken: {fits}")
    for key in ("project", "own_contribution", "outcome", "metric"):
        ok = r["covers"][key]
        mark = "[green]yes[/green]" if ok else "[red]missing[/red]"
        console.print(f"  {key.replace('_', ' '):<17} {mark}")
    console.print(f"[bold]Score: {r['score']}/100[/bold]")
    if "delivery" in r:
        from loopcoach.cli.speech import render_delivery

        render_delivery(console, r["delivery"])
    for line in r["feedback"]:
        console.print(f" - {line}")


@app.command("check")
def check(path: Annotated[str | None, typer.Argument(help="PITCH.txt, or - for standard input.")] = None,
          audio: Annotated[str | None, typer.Option("--audio", help="Check a spoken pitch: PITCH.wav (or "
                                                    ".mp3, .m4a, .webm, .ogg).")] = None,
          json_output: JsonOption = False) -> None:
    """Length against two minutes; project, own contribution, outcome, metric; score and feedback."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.pitch import check_pitch

        if audio is not None:
            from loopcoach.cli.speech import check_spoken_pitch

            return check_spoken_pitch(ctx, audio, path), render_pitch
        if path is None:
            raise BadInputError("Give the pitch: PITCH.txt, - for standard input, or --audio PITCH.wav.")
        return check_pitch(ctx, read_text_arg(path)), render_pitch

    run_command(work, json_output)
