"""``loopcoach content validate``: check the bundled banks or a folder of your own items."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, run_command
from loopcoach.errors import ContentError
from loopcoach.services.context import AppContext

app = typer.Typer(help="Check content banks and your own items.", no_args_is_help=True)


@app.command("validate")
def validate(
    path: Annotated[str | None, typer.Argument(help="A folder or file of your own items; default: everything.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Validate every content file; exit code 2 and one sentence per broken file."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.content.loader import validate_tree

        report = validate_tree(Path(path) if path else None, ctx.settings)
        if report.errors:
            first = report.errors[0]
            more = f" ({len(report.errors) - 1} more broken files)" if len(report.errors) > 1 else ""
            raise ContentError(first + more)
        return {"valid": True, "counts": report.counts}, _render

    run_command(work, json_output)


@app.command("banks")
def banks(json_output: JsonOption = False) -> None:
    """List the content banks, their folders and where your overlay items go."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.content.registry import BANKS

        rows = [{"name": s.name, "folder": s.folder, "overlay": str(ctx.settings.content_dir / s.folder)}
                for s in BANKS.values()]
        return {"banks": rows}, _render_banks

    run_command(work, json_output)


def _render(console: Console, result: dict[str, Any]) -> None:
    counts = result["counts"]
    total = sum(counts.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    console.print(f"All {total} content files are valid ({detail}).")


def _render_banks(console: Console, result: dict[str, Any]) -> None:
    for row in result["banks"]:
        console.print(f"{row['name']:<12} your items go in {row['overlay']}")
