"""Export and import: every row of every table as one JSON document, restored losslessly.

The document is ``{"format": "loopcoach-export", "version": 1, "schema_version",
"exported_at", "tables": {name: [row, ...]}}`` with rows exactly as stored
(ids, ISO times, JSON text), so a round trip reproduces the database. An import
validates the whole document (shape, columns, types, JSON columns) before it
touches the database, then inserts everything in one transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from loopcoach.errors import InvalidDocumentError
from loopcoach.store import tables as t
from loopcoach.store.ids import max_id
from loopcoach.store.migrations import latest_version

EXPORT_FORMAT = "loopcoach-export"
EXPORT_VERSION = 1


def export_document(engine: sa.Engine) -> dict[str, Any]:
    """Every row of every table as a JSON-ready document."""
    doc: dict[str, Any] = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema_version": latest_version(),
                           "exported_at": datetime.now(UTC).isoformat(timespec="microseconds"), "tables": {}}
    with engine.connect() as conn:
        for table in t.EXPORT_ORDER:
            rows = conn.execute(sa.select(table).order_by(table.c.id)).mappings()
            doc["tables"][table.name] = [dict(r) for r in rows]
    return doc


def parse_export(text: str, name: str) -> Any:
    """The JSON value of an export file's text; InvalidDocumentError (one sentence) when it is not JSON.

    An export is a few levels deep; a hostile file of a million nested brackets stops the parser
    at Python's recursion limit, and that is a refusal too, not a traceback.
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise InvalidDocumentError(f"{name} nests its JSON too deeply to be a loopcoach export file.") from None
    except ValueError:
        raise InvalidDocumentError(f"{name} is not a JSON export file.") from None


def import_document(engine: sa.Engine, doc: Any) -> dict[str, int]:
    """Insert a validated export into an empty database in one transaction; rows per table."""
    tables = _validate_export(doc, max_id(engine))
    counts: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            conn.execute(t.users.delete())
            conn.execute(t.cohorts.delete())
            for table in t.EXPORT_ORDER:
                rows = tables.get(table.name, [])
                if rows:
                    conn.execute(table.insert(), rows)
                counts[table.name] = len(rows)
            if engine.dialect.name == "postgresql":
                for table in t.EXPORT_ORDER:
                    conn.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    except sa.exc.IntegrityError as exc:
        raise InvalidDocumentError(f"The export file is inconsistent: {exc.orig}.") from None
    return counts


def _validate_export(doc: Any, largest: int) -> dict[str, list[dict[str, Any]]]:
    """Check an export document's shape and column types before touching the database."""
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise InvalidDocumentError("This is not a loopcoach export file (its 'format' is not loopcoach-export).")
    if doc.get("version") != EXPORT_VERSION:
        raise InvalidDocumentError(f"This export has version {doc.get('version')!r}; this loopcoach reads "
                                   f"version {EXPORT_VERSION}.")
    raw = doc.get("tables")
    if not isinstance(raw, dict):
        raise InvalidDocumentError("The export file has no 'tables' object.")
    known = {table.name: table for table in t.EXPORT_ORDER}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise InvalidDocumentError(f"The export file has unknown tables: {', '.join(unknown)}.")
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in raw.items():
        table = known[name]
        if not isinstance(rows, list):
            raise InvalidDocumentError(f"Table '{name}' in the export file is not a list of rows.")
        columns = {c.name: c for c in table.columns}
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or not _fill_defaults(row, columns):
                raise InvalidDocumentError(
                    f"Row {i + 1} of table '{name}' must have exactly the columns {', '.join(sorted(columns))}.")
            for key, value in row.items():
                _check_value(name, i, columns[key], value, largest)
        out[name] = rows
    return out


def _fill_defaults(row: dict[str, Any], columns: dict[str, sa.Column[Any]]) -> bool:
    """Complete a row of an older export with the defaults of columns added since; False when it cannot be."""
    if set(row) - set(columns):
        return False
    for name in set(columns) - set(row):
        column = columns[name]
        default = getattr(column.server_default, "arg", None)
        if default is not None:
            row[name] = int(default) if isinstance(column.type, sa.Integer) else str(default)
        elif column.nullable:
            row[name] = None
        else:
            return False
    return True


def _check_value(table: str, index: int, column: sa.Column[Any], value: Any, largest: int) -> None:
    where = f"Row {index + 1} of table '{table}', column '{column.name}'"
    if value is None:
        if not column.nullable:
            raise InvalidDocumentError(f"{where} must not be empty.")
        return
    if isinstance(column.type, sa.Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidDocumentError(f"{where} must be a whole number.")
        if abs(value) > largest:
            raise InvalidDocumentError(f"{where} is larger than this database holds (at most {largest:,}).")
    elif not isinstance(value, str):
        raise InvalidDocumentError(f"{where} must be text.")
    elif column.name.endswith("_json"):
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            raise InvalidDocumentError(f"{where} is not valid JSON.") from None


