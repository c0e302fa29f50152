"""The CLI's shared conventions: help without heavy imports, doctor, data export/import, exit code 2."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from loopcoach.config import Settings


def test_help_does_not_import_heavy_packages() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['loopcoach', '--help']\n"
        "try:\n"
        "    runpy.run_module('loopcoach', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'pdfplumber', 'docx', 'sklearn', 'fastapi',"
        " 'sqlalchemy', 'transformers', 'onnxruntime', 'tokenizers', 'scipy') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY=\n" in out, out
    assert "Usage: loopcoach" in out


def test_python_dash_m_works() -> None:
    done = subprocess.run([sys.executable, "-m", "loopcoach", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "doctor" in done.stdout


def test_doctor_json(cli: Any, settings: Settings) -> None:
    result = cli("doctor", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    names = {c["name"] for c in report["checks"]}
    assert {"data", "database", "model", "content"} <= names
    assert report["home"] == str(settings.home)
    assert all(c["ok"] for c in report["checks"]), report
    assert report["model"]["runtime"].startswith("onnxruntime") and report["model"]["intact"]


def test_data_export_import_round_trip(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from loopcoach.config import load_settings
    from loopcoach.store import open_store

    store = open_store(load_settings())
    store.add_attempt("theory", "cnn-vs-rnn", "answer", {"score": 50}, 50)
    store.put_note("background", "summary", "ML engineer, 3 years")
    out = tmp_path / "export.json"
    result = cli("data", "export", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["tables"]["attempts"] == 1
    monkeypatch.setenv("LOOPCOACH_HOME", str(tmp_path / "fresh"))
    result = cli("data", "import", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    restored = open_store(load_settings())
    assert restored.list_attempts()[0].input_text == "answer"
    assert restored.get_note("background", "summary") is not None


def test_corrupt_export_file_is_one_sentence_exit_2(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "loopcoach-export", "version": 1, "tables": {"users": 5}}')
    result = cli("data", "import", str(bad), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "invalid_document"
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x89PNG\x00\x01binary")
    result = cli("data", "import", str(garbage))
    assert result.exit_code == 2 and "is not a JSON export file" in result.stderr
    result = cli("data", "import", str(tmp_path / "missing.json"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_export_to_a_folder_is_refused(cli: Any, tmp_path: Path) -> None:
    result = cli("data", "export", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr
