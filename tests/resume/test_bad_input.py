"""Bad resume files: one sentence, exit code 2, a JSON error object, and nothing stored."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rendering import render_docx, render_pdf

from loopcoach.areas.resume.readers import read_document
from loopcoach.errors import BinaryInputError, EmptyInputError, InvalidDocumentError, TooLargeError
from loopcoach.services.context import AppContext

SAMPLE = "# Jo Bloggs\njo@example.com\n\n## Projects\n- Built a thing that saved 20% of costs.\n"


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(render_pdf(SAMPLE))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for y in range(100, 700, 14):  # lines drawn as shapes, like a scan: no text layer
        c.rect(72, y, 400, 6, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (80 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


def damaged_xml_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   "</Types>")
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument"/></Relationships>')
        z.writestr("word/document.xml", "<w:document><w:body><unclosed></w:document>")
    return out.getvalue()


def not_word_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    return out.getvalue()


CASES: list[tuple[str, Callable[[], bytes], type[Exception], str]] = [
    ("locked.pdf", encrypted_pdf, InvalidDocumentError, "password-protected"),
    ("scan.pdf", scanned_pdf, InvalidDocumentError, "no text layer"),
    ("broken.pdf", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", InvalidDocumentError, "PDF"),
    ("broken.docx", lambda: b"PK\x03\x04" + b"\x00garbage" * 50, InvalidDocumentError, "DOCX"),
    ("bomb.docx", zip_bomb_docx, InvalidDocumentError, "zip bomb"),
    ("archive.docx", not_word_zip, InvalidDocumentError, "not a Word document"),
    ("damaged.docx", damaged_xml_docx, InvalidDocumentError, "XML is damaged"),
    ("huge.txt", lambda: b"a" * (10 * 1024 * 1024 + 1), TooLargeError, "10 MB"),
    ("empty.md", lambda: b"  \n\n", EmptyInputError, "empty"),
    ("photo.txt", lambda: bytes(range(256)) * 40, BinaryInputError, "binary"),
    ("photo.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, InvalidDocumentError, "extension"),
]


@pytest.mark.parametrize(("name", "make", "error", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_reader_refuses_with_one_sentence(name: str, make: Callable[[], bytes], error: type[Exception],
                                          phrase: str) -> None:
    with pytest.raises(error) as info:
        read_document(make(), name)
    message = str(info.value)
    assert phrase.lower() in message.lower()
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message


def test_scanned_pdf_says_how_to_fix_it() -> None:
    with pytest.raises(InvalidDocumentError, match="OCR"):
        read_document(scanned_pdf(), "scan.pdf")


@pytest.mark.parametrize(("name", "make", "error", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_cli_exit_2_json_error_and_nothing_stored(cli: Callable[..., Any], ctx: AppContext, tmp_path: Path,
                                                  name: str, make: Callable[[], bytes], error: type[Exception],
                                                  phrase: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    html = tmp_path / "report.html"
    result = cli("resume", "check", str(path), "--json", "--html", str(html))
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert set(payload) == {"error"} and payload["error"]["code"] and payload["error"]["message"]
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert not html.exists()
    assert ctx.store.list_attempts(area="resume") == []


def test_missing_file_and_empty_job(cli: Callable[..., Any], tmp_path: Path) -> None:
    assert cli("resume", "check", str(tmp_path / "nope.pdf")).exit_code == 2
    resume = tmp_path / "cv.docx"
    resume.write_bytes(render_docx(SAMPLE))
    job = tmp_path / "job.txt"
    job.write_text("   \n")
    result = cli("resume", "check", str(resume), "--job", str(job))
    assert result.exit_code == 2 and "empty" in result.stderr
