"""Bytes of a text file -> text, the same way for every edge (CLI arguments, web uploads, resumes, READMEs).

The rules, in order:

1. Over ``max_bytes``: TooLargeError.
2. A byte-order mark decides the encoding: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE),
   as Windows editors save "Unicode" text.
3. Without a BOM the text must be UTF-8. A NUL byte means a binary file; bytes that are
   not UTF-8 are refused with the position of the first bad byte, never guessed as
   Latin-1 (a guess silently garbles names and bullets).
4. Mostly control characters after decoding: a binary file.
5. Nothing but white space: EmptyInputError.

Every refusal is one sentence naming the input.
"""

from __future__ import annotations

import codecs

from loopcoach.errors import BinaryInputError, EmptyInputError, TooLargeError

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.05


def detect_bom(data: bytes) -> tuple[str, int, str] | None:
    """(codec, BOM length, encoding name) when ``data`` starts with a byte-order mark."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return codec, len(bom), label
    return None


def decode_text(data: bytes, name: str, max_bytes: int | None = None, allow_empty: bool = False) -> str:
    """Decode a text file per the module's rules; BadInputError subclasses with one sentence otherwise."""
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"{name} is {len(data):,} bytes; the limit is {max_bytes:,} bytes.")
    bom = detect_bom(data)
    if bom is not None:
        codec, skip, label = bom
        try:
            text = data[skip:].decode(codec)
        except UnicodeDecodeError:
            raise BinaryInputError(f"{name} starts with a {label} byte-order mark but is not valid {label} "
                                   "text.") from None
    else:
        if b"\x00" in data[:_SAMPLE]:
            raise BinaryInputError(f"{name} is a binary file, not text.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BinaryInputError(f"{name} is not UTF-8 text (byte {exc.start + 1:,} is not valid UTF-8); "
                                   "save it as UTF-8 and try again.") from None
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 9 or 13 < ord(ch) < 32 or ch == "\x00")
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(f"{name} is a binary file, not text.")
    if not allow_empty and not text.strip():
        raise EmptyInputError(f"{name} is empty.")
    return text
