"""Turn the bytes of a resume file into a RawDocument, whatever its format.

The format comes from the file's magic bytes first (``%PDF``, a zip archive) and
its extension second. Every refusal is a BadInputError with one sentence: empty,
over 10 MB, binary, or a document that cannot be read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from loopcoach.areas.resume.model import DocumentFormat, Line, RawDocument
from loopcoach.areas.resume.readers.limits import DEFAULT_LIMITS, ReadLimits
from loopcoach.errors import EmptyInputError, InvalidDocumentError, TooLargeError

MAX_BYTES = 10 * 1024 * 1024


def sniff_format(data: bytes, filename: str) -> DocumentFormat:
    """Return the format of a resume from its first bytes and its file name."""
    suffix = PurePath(filename).suffix.lower()
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in ("", ".txt", ".text"):
        from loopcoach.text.decoding import detect_bom

        bom = detect_bom(data)
        text = data[:4096].decode(bom[0] if bom else "utf-8", "ignore")
        if suffix == "" and ("\n#" in f"\n{text}" or "](" in text):
            return "md"
        return "txt"
    raise InvalidDocumentError(
        f"{filename} has the extension {suffix}, and loopcoach reads resumes as PDF, DOCX, Markdown or text."
    )


def decode_text(data: bytes, name: str) -> str:
    """Decode a text resume by the rules every edge shares (``loopcoach.text.decoding``): UTF-8, or
    UTF-16/32 with a byte-order mark; anything else is refused with one sentence, never guessed."""
    from loopcoach.text.decoding import decode_text as decode

    return decode(data, name, allow_empty=True)


def read_document(data: bytes, filename: str = "resume.txt", limits: ReadLimits = DEFAULT_LIMITS) -> RawDocument:
    """Read a resume file of any supported format within ``limits``; raise a BadInputError for unusable input.

    What a limit cut off is said in ``RawDocument.notices``, one sentence per limit.
    """
    name = PurePath(filename).name or "the resume"
    if len(data) > MAX_BYTES:
        raise TooLargeError(f"{name} is {len(data) / 1_048_576:.1f} MB, and loopcoach reads resumes up to 10 MB.")
    if not data.strip():
        raise EmptyInputError(f"{name} is empty.")
    fmt = sniff_format(data, filename)
    notices: list[str] = []
    if fmt == "pdf":
        from loopcoach.areas.resume.readers.pdf import read_pdf

        raw = read_pdf(data, name, limits=limits)
    elif fmt == "docx":
        from loopcoach.areas.resume.readers.docx import read_docx

        raw = read_docx(data, name, limits=limits)
    else:
        from loopcoach.areas.resume.readers.markup import read_markdown, read_text

        text = decode_text(data, name)
        if len(text) > limits.chars:
            notices.append(f"{name} holds {len(text):,} characters; loopcoach reads the first {limits.chars:,}.")
            text = text[:limits.chars]
        raw = read_markdown(text) if fmt == "md" else read_text(text)
    if not raw.lines:
        raise EmptyInputError(f"{name} holds no text to check.")
    return _bounded(replace(raw, notices=[*raw.notices, *notices]), name, limits)


def _bounded(raw: RawDocument, name: str, limits: ReadLimits) -> RawDocument:
    """Keep at most ``limits.lines`` lines and ``limits.chars`` characters, saying so when it cuts."""
    lines: list[Line] = []
    chars = 0
    for line in raw.lines:
        if len(lines) >= limits.lines or chars + len(line.text) > limits.chars:
            break
        lines.append(line)
        chars += len(line.text)
    if len(lines) == len(raw.lines):
        return raw
    if len(lines) >= limits.lines:
        notice = f"{name} has {len(raw.lines):,} lines; loopcoach reads the first {limits.lines:,}."
    else:
        notice = f"{name} holds over {limits.chars:,} characters of text; loopcoach reads the first {chars:,}."
    return replace(raw, lines=lines, notices=[*raw.notices, notice])
