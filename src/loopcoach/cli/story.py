"""``loopcoach story``: check a STAR story, and keep a versioned bank of your stories."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from loopcoach.cli.common import JsonOption, read_text_arg, run_command
from loopcoach.services.context import AppContext

app = typer.Typer(help="Behavioral stories: STAR analysis and your story bank.", no_args_is_help=True)

LABEL_STYLES = {"situation": "blue", "task": "yellow", "action": "green", "result": "magenta", "other": "dim"}


def render_analysis(console: Console, r: dict[str, Any]) -> None:
    """Print a story analysis: labelled sentences, components, figures, feedback."""
    for i, s in enumerate(r["sentences"], 1):
        style = LABEL_STYLES.get(s["label"], "")
        console.print(f"[{style}]{i:>2}. {s['label'].upper():<9}[/{style}] {s['text']}", highlight=False)
    comps = "  ".join(f"{k} {'[green]yes[/green]' if r['components'][k] else '[red]missing[/red]'}"
                      for k in ("situation", "task", "action", "result"))
    console.print(f"\nComponents: {comps}")
    console.print(f"Quantified result: {'yes' if r['quantified_result'] else 'no'}   "
                  f"Action told as I/we: {r['first_person']['i']}/{r['first_person']['we']}   "
                  f"{r['words']} words, about {r['speaking_seconds']:.0f} s spoken (target 90-180 s)")
    console.print(f"[bold]Score: {r['score']}/100[/bold]")
    for line in r["feedback"]:
        console.print(f" - {line}")


def _render_story(console: Console, r: dict[str, Any]) -> None:
    console.print(f"[bold]Story {r['id']}: {r['title']}[/bold]  tags: {', '.join(r['tags']) or '-'}  "
                  f"versions: {r['versions']}")
    history = "  ".join(f"v{h['version']}={h['score']}" for h in r["history"])
    console.print(f"Scores by version: {history}\n")
    if r.get("analysis"):
        render_analysis(console, r["analysis"])


def _render_version(console: Console, r: dict[str, Any]) -> None:
    console.print(f"[bold]Story {r['story_id']}, version {r['version']}[/bold] ({r['created_at'][:10]})\n")
    console.print(r["text"] + "\n", highlight=False)
    render_analysis(console, r["analysis"])


def _render_list(console: Console, r: dict[str, Any]) -> None:
    if not r["stories"]:
        console.print("No stories yet: add one with 'loopcoach story add TITLE STORY.txt'.")
        return
    table = Table("id", "title", "tags", "versions", "score", "words")
    for s in r["stories"]:
        table.add_row(str(s["id"]), s["title"], ", ".join(s["tags"]), str(s["versions"]), str(s["score"]),
                      str(s["words"]))
    console.print(table)


Tags = Annotated[list[str] | None, typer.Option("--tag", help="Competency the story shows (repeatable).")]


@app.command("check")
def check(path: Annotated[str, typer.Argument(help="STORY.txt, or - for standard input.")],
          json_output: JsonOption = False) -> None:
    """Label each sentence situation/task/action/result/other and judge the story."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import check_story

        return check_story(ctx, read_text_arg(path)), render_analysis

    run_command(work, json_output)


@app.command("add")
def add(title: Annotated[str, typer.Argument(help="A short title.")],
        path: Annotated[str, typer.Argument(help="STORY.txt, or - for standard input.")],
        tag: Tags = None, json_output: JsonOption = False) -> None:
    """Add a story to your bank (its first version is analysed and stored)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import add_story

        return add_story(ctx, title, read_text_arg(path), tag or []), _render_story

    run_command(work, json_output)


@app.command("revise")
def revise(story_id: int, path: Annotated[str, typer.Argument(help="STORY.txt, or - for standard input.")],
           tag: Tags = None, json_output: JsonOption = False) -> None:
    """Save a rewritten story as its next version (the old versions are kept)."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import revise_story

        return revise_story(ctx, story_id, read_text_arg(path), tags=tag), _render_story

    run_command(work, json_output)


@app.command("list")
def list_cmd(json_output: JsonOption = False) -> None:
    """Your stories with their latest score."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import list_stories

        return list_stories(ctx), _render_list

    run_command(work, json_output)


@app.command("show")
def show(story_id: int,
         version: Annotated[int | None, typer.Option(help="Show this version instead of the latest.")] = None,
         json_output: JsonOption = False) -> None:
    """A story with its latest analysis and the score of every version."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.behavioral import show_story, story_version

        if version is not None:
            return story_version(ctx, story_id, version), _render_version
        return show_story(ctx, story_id), _render_story

    run_command(work, json_output)
