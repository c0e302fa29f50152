"""Fast extraction of words (with font and size) and link annotations from a PDF with PDFium.

PDFium (through pypdfium2, installed with pdfplumber) reads the text layer in C,
several times faster than pdfminer, which keeps a two-page resume well under the
time budget. Characters become words at spaces, line breaks and wide gaps; each
word keeps its baseline, box, font size and whether its font is bold.
"""

from __future__ import annotations

import ctypes
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from loopcoach.areas.resume.readers.limits import DEFAULT_LIMITS, ReadLimits
from loopcoach.errors import InvalidDocumentError

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
_MAX_LINKS = 500  # link annotations kept per page


@dataclass
class PdfWord:
    """A word on a page, in top-left coordinates (points)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class PdfPage:
    """The words and link rectangles of one page."""

    width: float
    height: float
    words: list[PdfWord]
    links: list[tuple[str, float, float, float, float]]
    marks: list[tuple[float, float]] = field(default_factory=list)


def page_notice(name: str, total: int, read: int) -> str:
    """The sentence saying that only the first pages of a long PDF were read."""
    return f"{name} has {total:,} pages; loopcoach reads the first {read:,}."


def open_pages(data: bytes, name: str, limits: ReadLimits = DEFAULT_LIMITS,
               notices: list[str] | None = None) -> Iterator[PdfPage]:
    """Yield the first ``limits.pages`` pages of a PDF; InvalidDocumentError for an encrypted or damaged file.

    What the limits cut off is appended to ``notices``, one sentence per limit.
    """
    said = notices if notices is not None else []
    import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InvalidDocumentError(
                f"{name} is password-protected; save an unprotected copy (print to PDF) and check that instead."
            ) from exc
        raise InvalidDocumentError(f"{name} is not a readable PDF file (it may be damaged).") from exc
    try:
        total = len(document)
        if total > limits.pages:
            said.append(page_notice(name, total, limits.pages))
        dense_said = False
        for index in range(min(total, limits.pages)):
            page = document[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    count = textpage.count_chars()
                    if count > limits.chars_per_page and not dense_said:
                        dense_said = True
                        said.append(f"Page {index + 1} of {name} holds {count:,} characters; loopcoach reads "
                                    f"the first {limits.chars_per_page:,} of each page.")
                    words = _words(textpage.raw, min(count, limits.chars_per_page), height)
                finally:
                    textpage.close()
                links = _links(document.raw, page.raw, height)
                marks = _bullet_marks(page, height, limits.objects_per_page)
                yield PdfPage(float(width), float(height), words, links, marks)
            finally:
                page.close()
    finally:
        document.close()


def _words(tp: Any, count: int, height: float) -> list[PdfWord]:
    import pypdfium2.raw as raw  # type: ignore[import-untyped, unused-ignore]

    if count <= 0:
        return []
    text_buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(tp, 0, count, ctypes.cast(text_buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = array("H")
    units.frombytes(text_buffer.raw[: count * 2])
    if sys.byteorder == "big":
        units.byteswap()
    codes = units.tolist()
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    words: list[PdfWord] = []
    chars: list[str] = []
    x0 = x1 = 0.0
    font_cache: dict[bytes, bool] = {}
    current: tuple[float, float, bool] | None = None  # baseline, size, bold

    def flush() -> None:
        nonlocal chars, current
        if chars and current is not None:
            word = "".join(chars)
            baseline, size, bold = current
            words.append(PdfWord(word, x0, x1, height - baseline - size * 0.8, height - baseline + size * 0.2,
                                 round(size, 1), bold))
        chars, current = [], None

    for i, code in enumerate(codes):
        if code in (0, 0x20, 0x0D, 0x0A, 0x09, 0xA0, 0xFFFE, 0x02):
            flush()
            continue
        raw.FPDFText_GetCharBox(tp, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                                ctypes.byref(top))
        if current is not None:
            size = current[1]
            same_line = abs((bottom.value + top.value) / 2 - (current[0] + size * 0.3)) <= max(size, 1.0) * 0.6
            if not same_line or left.value - x1 > max(size, 1.0) * 0.35:
                flush()
        if current is None:
            raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(ox), ctypes.byref(oy))
            size = float(raw.FPDFText_GetFontSize(tp, i))
            length = raw.FPDFText_GetFontInfo(tp, i, buf, 128, ctypes.byref(flags))
            font = buf.raw[:length]
            bold = font_cache.get(font)
            if bold is None:
                name = font.decode("latin-1", "replace").lower()
                bold = any(m in name for m in _BOLD_MARKERS) or raw.FPDFText_GetFontWeight(tp, i) >= 600
                font_cache[font] = bold
            current = (oy.value, size, bold)
            x0 = left.value
            x1 = right.value
        x1 = max(x1, right.value)
        if not (0x20 <= code < 0x7F or code >= 0xA0) or 0xE000 <= code <= 0xF8FF:
            chars.append("•")  # unmapped or private-use glyphs in resumes are bullet symbols
        else:
            chars.append(chr(code))
    flush()
    return words


def _bullet_marks(page: Any, height: float, limit: int) -> list[tuple[float, float]]:
    """Small square shapes drawn as list bullets (Chrome, Google Docs): (right edge x, centre y from the top).

    Only the first ``limit`` shapes are looked at: a page of a million drawn paths is not a resume.
    """
    import pypdfium2.raw as raw

    marks: list[tuple[float, float]] = []
    for obj in islice(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2), limit):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if 1.5 <= w <= 7.0 and 1.5 <= h <= 7.0 and 0.5 <= w / h <= 2.0:
            marks.append((float(right), float(height - (top + bottom) / 2)))
    return marks


def _links(doc: Any, page: Any, height: float) -> list[tuple[str, float, float, float, float]]:
    import pypdfium2.raw as raw

    found: list[tuple[str, float, float, float, float]] = []
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    seen = 0
    while seen < _MAX_LINKS and raw.FPDFLink_Enumerate(page, ctypes.byref(pos), ctypes.byref(link)):
        seen += 1
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(doc, action, None, 0)
        if size <= 1 or size > 4096:
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(doc, action, buffer, size)
        uri = buffer.value.decode("utf-8", "replace")
        if raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            found.append((uri, rect.left, rect.right, height - rect.top, height - rect.bottom))
    return found
