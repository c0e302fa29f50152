"""``loopcoach data export|import``: the user's whole data as one JSON document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from loopcoach.cli.common import JsonOption, read_bytes_arg, run_command
from loopcoach.errors import BadInputError, BinaryInputError, InvalidDocumentError
from loopcoach.services.context import AppContext

app = typer.Typer(help="Export or import all of your data.", no_args_is_help=True)
MAX_IMPORT_BYTES = 500_000_000


@app.command("export")
def export(
    file: Annotated[str, typer.Argument(help="Where to write the JSON document ('-' for stdout).")],
    json_output: JsonOption = False,
) -> None:
    """Write everything (attempts, cards, stories, sessions, applications, notes) to FILE."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        doc = ctx.store.export_all()
        text = json.dumps(doc, ensure_ascii=False, indent=1)
        counts = {name: len(rows) for name, rows in doc["tables"].items()}
        if file == "-":
            print(text)
            return {"file": "-", "tables": counts}, lambda _c, _r: None
        target = Path(file)
        if not target.name:
            raise BadInputError(f"'{file}' is not a file name; give the file to write, e.g. export.json.")
        tmp = target.with_name(target.name + ".tmp")
        try:
            if target.is_dir():
                raise BadInputError(f"{file} is a folder; give a file name.")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
        except OSError as exc:
            raise BadInputError(f"{file} cannot be written: {exc.strerror}.") from None
        return {"file": str(target), "tables": counts}, _render_export

    run_command(work, json_output and file != "-")


def _render_export(console: Console, result: dict[str, Any]) -> None:
    total = sum(result["tables"].values())
    console.print(f"Exported {total} rows to {result['file']}.")


@app.command("import")
def import_(
    file: Annotated[str, typer.Argument(help="An export written by 'loopcoach data export' ('-' for stdin).")],
    json_output: JsonOption = False,
) -> None:
    """Restore an export into an empty data folder."""

    def work(ctx: AppContext) -> tuple[dict[str, Any], Any]:
        from loopcoach.store.transfer import parse_export
        from loopcoach.text.decoding import decode_text

        data, name = read_bytes_arg(file, MAX_IMPORT_BYTES)
        try:
            text = decode_text(data, name)
        except BinaryInputError:
            raise InvalidDocumentError(f"{name} is not a JSON export file (it is not UTF-8 text).") from None
        doc = parse_export(text, name)
        counts = ctx.store.import_all(doc)
        return {"file": name, "tables": counts}, _render_import

    run_command(work, json_output)


def _render_import(console: Console, result: dict[str, Any]) -> None:
    total = sum(result["tables"].values())
    console.print(f"Imported {total} rows from {result['file']}.")
