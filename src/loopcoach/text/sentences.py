"""Sentence splitting that survives bullets, abbreviations, decimals and versions.

A text is first cut into units: a bullet line, a Markdown heading, or a
paragraph whose soft-wrapped lines are joined. Each unit is then split at
sentence-ending punctuation, unless the period belongs to an abbreviation
("e.g.", "vs.", "Dr."), an initial ("J. Smith"), a decimal ("3.5") or a
version ("v2.1.0"). A unit right after a number ("35 ms.", "5 min.") is not an
abbreviation: "p95 fell to 35 ms. Then..." is two sentences, while "Ms. Lee"
stays one. Offsets always point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "vs", "etc", "approx", "mr", "mrs", "ms", "dr", "prof", "fig", "figs", "no", "nos",
        "eq", "eqs", "al", "cf", "inc", "ltd", "co", "corp", "jr", "sr", "st", "u.s", "u.k", "e.u", "ph.d",
        "m.sc", "b.sc", "b.s", "m.s", "b.a", "m.a", "dept", "est", "sec", "min", "max", "avg", "resp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "vol",
    }
)
# After these, a capitalised next word still does not start a new sentence.
_NEVER_END = frozenset({"e.g", "i.e", "vs", "cf", "mr", "mrs", "ms", "dr", "prof", "fig", "no", "eq", "st"})

# Words that are units of measure when a number comes right before them ("35 ms", "12min", "3 sec").
_UNITS = frozenset(
    {
        "ms", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "us", "ns", "kb", "mb", "gb", "tb", "k", "m",
        "x", "pp", "pts", "wk", "wks", "mo", "yr", "yrs", "max",
    }
)
_NUMBER_BEFORE_RE = re.compile(r"\d[\d,.]*\s?$")

BULLET_RE = re.compile(r"^[ \t]*(?:[-*+•·▪◦‣–—]|\d{1,3}[.)]|[a-zA-Z][.)](?=\s))[ \t]+")
HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_END_RE = re.compile(r"[.!?]+[\"')\]’”]*")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (bullet marker removed) and offsets into the source."""

    text: str
    start: int
    end: int


def _units(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into (start, end) spans: bullets, headings and paragraphs."""
    units: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            if current:
                units.append(current)
                current = None
            continue
        marker = BULLET_RE.match(body) or HEADING_RE.match(body)
        start = line_start + (marker.end() if marker else len(body) - len(body.lstrip()))
        end = line_start + len(body.rstrip())
        if marker or HEADING_RE.match(body) or body.lstrip().startswith("|"):
            if current:
                units.append(current)
            current = (start, end)
            if HEADING_RE.match(body):
                units.append(current)
                current = None
            continue
        if current is None:
            current = (start, end)
        else:
            current = (current[0], end)
    if current:
        units.append(current)
    return units


def _is_boundary(text: str, unit_end: int, dot_start: int, dot_end: int) -> bool:
    """Whether the punctuation run text[dot_start:dot_end] ends a sentence of a unit ending at unit_end."""
    punct = text[dot_start:dot_end]
    rest = text[dot_end:min(unit_end, dot_end + 40)]
    if not rest or not rest[0].isspace():
        return False
    following = rest.lstrip()
    if not following:
        return True
    if "!" in punct or "?" in punct:
        return True
    match = _WORD_BEFORE_RE.search(text, max(0, dot_start - 40), dot_start)
    word = match.group(1).lower() if match else ""
    first = following[0]
    if match and word in _UNITS and _NUMBER_BEFORE_RE.search(text, max(0, match.start() - 20), match.start()):
        # "35 ms." ends a sentence when the next word starts one, like any other word would.
        return first.isupper() or first.isdigit() or first in "\"'“‘([$€£#*-•"
    if word.rstrip(".") in _NEVER_END:
        return False
    if len(word) == 1 and word.isalpha() and text[dot_start - 1].isupper():
        return False  # an initial such as "J. Smith"
    if word.rstrip(".") in ABBREVIATIONS and not first.isupper():
        return False
    return first.isupper() or first.isdigit() or first in "\"'“‘([$€£#*-•"


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets into the original text."""
    sentences: list[Sentence] = []
    for unit_start, unit_end in _units(text):
        start = unit_start
        for match in _END_RE.finditer(text, unit_start, unit_end):
            if _is_boundary(text, unit_end, match.start(), match.end()):
                _append(sentences, text, start, match.end())
                start = match.end()
        _append(sentences, text, start, unit_end)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    real_start = start + lead
    real_end = real_start + len(stripped)
    out.append(Sentence(text=" ".join(stripped.split()), start=real_start, end=real_end))
