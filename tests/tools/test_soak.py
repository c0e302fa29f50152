"""The soak tool's parts: its hostile files are what they claim to be, and its verdict follows the targets."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pypdf

ROOT = Path(__file__).resolve().parents[2]


def _soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak", ROOT / "tools" / "soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module  # its dataclasses look their module up while they are built
    spec.loader.exec_module(module)
    return module


def test_the_hand_written_pdf_has_its_pages() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_soak().many_page_pdf(3)))
    assert len(reader.pages) == 3
    assert "Page 3: trained and served models" in reader.pages[2].extract_text()


def test_the_docx_files_are_zip_packages_of_the_stated_size() -> None:
    soak = _soak()
    with zipfile.ZipFile(io.BytesIO(soak.big_xml_docx(1000))) as z:
        assert z.read("word/document.xml").count(b"<w:p>") == 1000
    bomb = soak._docx(None, bomb_bytes=8 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        assert z.getinfo("word/document.xml").file_size == 8 * 1024 * 1024
    assert len(bomb) < 100_000  # small on the wire, large when unpacked


def test_the_verdict_follows_the_targets(capsys: object) -> None:
    soak = _soak()
    good = soak.Results()
    for _ in range(100):
        good.record("GET /api/health", 0.01, 200)
    good.saved_applications[1] = "Acme"
    assert soak.report(good, [], 300.0, "") == 0
    slow = soak.Results()
    for i in range(100):
        slow.record("GET /api/health", 0.5 if i > 90 else 0.01, 200)
    assert soak.report(slow, [], 300.0, "") == 1
    broken = soak.Results()
    broken.record("GET /", 0.01, 500, "HTTP 500")
    assert soak.report(broken, [], 300.0, "") == 1
    assert soak.report(good, ["story 3 (x)"], 300.0, "") == 1
    assert soak.report(good, [], 300.0, "Traceback (most recent call last):\n") == 1
    assert soak.report(good, [], 2048.0, "") == 1
