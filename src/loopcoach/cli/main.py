"""The ``loopcoach`` console script: one Typer group per module, imported only when used.

``GROUPS`` names each group's module and its one-line help, so the root
``loopcoach --help`` is printed from this table without importing Typer or
any group; ``loopcoach GROUP ...`` imports that group alone. Group modules
import nothing heavy at module level either.
"""

from __future__ import annotations

import difflib
import importlib
import sys
from typing import TYPE_CHECKING

from loopcoach import __version__

if TYPE_CHECKING:
    import typer

# In the order of the hiring path, then the tools. (name, module, kind, help): kind "group" adds module.app as a sub-command group,
# "command" adds module.command as a single top-level command.
GROUPS: list[tuple[str, str, str, str]] = [
    ("resume", "loopcoach.cli.resume", "group", "Resume checker: PDF/DOCX/Markdown, metrics, GitHub, job keywords."),
    ("portfolio", "loopcoach.cli.portfolio", "group", "Portfolio: README review and GitHub profile review."),
    ("pitch", "loopcoach.cli.pitch", "group", "Recruiter screen: check the 2-minute summary of your best project."),
    ("code", "loopcoach.cli.code", "group", "Coding interview: problems, the judge, complexity."),
    ("theory", "loopcoach.cli.theory", "group", "ML theory: questions, a rubric grader, spaced-repetition drills."),
    ("design", "loopcoach.cli.design", "group", "ML system design: vague prompts, an interviewer, a 7-step grader."),
    ("story", "loopcoach.cli.story", "group", "Behavioral stories: STAR analysis and your versioned story bank."),
    ("behavioral", "loopcoach.cli.behavioral", "group", "Behavioral questions, timed practice, story coverage."),
    ("speech", "loopcoach.cli.speech", "group", "Spoken answers: transcribe offline; pace, fillers, pauses."),
    ("interview", "loopcoach.cli.interview", "command",
     "Follow-up interview on a theory or design answer; the grader judges, the interviewer asks."),
    ("mock", "loopcoach.cli.mock", "group", "Timed mock loops: recruiter screen, phone screen, on-site."),
    ("plan", "loopcoach.cli.plan", "group", "A day-by-day plan to the interview date, weighted by weak spots."),
    ("apps", "loopcoach.cli.apps", "group", "Track job applications through the hiring stages."),
    ("serve", "loopcoach.cli.serve", "command", "Start the web app (http://127.0.0.1:8000 by default)."),
    ("users", "loopcoach.cli.users", "group", "Accounts for serving a cohort: add, list, disable."),
    ("worker", "loopcoach.cli.worker", "command", "Judge queued submissions for a group-mode server."),
    ("doctor", "loopcoach.cli.doctor", "command", "Data folder, database, model and content status: what is missing."),
    ("data", "loopcoach.cli.data", "group", "Export or import all of your data."),
    ("content", "loopcoach.cli.content", "group", "Check content banks and your own items."),
]
SUMMARY = "Coach for landing an AI/ML engineering job: resume, screens and the on-site loop. Offline."


def root_help() -> str:
    """The root help text, from the registry alone."""
    width = max(len(name) for name, *_ in GROUPS) + 2
    lines = ["Usage: loopcoach [OPTIONS] COMMAND [ARGS]...", "", f"  {SUMMARY}", "", "Options:",
             "  --version  Show the version and exit.", "  --help     Show this message and exit.", "",
             "Commands:"]
    lines += [f"  {name:<{width}} {text}" for name, _, _, text in GROUPS]
    lines += ["", "Run 'loopcoach COMMAND --help' for a command's options."]
    return "\n".join(lines)


def build_app(only: str | None = None) -> typer.Typer:
    """The root Typer app with every registered group (or just the one named ``only``)."""
    import typer

    app = typer.Typer(name="loopcoach", help=SUMMARY, no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False, rich_markup_mode=None)

    @app.callback()
    def root() -> None:
        """Keep sub-command mode even when only one command is registered."""
    for name, module_name, kind, text in GROUPS:
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        if kind == "group":
            app.add_typer(module.app, name=name, help=text)
        else:
            app.command(name, help=text)(module.command)
    return app


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("--help", "-h"):
        print(root_help())
        raise SystemExit(0 if args else 2)
    if args[0] == "--version":
        print(f"loopcoach {__version__}")
        raise SystemExit(0)
    names = [name for name, *_ in GROUPS]
    if args[0] not in names:
        close = difflib.get_close_matches(args[0], names, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else " Run 'loopcoach --help' for the commands."
        sys.stderr.write(f"Error: there is no command '{args[0]}'.{hint}\n")
        raise SystemExit(2)
    app = build_app(only=args[0])
    app(args=args, prog_name="loopcoach")
