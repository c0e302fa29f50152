"""``loopcoach doctor``: what is installed, where the data lives, and what is missing."""

from __future__ import annotations

import importlib.util
from typing import Any

from rich.console import Console

from loopcoach.cli.common import JsonOption, run_command
from loopcoach.services.context import AppContext


def command(json_output: JsonOption = False) -> None:
    """Print the data folder, database, model and content status, and what is missing."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.doctor import diagnose

        return diagnose(ctx), render

    run_command(work, json_output)


def render(console: Console, report: dict[str, Any]) -> None:
    """The doctor report as a short table of checks."""
    console.print(f"[bold]loopcoach {report['version']}[/bold]")
    for check in report["checks"]:
        mark = "[green]ok[/green]  " if check["ok"] else "[red]FAIL[/red]"
        console.print(f"{mark} {check['name']:<10} {check['detail']}")
    if report["missing"]:
        console.print("\n[bold]Missing:[/bold]")
        for item in report["missing"]:
            console.print(f"  - {item}", markup=False, highlight=False)
    else:
        console.print("\nEverything loopcoach needs is in place.")


def available(module: str) -> bool:
    """Whether a module can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None
