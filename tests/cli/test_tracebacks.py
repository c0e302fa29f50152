"""The three tracebacks of issue #24, each now one sentence and exit code 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("doc", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
                                 b"[" * 3_000_000])
def test_deeply_nested_json_import_is_refused(cli: Callable[..., Any], tmp_path: Path, doc: bytes) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(doc)
    result = cli("data", "import", str(path), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "invalid_document"
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "deep" in result.stderr or "not a JSON export" in result.stderr


def test_import_with_ids_beyond_the_database_is_refused(cli: Callable[..., Any], tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    assert cli("story", "list").exit_code == 0  # creates the store and its user
    assert cli("data", "export", str(exported)).exit_code == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["tables"]["users"][0]["id"] = 2**70
    exported.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("data", "import", str(exported), "--json")
    assert result.exit_code == 2
    assert "larger than this database holds" in json.loads(result.stdout)["error"]["message"]


@pytest.mark.parametrize("args", [
    ("story", "show", "99999999999999999999999"),
    ("story", "revise", "99999999999999999999999", "-"),
    ("apps", "show", "99999999999999999999999"),
    ("apps", "move", "9223372036854775808", "offer"),
    ("mock", "show", "99999999999999999999999"),
    ("story", "show", "0"),
])
def test_huge_ids_are_not_found(cli: Callable[..., Any], args: tuple[str, ...]) -> None:
    result = cli(*args, "--json", input="I fixed it. It worked.\n")
    assert result.exit_code == 2, result.stderr
    assert json.loads(result.stdout)["error"]["code"] == "not_found"
    assert result.stderr.startswith("Error: There is no ") and result.stderr.count("\n") == 1
