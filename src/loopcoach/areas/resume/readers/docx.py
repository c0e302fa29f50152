"""Read a DOCX file into lines: paragraphs of the header, the body and its tables, with hyperlinks.

A DOCX file is a zip archive, so before python-docx sees it the archive is checked:
it must hold ``word/document.xml``, and the uncompressed sizes recorded in the zip
directory must stay small (a zip bomb expands a few kilobytes into gigabytes).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from loopcoach.areas.resume.model import Line, RawDocument
from loopcoach.areas.resume.readers.limits import DEFAULT_LIMITS, ReadLimits
from loopcoach.errors import InvalidDocumentError, TooLargeError

MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 150
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HEADING = re.compile(r"^heading\s*(\d)", re.IGNORECASE)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def check_zip(data: bytes, name: str = "the DOCX file", limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Raise InvalidDocumentError for a damaged archive, a non-Word archive or a zip bomb, and
    TooLargeError when the document's XML is larger than ``limits.docx_xml_bytes`` unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InvalidDocumentError(f"{name} is not a readable DOCX file (the archive is damaged).") from exc
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise InvalidDocumentError(f"{name} is a zip archive but not a Word document.")
        total = sum(i.file_size for i in infos)
        worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0.0)
        if total > MAX_UNCOMPRESSED or (worst > MAX_RATIO and total > 5 * 1024 * 1024):
            raise InvalidDocumentError(
                f"{name} would expand to {total // (1024 * 1024)} MB when unpacked, which looks like a zip "
                "bomb, so it was not opened."
            )
        body = archive.getinfo("word/document.xml").file_size
        if body > limits.docx_xml_bytes:
            raise TooLargeError(
                f"{name} holds {body / 1_048_576:.0f} MB of document XML; loopcoach reads Word files with up to "
                f"{limits.docx_xml_bytes // 1_048_576} MB of it, far more than a resume needs."
            )


def read_docx(data: bytes, name: str = "the DOCX file", limits: ReadLimits = DEFAULT_LIMITS) -> RawDocument:
    """Return the paragraphs of a DOCX file (header first, tables cell by cell) as lines, at most
    ``limits.paragraphs`` of them (a notice says so when the file has more)."""
    check_zip(data, name, limits)
    import docx
    from docx.opc.exceptions import OpcError, PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import LxmlError  # type: ignore[import-untyped, unused-ignore]

    # Only the libraries' own error types are translated: a bug in this module must not pass for a bad file.
    library_errors = (OpcError, PackageNotFoundError, LxmlError, KeyError, ValueError, zipfile.BadZipFile)
    try:
        document = docx.Document(io.BytesIO(data))
    except library_errors as exc:
        raise InvalidDocumentError(f"{name} is not a readable DOCX file (its XML is damaged).") from exc
    lines: list[Line] = []
    notices: list[str] = []
    budget = limits.paragraphs
    try:
        rels = _hyperlink_targets(document.part)
        styles = _paragraph_styles(document)
        body = document.element.body
        # Counted in C by lxml, so even 300,000 paragraphs cost milliseconds.
        total = sum(1 for _ in body.iter(f"{_W}p"))
        if total > budget:
            notices.append(f"{name} has {total:,} paragraphs; loopcoach reads the first {budget:,}.")

        def take(paragraph: Any) -> bool:
            nonlocal budget
            if budget <= 0:
                return False
            budget -= 1
            _add(lines, paragraph, rels, styles)
            return True

        for section in document.sections[:1]:
            for paragraph in section.header.paragraphs[:budget]:
                take(paragraph)
        for block in body.iterchildren():
            if budget <= 0:
                break
            if block.tag == f"{_W}p":
                take(Paragraph(block, document))
                # Text boxes (used by many templates) sit inside a run of the paragraph that anchors them.
                for inner in _text_box_paragraphs(block):
                    take(Paragraph(inner, document))
            elif block.tag == f"{_W}tbl":
                table = Table(block, document)
                for cell in _cells(table, budget):
                    for paragraph in cell.paragraphs:
                        if not take(paragraph):
                            break
    except library_errors as exc:
        raise InvalidDocumentError(f"{name} is not a readable DOCX file (its XML is damaged).") from exc
    numbered = [
        Line(text=ln.text, number=i, bold=ln.bold, size=ln.size, heading_level=ln.heading_level,
             bullet=ln.bullet, indent=ln.indent, links=ln.links)
        for i, ln in enumerate(lines, start=1)
    ]
    return RawDocument(format="docx", lines=numbered, links=sorted(set(rels.values())), notices=notices)


def _text_box_paragraphs(paragraph: Any) -> list[Any]:
    """Paragraphs of the text boxes anchored in a paragraph, skipping the VML copy kept for old Word."""
    found: list[Any] = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        if any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            continue
        found.extend(child for child in box.iterchildren(f"{_W}p"))
    return found


def _hyperlink_targets(part: Any) -> dict[str, str]:
    targets: dict[str, str] = {}
    for rel_id, rel in part.rels.items():
        if rel.reltype.endswith("/hyperlink") and rel.is_external:
            targets[rel_id] = str(rel.target_ref)
    return targets


def _cells(table: Any, limit: int) -> list[Any]:
    """Cells column by column (a sidebar layout is a one-row table), skipping merged repeats; at most
    ``limit`` rows are looked at (each cell holds at least one paragraph)."""
    seen: set[int] = set()
    cells: list[Any] = []
    rows = list(table.rows)[:max(limit, 0)]
    columns = max((len(r.cells) for r in rows), default=0)
    by_column = len(rows) <= 2
    order = (
        [(r, c) for c in range(columns) for r in range(len(rows))]
        if by_column else [(r, c) for r in range(len(rows)) for c in range(columns)]
    )
    for r, c in order:
        row_cells = rows[r].cells
        if c >= len(row_cells):
            continue
        cell = row_cells[c]
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(cell)
    return cells


_Style = tuple[str, bool, float | None]


def _paragraph_styles(document: Any) -> dict[str | None, _Style]:
    """Paragraph style id -> (name, bold, size), read once (python-docx looks styles up slowly)."""
    from docx.enum.style import WD_STYLE_TYPE

    styles: dict[str | None, _Style] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        size = style.font.size.pt if style.font.size is not None else None
        info = (str(style.name or ""), bool(style.font.bold), size)
        styles[style.style_id] = info
        if style.element.default:
            styles[None] = info
    return styles


def _add(lines: list[Line], paragraph: Any, rels: dict[str, str], styles: dict[str | None, _Style]) -> None:
    text = re.sub(r"\s+", " ", paragraph.text).strip()
    if not text:
        return
    style, style_bold, style_size = styles.get(paragraph._p.style, styles.get(None, ("", False, None)))
    level = 0
    match = _HEADING.match(style or "")
    if match:
        level = int(match.group(1))
    elif style == "Title":
        level = 1
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(bool(r.bold) or (r.bold is None and style_bold) for r in runs)
    sizes = [r.font.size.pt for r in runs if r.font.size is not None]
    if not sizes and style_size is not None:
        sizes = [style_size]
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    bullet = numbered or "list" in (style or "").lower()
    links = tuple(
        rels[rid] for rid in (h.get(f"{_R}id") for h in paragraph._p.iter(f"{_W}hyperlink")) if rid in rels
    )
    indent = 0.0
    if paragraph.paragraph_format.left_indent is not None:
        indent = float(paragraph.paragraph_format.left_indent.pt)
    lines.append(
        Line(text=text, bold=bold, size=max(sizes, default=0.0), heading_level=level, bullet=bullet,
             indent=indent, links=links)
    )
