"""``loopcoach portfolio``: review a project README or repository folder, and a GitHub profile."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="Portfolio: README review and GitHub profile review.", no_args_is_help=True)


def _print_checks(console: Console, checks: list[dict[str, Any]]) -> None:
    for c in checks:
        mark = "[green]✓[/green]" if c["passed"] else "[red]✗[/red]"
        console.print(f" {mark} [bold]{c['id']}[/bold]: {c['message']}")


def render_check(console: Console, r: dict[str, Any]) -> None:
    """Print the README review."""
    title = f" — {r['title']}" if r.get("title") else ""
    console.print(f"[bold]README score: {r['score']}/100[/bold]{title}")
    read = r["readability"]
    console.print(f"Opening: {read['words']} words, Flesch reading ease {read['reading_ease']} ({read['level']})")
    _print_checks(console, r["checks"])


@app.command("check")
def check(path: Annotated[str, typer.Argument(help="README.md, a repository folder, or - for standard input.")],
          json_output: JsonOption = False) -> None:
    """Summary, demo, results, how to run, technical depth, licence, readability; score 0-100."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.portfolio import check_readme, load_readme

        if path == "-":
            return check_readme(ctx, read_text_arg("-"), "stdin"), render_check
        text, source, files = load_readme(path)
        return check_readme(ctx, text, source, files), render_check

    run_command(work, json_output)


def render_github(console: Console, r: dict[str, Any]) -> None:
    """Print the profile review."""
    console.print(f"[bold]GitHub profile score: {r['score']}/100[/bold] — {r['user']}")
    if r["pinned_source"] == "top_by_stars":
        console.print("[yellow]No GITHUB_TOKEN: the top repositories by stars stand in for the pinned ones.[/yellow]")
    _print_checks(console, r["checks"])
    for repo in r["repos"]:
        score = f"{repo['readme_score']}/100" if repo["has_readme"] else "no README"
        console.print(f"  • {repo['name']} ({repo['stars']}★): README {score}")


@app.command("github")
def github(user: Annotated[str, typer.Argument(help="A GitHub user name.")], json_output: JsonOption = False) -> None:
    """Pinned repositories (3-4), bio, avatar and each pinned README (needs the network; GITHUB_TOKEN optional)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.portfolio import review_github

        return review_github(ctx, user), render_github

    run_command(work, json_output)
