"""``loopcoach users``: accounts of group mode (add, list, disable), run by the server's admin."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from loopcoach.cli.common import JsonOption, run_command
from loopcoach.errors import BinaryInputError, EmptyInputError
from loopcoach.services.context import AppContext

app = typer.Typer(help="Accounts for serving a cohort: add, list, link, disable.", no_args_is_help=True)


@app.command("add")
def add_cmd(
    name: str,
    role: Annotated[str, typer.Option(help="candidate, coach or admin.")] = "candidate",
    cohort: Annotated[str | None, typer.Option(help="The cohort (created when new).")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="Read the password from the first line of stdin.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Add an account; without --password-stdin it prints a one-time sign-up link (valid 7 days)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import accounts

        password = _stdin_password() if password_stdin else None
        return accounts.add_user(ctx, name, role, cohort, password), _render_added

    run_command(work, json_output)


@app.command("list")
def list_cmd(json_output: JsonOption = False) -> None:
    """Every account with its role, cohort and state."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import accounts

        return accounts.list_users(ctx), _render_list

    run_command(work, json_output)


@app.command("link")
def link_cmd(name: str, json_output: JsonOption = False) -> None:
    """Print a new one-time link with which the account sets a (new) password; valid 7 days."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import accounts

        return accounts.new_signup_link(ctx, name), _render_link

    run_command(work, json_output)


@app.command("disable")
def disable_cmd(name: str, json_output: JsonOption = False) -> None:
    """Disable an account: it cannot sign in any more and its open sessions end."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services import accounts

        return accounts.disable_user(ctx, name), _render_disabled

    run_command(work, json_output)


def _stdin_password() -> str:
    """The first line of standard input, as UTF-8 text."""
    raw = sys.stdin.buffer.readline(4096)
    try:
        password = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise BinaryInputError("The password on standard input is not UTF-8 text.") from None
    if not password:
        raise EmptyInputError("No password on standard input.")
    return password


def _render_added(console: Console, result: dict[str, Any]) -> None:
    user = result["user"]
    cohort = f" in cohort {user['cohort']}" if user["cohort"] else ""
    console.print(f"Added {user['name']} ({user['role']}){cohort}.")
    if result["signup_link"]:
        console.print("Send them this one-time sign-up link (valid 7 days):")
        console.print(result["signup_link"], soft_wrap=True)


def _render_link(console: Console, result: dict[str, Any]) -> None:
    console.print(f"Send {result['user']['name']} this one-time link to set a new password (valid 7 days):")
    console.print(result["signup_link"], soft_wrap=True)


def _render_list(console: Console, result: dict[str, Any]) -> None:
    if not result["users"]:
        console.print("No accounts yet. Add the first admin with: loopcoach users add NAME --role admin")
        return
    table = Table("name", "role", "cohort", "state")
    for u in result["users"]:
        state = "disabled" if u["disabled"] else ("active" if u["signed_up"] else "sign-up link sent")
        table.add_row(u["name"], u["role"], u["cohort"] or "", state)
    console.print(table)


def _render_disabled(console: Console, result: dict[str, Any]) -> None:
    console.print(f"Disabled {result['user']['name']}: they are signed out and cannot sign in.")
