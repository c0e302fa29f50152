"""``loopcoach plan``: the marathon plan up to the interview, and its iCalendar export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="A day-by-day plan to the interview, weighted by your weak spots.", no_args_is_help=True)


@app.command("make")
def make(
    date: Annotated[str, typer.Option("--date", help="Interview date, YYYY-MM-DD.")],
    hours: Annotated[float, typer.Option("--hours", help="Hours of practice per week.")],
    days: Annotated[int, typer.Option("--days", help="Study days per week (1-7).")] = 6,
    json_output: JsonOption = False,
) -> None:
    """Save the interview date and weekly hours, and print the plan."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import plan

        return plan.save_settings(ctx, date, hours, days), _render

    run_command(work, json_output)


@app.command("show")
def show(json_output: JsonOption = False) -> None:
    """Print the plan, recomputed from your latest results."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import plan

        return plan.current(ctx), _render

    run_command(work, json_output)


@app.command("ical")
def ical(out: Annotated[str, typer.Argument(help="File to write (.ics), or '-' for standard output.")],
         json_output: JsonOption = False) -> None:
    """Export the plan as an iCalendar file for your calendar app."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.errors import BadInputError
        from loopcoach.services import plan

        text = plan.ical(ctx)
        if out == "-":
            if json_output:
                return {"path": None, "events": text.count("BEGIN:VEVENT"), "ical": text}, _render_ical
            sys.stdout.write(text)
            return {}, lambda console, result: None
        try:
            Path(out).write_bytes(text.encode("utf-8"))
        except OSError as exc:
            raise BadInputError(f"{out} cannot be written: {exc.strerror}.") from None
        return {"path": out, "events": text.count("BEGIN:VEVENT")}, _render_ical

    run_command(work, json_output)


def _render_ical(console: Console, result: dict[str, Any]) -> None:
    console.print(f"Wrote {result['events']} events to {result['path']}.")


def _render(console: Console, result: dict[str, Any]) -> None:
    console.print(f"Interview on {result['interview']} ({result['days_left']} days), "
                  f"{result['hours_per_week']:g} h/week.")
    shares = ", ".join(f"{area} {round(share * 100)}%" for area, share in result["shares"].items())
    console.print(f"Time by area: {shares}")
    for change in result.get("changes", []):
        console.print(f"Changed: {change}")
    for day in result["days"]:
        if day["rest"]:
            console.print(f"{day['date']}  rest")
            continue
        items = "; ".join(f"{s['label']} {s['minutes']}m" + (f" ({', '.join(s['focus'])})" if s["focus"] else "")
                          for s in day["sessions"])
        console.print(f"{day['date']}  {items}", markup=False)
