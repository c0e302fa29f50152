"""``loopcoach apps``: track job applications through the hiring stages."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="Track applications: company, role, stage, dates, contacts, notes.", no_args_is_help=True)


@app.command("add")
def add_cmd(
    company: str,
    role: str,
    stage: Annotated[str, typer.Option(help="applied, recruiter_screen, phone_screen, onsite, offer, "
                                            "rejected or withdrawn.")] = "applied",
    applied_on: Annotated[str | None, typer.Option("--applied-on", help="YYYY-MM-DD (default today).")] = None,
    job: Annotated[str | None, typer.Option("--job", help="File with the job description ('-' for stdin).")] = None,
    contact: Annotated[list[str] | None, typer.Option("--contact", help="'Name <email>, role' (repeatable).")
                       ] = None,
    notes: Annotated[str, typer.Option(help="Free notes.")] = "",
    next_action: Annotated[str, typer.Option("--next", help="The next thing to do.")] = "",
    next_on: Annotated[str | None, typer.Option("--next-on", help="When, YYYY-MM-DD.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Add an application."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import tracker

        description = read_text_arg(job) if job else ""
        result = tracker.add(ctx, company, role, stage, applied_on, description, "\n".join(contact or []),
                             notes, next_action, next_on)
        return {"application": result}, _render_one

    run_command(work, json_output)


@app.command("list")
def list_cmd(
    stage: Annotated[str | None, typer.Option(help="Only this stage.")] = None,
    json_output: JsonOption = False,
) -> None:
    """List applications, most recently updated first."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import tracker

        return {"applications": tracker.list_all(ctx, stage)}, _render_list

    run_command(work, json_output)


@app.command("move")
def move_cmd(app_id: int, stage: str, json_output: JsonOption = False) -> None:
    """Move an application to a stage."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import tracker

        return {"application": tracker.move(ctx, app_id, stage)}, _render_one

    run_command(work, json_output)


@app.command("show")
def show_cmd(app_id: int, json_output: JsonOption = False) -> None:
    """Show an application with its contacts, notes, next action and stage history."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import tracker

        return {"application": tracker.show(ctx, app_id)}, _render_one

    run_command(work, json_output)


def _render_list(console: Console, result: dict[str, Any]) -> None:
    apps = result["applications"]
    if not apps:
        console.print("No applications yet. Add one with: loopcoach apps add COMPANY ROLE")
        return
    table = Table("id", "company", "role", "stage", "applied", "next action")
    for a in apps:
        nxt = a["next_action"] + (f" ({a['next_action_on']})" if a["next_action_on"] else "")
        table.add_row(str(a["id"]), a["company"], a["role"], a["stage_label"], a["applied_on"] or "", nxt)
    console.print(table)


def _render_one(console: Console, result: dict[str, Any]) -> None:
    a = result["application"]
    console.print(f"[bold]#{a['id']} {escape(a['company'])}[/bold] · {escape(a['role'])} · {a['stage_label']}")
    console.print(f"Applied on: {a['applied_on'] or '-'}")
    if a["next_action"]:
        console.print(f"Next: {a['next_action']}" + (f" by {a['next_action_on']}" if a["next_action_on"] else ""))
    for c in a["contacts"]:
        console.print(f"Contact: {c['name']} {c['email']} {c['role']}".rstrip())
    if a["notes"]:
        console.print(f"Notes: {a['notes']}")
    for h in a.get("history", []):
        console.print(f"Moved {h.get('from')} -> {h.get('stage')} on {str(h.get('on', ''))[:10]}")
    if a["job_description"]:
        console.print(f"Job description: {len(a['job_description'].split())} words attached.")
