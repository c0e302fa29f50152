"""Read a PDF's text layer into lines, with fonts, positions, columns and link annotations.

Words come with their font (bold or not) and size, from PDFium by default
(``readers/pdfium.py``, fast) or pdfplumber (``engine="pdfplumber"``, pure Python,
kept as a cross-check). Each page is checked for a two-column layout by looking for
a vertical gutter: an x range that almost no row of words crosses, with a
left-aligned column of text on its right. Everything above the right column's first
line (the name and contact line) is read first, then the left column, then the right
one. Hyperlink annotations are attached to the line they cover, so a "GitHub" label
with a link behind it yields the real URL.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Literal

from loopcoach.areas.resume.model import Line, RawDocument
from loopcoach.areas.resume.readers.limits import DEFAULT_LIMITS, ReadLimits
from loopcoach.areas.resume.readers.pdfium import PdfPage, PdfWord, open_pages, page_notice
from loopcoach.errors import InvalidDocumentError

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
_Word = PdfWord
Engine = Literal["pdfium", "pdfplumber"]


def read_pdf(data: bytes, name: str = "the PDF", engine: Engine = "pdfium",
             limits: ReadLimits = DEFAULT_LIMITS) -> RawDocument:
    """Return the lines of a PDF in reading order, at most ``limits.pages`` pages; raise
    InvalidDocumentError when it has no usable text."""
    lines: list[Line] = []
    links: list[str] = []
    pages = 0
    notices: list[str] = []
    source = (open_pages(data, name, limits, notices) if engine == "pdfium"
              else _plumber_pages(data, name, limits, notices))
    try:
        extracted = list(source)
    except InvalidDocumentError:
        raise
    except Exception as exc:  # the PDF libraries raise many private types for damaged files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise _encrypted(name) from exc
        raise InvalidDocumentError(f"{name} could not be read as a PDF (it may be damaged).") from exc
    # Layout runs outside the guard above: a bug here must surface, not pass for a damaged file.
    for page in extracted:
        pages += 1
        links.extend(uri for uri, *_ in page.links)
        lines.extend(_mark_bullets(_page_lines(page.words, page.width, pages, page.links), page.marks))
    if not lines:
        raise InvalidDocumentError(
            f"{name} has no text layer (it looks scanned or made of images); export it again from your "
            "editor as a PDF with text, or run OCR on it (for example with ocrmypdf), and try again."
        )
    numbered = [_renumber(line, i) for i, line in enumerate(lines, start=1)]
    return RawDocument(format="pdf", lines=numbered, links=links, pages=pages, notices=notices)


def _mark_bullets(lines: list[Line], marks: list[tuple[float, float]]) -> list[Line]:
    """Flag lines that start just right of a drawn bullet shape (no bullet character in the text)."""
    if not marks:
        return lines
    out = []
    for line in lines:
        hit = any(line.top - 2 <= y <= line.top + line.size * 1.2 and 0 <= line.x0 - x <= 24 for x, y in marks)
        out.append(replace(line, bullet=True) if hit else line)
    return out


def _plumber_pages(data: bytes, name: str, limits: ReadLimits, notices: list[str]) -> Iterator[PdfPage]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(name) from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise _encrypted(name) from exc
        raise InvalidDocumentError(f"{name} is not a readable PDF file (it may be damaged).") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InvalidDocumentError(f"{name} is not a readable PDF file (it may be damaged).") from exc
    with pdf:
        total = len(pdf.pages)
        if total > limits.pages:
            notices.append(page_notice(name, total, limits.pages))
        for page in pdf.pages[:limits.pages]:
            yield PdfPage(float(page.width), float(page.height), _words(page), _hyperlinks(page))


def _encrypted(name: str) -> InvalidDocumentError:
    return InvalidDocumentError(
        f"{name} is password-protected; save an unprotected copy (print to PDF) and check that instead."
    )


def _renumber(line: Line, number: int) -> Line:
    return replace(line, number=number)


def _words(page: Any) -> list[_Word]:
    raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=2)
    words: list[_Word] = []
    for w in raw:
        text = str(w["text"]).strip()
        if not text:
            continue
        font = str(w.get("fontname", "")).lower()
        words.append(
            _Word(
                text=text, x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                bottom=float(w["bottom"]), size=round(float(w.get("size", 0.0)), 1),
                bold=any(m in font for m in _BOLD_MARKERS),
            )
        )
    return words


def _hyperlinks(page: Any) -> list[tuple[str, float, float, float, float]]:
    found: list[tuple[str, float, float, float, float]] = []
    for link in page.hyperlinks:
        uri = link.get("uri")
        if isinstance(uri, bytes):
            uri = uri.decode("latin-1", "replace")
        if isinstance(uri, str) and uri:
            found.append((uri, float(link["x0"]), float(link["x1"]), float(link["top"]), float(link["bottom"])))
    return found


def _rows(words: list[_Word], tolerance: float = 2.5) -> list[list[_Word]]:
    """Group words whose tops are within ``tolerance`` points into rows, top to bottom."""
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def find_gutter(words: list[_Word], width: float) -> float | None:
    """Return the x of a two-column gutter, or None for a single-column page."""
    rows = _rows(words)
    if len(rows) < 8:
        return None
    lo, hi = int(width * 0.15), int(width * 0.85)
    occupancy = [0] * (int(width) + 2)
    for row in rows:
        for w in row:
            for x in range(max(0, int(w.x0) - 1), min(len(occupancy), int(w.x1) + 2)):
                occupancy[x] += 1
    # Almost no row may cross the gutter; if none is found, allow the few header rows (name, contact
    # lines) that run across it in some layouts.
    for limit in (max(1, int(len(rows) * 0.08)), max(3, int(len(rows) * 0.1))):
        runs: list[tuple[int, int]] = []
        start: int | None = None
        for x in range(lo, hi + 2):
            if x <= hi and occupancy[x] <= limit:
                start = x if start is None else start
            elif start is not None:
                if x - start >= 10:
                    runs.append((start, x))
                start = None
        # The widest gap with a real column on each side wins; ragged right margins fail the checks.
        for a, b in sorted(runs, key=lambda r: r[0] - r[1]):
            gutter = (a + b) / 2
            if _is_column_gap(rows, gutter):
                return gutter
    return None


def _is_column_gap(rows: list[list[_Word]], gutter: float) -> bool:
    rows = [r for r in rows if not _spans_gutter(r, gutter)]
    left_rows = [r for r in rows if any(w.x1 <= gutter for w in r)]
    right_starts = [min(w.x0 for w in r if w.x0 >= gutter) for r in rows if any(w.x0 >= gutter for w in r)]
    needed = max(3, len(rows) * 0.1)
    if len(left_rows) < needed or len(right_starts) < needed:
        return False
    # A real column is left-aligned: its lines start at its edge or at one indent (list items);
    # right-aligned dates start at scattered x positions.
    remaining = sorted(right_starts)
    aligned = 0
    for _ in range(2):
        if not remaining:
            break
        mode = Counter(round(x) for x in remaining).most_common(1)[0][0]
        cluster = [x for x in remaining if abs(x - mode) <= 3]
        aligned += len(cluster)
        remaining = [x for x in remaining if abs(x - mode) > 3]
    return aligned >= len(right_starts) * 0.7 and aligned >= 3


def _page_lines(
    words: list[_Word], width: float, page_number: int, links: list[tuple[str, float, float, float, float]]
) -> list[Line]:
    if not words:
        return []
    gutter = find_gutter(words, width)
    x_page = min(w.x0 for w in words)
    if gutter is None:
        return [_make_line(row, page_number, 0, x_page, links) for row in _rows(words)]
    full = {id(w) for row in _rows(words) if _spans_gutter(row, gutter) for w in row}
    right = [w for w in words if w.x0 >= gutter and id(w) not in full]
    # Everything above the first line of the right column is the header, read top to bottom.
    cut = min((w.top for w in right), default=float("inf")) - 1.0
    header = _rows([w for w in words if w.top < cut])
    body = [w for w in words if w.top >= cut]
    out = [_make_line(row, page_number, 0, x_page, links) for row in header]
    for column, group in ((1, [w for w in body if w.x1 <= gutter and id(w) not in full]),
                          (2, [w for w in body if w.x0 >= gutter and id(w) not in full])):
        if group:
            x_left = min(w.x0 for w in group)
            out.extend(_make_line(row, page_number, column, x_left, links) for row in _rows(group))
    footer = [w for w in body if id(w) in full]
    out.extend(_make_line(row, page_number, 0, x_page, links) for row in _rows(footer))
    return out


def _spans_gutter(row: list[_Word], gutter: float) -> bool:
    """A row runs across the gutter (a header line): a word crosses it, or the text flows over it
    with an ordinary word gap instead of the column gap."""
    if any(w.x0 < gutter < w.x1 for w in row):
        return True
    left = [w.x1 for w in row if w.x1 <= gutter]
    right = [w.x0 for w in row if w.x0 >= gutter]
    return bool(left and right) and min(right) - max(left) < 8.0



_CID = re.compile(r"\(cid:\d+\)")


def _make_line(
    row: list[_Word], page: int, column: int, x_left: float, links: list[tuple[str, float, float, float, float]]
) -> Line:
    text = " ".join(w.text for w in row)
    if _CID.match(text):
        # A glyph without a Unicode mapping at the start of a line is a bullet symbol.
        text = "• " + _CID.sub("", text, count=1).lstrip()
    text = _CID.sub("", text).strip()
    chars = sum(len(w.text) for w in row) or 1
    bold_chars = sum(len(w.text) for w in row if w.bold)
    x0, x1 = row[0].x0, max(w.x1 for w in row)
    top, bottom = min(w.top for w in row), max(w.bottom for w in row)
    row_links = tuple(
        uri for uri, lx0, lx1, ltop, lbottom in links
        if lx0 < x1 and lx1 > x0 and ltop < bottom and lbottom > top
    )
    return Line(
        text=text,
        bold=bold_chars / chars >= 0.6,
        size=max(w.size for w in row),
        indent=round(x0 - x_left, 1),
        page=page,
        column=column,
        top=top,
        links=row_links,
        x0=x0,
    )
