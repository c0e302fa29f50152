"""``loopcoach resume``: check a resume (PDF, DOCX, Markdown, text) alone or against a job; batch for coaches."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from loopcoach.cli.common import JsonOption, read_bytes_arg, read_text_arg, run_command, stderr_console
from loopcoach.errors import BadInputError
from loopcoach.services.context import AppContext

app = typer.Typer(help="Resume checker: structure, metrics, GitHub link, job keywords.", no_args_is_help=True)
MAX_RESUME_BYTES = 10 * 1024 * 1024


def render_check(console: Console, r: dict[str, Any]) -> None:
    """Print the score, sections, contact, checks and keywords of one resume."""
    console.print(f"[bold]Score: {r['score']}/100[/bold]  ({r['format']}, {r['lines']} lines)")
    for notice in r.get("notices", []):
        console.print(f"[yellow]Note: {escape(notice)}[/yellow]")
    kinds = ", ".join(f"{s['heading'] or 'header'} ({s['kind']})" for s in r["sections"])
    console.print(f"Sections: {kinds}")
    contact = r["contact"]
    github = contact["github"] or "[red]none[/red]"
    where = "in the header" if contact["github_in_header"] else "not in the header"
    console.print(f"Contact: {contact['name'] or '?'} · {contact['email'] or 'no email'} · GitHub {github}"
                  + (f" ({where})" if contact["github"] else ""))
    metric = sum(1 for b in r["bullets"] if b["has_metric"])
    console.print(f"Bullets: {len(r['bullets'])}, {metric} with a measured outcome")
    for check in r["checks"]:
        mark = "[green]✓[/green]" if check["passed"] else "[red]✗[/red]"
        console.print(f" {mark} [bold]{check['id']}[/bold]: {check['message']}")
    match = r["job_match"]
    if match:
        table = Table(title=f"Job keywords: {round(match['coverage'] * 100)}% covered (never claim a skill you "
                            "do not have)")
        table.add_column("Skill")
        table.add_column("Found")
        table.add_column("Where / advice")
        for kw in match["keywords"]:
            found = "[green]yes[/green]" if kw["found"] else "[red]no[/red]"
            if kw["found"]:
                where = ", ".join(f"line {n}" for n in kw["lines"][:4]) or ", ".join(kw["variants"])
                if kw["sections"] == ["skills"]:
                    where += " (skills list only: show it in a bullet too)"
            else:
                where = f"only if you have it: {kw['place']}"
            table.add_row(kw["term"], found, where)
        console.print(table)


@app.command("check")
def check(
    path: Annotated[str, typer.Argument(help="RESUME.pdf|docx|md|txt, or - for standard input.")],
    job: Annotated[str | None, typer.Option("--job", help="A job description (text file) to match.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also save the report as an HTML page here.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Sections, contact, bullets with metrics, checks with advice, job keywords; score 0-100."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.services.resume import check_resume, html_report

        data, name = read_bytes_arg(path, MAX_RESUME_BYTES)
        job_text = read_text_arg(job) if job else None
        if html is not None and not html.parent.exists():
            raise BadInputError(f"The folder {html.parent} does not exist; the HTML report cannot be saved there.")
        filename = "stdin" if path == "-" else path
        result, report = check_resume(ctx, data, filename, job_text)
        if html is not None:
            try:
                html.write_text(html_report(report, f"Resume check: {Path(name).name}"), encoding="utf-8")
            except OSError as exc:
                raise BadInputError(f"The HTML report could not be written to {html} ({exc.strerror}).") from None
            Console(stderr=True).print(f"Saved the HTML report to {html}")
        return result, render_check

    run_command(work, json_output)


def render_batch(console: Console, r: dict[str, Any]) -> None:
    """Print the summary table of a batch."""
    table = Table(title=f"{r['checked']} resumes checked, {r['failed']} unreadable, mean score {r['mean_score']}")
    for column in ("Resume", "Score", "Coverage", "Missing skills", "To fix"):
        table.add_column(column)
    for row in r["resumes"]:
        name = Path(row["path"]).name
        if row["error"]:
            table.add_row(name, "-", "-", "", f"[red]{row['error']}[/red]")
            continue
        coverage = f"{round(row['coverage'] * 100)}%" if row["coverage"] is not None else "-"
        table.add_row(name, str(row["score"]), coverage, ", ".join(row["missing"][:5]),
                      ", ".join(row["failed_checks"]))
    console.print(table)


def batch_line(row: dict[str, Any]) -> str:
    """The one line printed for a batch file as soon as it is done: its score, or why it was refused."""
    name = Path(row["path"]).name
    if row["error"]:
        return f"[red]✗[/red] {escape(name)}: {escape(row['error'])}"
    coverage = f", {round(row['coverage'] * 100)}% of the job's keywords" if row["coverage"] is not None else ""
    line = f"[green]✓[/green] {escape(name)}: {row['score']}/100{coverage}"
    if row["notices"]:
        line += f" [yellow]({escape(' '.join(row['notices']))})[/yellow]"
    return line


@app.command("batch")
def batch(
    folder: Annotated[Path, typer.Argument(help="A folder of resumes (PDF, DOCX, Markdown, text).")],
    job: Annotated[str, typer.Option("--job", help="The job description (text file) to match them against.")],
    json_output: JsonOption = False,
) -> None:
    """Check many resumes against one job: a progress bar and a line per file as each finishes, then a
    summary table, best first. Each file gets the web app's limits (pages, 10 s, 1 GB); a file past them is
    reported with the reason and the batch goes on."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from loopcoach.services.resume import check_batch, resume_files

        job_text = read_text_arg(job)
        files = resume_files(folder)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=stderr_console(), transient=True) as progress:
            task = progress.add_task("Checking resumes", total=len(files))

            def done(_path: Path, row: dict[str, Any]) -> None:
                progress.console.print(batch_line(row), highlight=False, soft_wrap=True)
                progress.advance(task)

            result = check_batch(ctx, files, job_text, done)
        return result, render_batch

    run_command(work, json_output)
