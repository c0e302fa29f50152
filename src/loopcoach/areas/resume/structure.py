"""Build the Resume (sections, entries, bullets, contact) from the lines a reader produced.

Headings are found in two passes. The first collects lines whose words name a known
section ("Projects", "What I've Built") and notes how they are set: as a Markdown or
Word heading, in capitals, larger than the body text, or just bold. The most common
setting is the document's heading style; the second pass accepts as headings the
lines set that way, so a bold job title or a project called "Portfolio Optimizer" is
not taken for a section when the real headings are in capitals.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from typing import NamedTuple

from loopcoach.areas.resume.contact import extract_contact
from loopcoach.areas.resume.headings import classify_heading
from loopcoach.areas.resume.model import Bullet, Entry, Line, RawDocument, Resume, Section, SectionKind

BULLET_START = re.compile(r"^\s*(?:[•▪●◦‣■►✓➢]\s*|[-*+–—·]\s+|\d{1,2}[.)]\s+)")
_CONTACTISH = re.compile(r"@|https?://|www\.|\.com\b|\d{3}[\s.-]?\d{3,4}|\|")


class _Style(NamedTuple):
    level: int
    caps: bool
    big: bool
    bold: bool


def body_font_size(lines: list[Line]) -> float:
    """The most common font size weighted by characters (0 when the reader saw no sizes)."""
    sizes = Counter[float]()
    for line in lines:
        if line.size:
            sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def _style(line: Line, body: float) -> _Style:
    return _Style(line.heading_level, line.caps, bool(body and line.size >= body + 1.5), line.bold)


def _shape_ok(line: Line) -> str | None:
    """Return the heading text when the line is shaped like a heading, else None."""
    if line.bullet or BULLET_START.match(line.text):
        return None
    text = line.text.strip().rstrip(":").strip()
    if not text or len(text) > 48 or len(text.split()) > 6 or text.endswith("."):
        return None
    if _CONTACTISH.search(text) or (", " in text and line.heading_level == 0):
        return None
    return text


def _matches(style: _Style, dominant: _Style | None, line: Line, text: str, known: bool) -> bool:
    if dominant is None or dominant == _Style(0, False, False, False):
        # No visible heading style: a short known heading, or one ending with a colon.
        return known and (len(text.split()) <= 3 or line.text.rstrip().endswith(":"))
    if dominant.level:
        return style.level == dominant.level or (known and style.level > 0 and style.level <= dominant.level)
    if dominant.caps:
        return style.caps and (style.bold == dominant.bold or style.big)
    if dominant.big:
        return style.big
    return style.bold and (known or style.caps)


def find_headings(raw: RawDocument) -> dict[int, SectionKind]:
    """Map line index -> section kind for every line that is a section heading."""
    body = body_font_size(raw.lines)
    candidates: list[tuple[int, _Style]] = []
    for i, line in enumerate(raw.lines):
        text = _shape_ok(line)
        if text is not None and classify_heading(text) is not None and not (i == 0 and line.heading_level == 1):
            candidates.append((i, _style(line, body)))
    dominant: _Style | None = None
    if candidates:
        counts = Counter(style for _, style in candidates)
        # Prefer the strongest style that at least two headings share.
        ranked = sorted(counts.items(), key=lambda kv: (kv[1] >= 2, kv[1], kv[0].level > 0, kv[0].caps), reverse=True)
        dominant = ranked[0][0]
    headings: dict[int, SectionKind] = {}
    for i, line in enumerate(raw.lines):
        text = _shape_ok(line)
        if text is None:
            continue
        kind = classify_heading(text)
        style = _style(line, body)
        if i == 0 and (kind is None or (line.heading_level == 1 and len(raw.lines) > 1 and kind == "other")):
            continue  # the first line is the candidate's name
        if kind is not None and _matches(style, dominant, line, text, True):
            headings[i] = kind
        elif kind is None and dominant is not None and dominant != _Style(0, False, False, False):
            strong = dominant.level > 0 or dominant.caps or dominant.big
            if strong and _matches(style, dominant, line, text, False) and style == dominant and len(text.split()) <= 4:
                headings[i] = "other"
    return headings


def build_resume(raw: RawDocument) -> Resume:
    """Split the lines into a contact block and typed sections, then find entries, bullets and contact details."""
    headings = find_headings(raw)
    header = Section(kind="contact", heading="", line=raw.lines[0].number if raw.lines else 1)
    sections: list[Section] = []
    current = header
    for i, line in enumerate(raw.lines):
        if i in headings:
            current = Section(kind=headings[i], heading=line.text.strip().rstrip(":").strip(), line=line.number)
            sections.append(current)
        else:
            current.lines.append(line)
    if header.lines:
        sections.insert(0, header)
    for section in sections:
        _fill_entries(section)
    contact = extract_contact(sections, raw.lines)
    return Resume(format=raw.format, lines=raw.lines, contact=contact, sections=sections, links=raw.links,
                  pages=raw.pages, notices=list(raw.notices))


def _fill_entries(section: Section) -> None:
    entry: Entry | None = None
    last_bullet: tuple[Bullet, Line] | None = None
    previous: Line | None = None
    for line in section.lines:
        prev, previous = previous, line
        mark = BULLET_START.match(line.text)
        if line.bullet or mark:
            text = line.text[mark.end():].strip() if mark else line.text.strip()
            bullet = Bullet(text=text, line=line.number, section=section.kind)
            last_bullet = (bullet, line)
            if section.kind != "contact":
                section.bullets.append(bullet)
                if entry is not None:
                    entry.bullets.append(bullet)
            continue
        if last_bullet is not None and prev is not None and _continues(last_bullet[1], prev, line):
            last_bullet[0].text = f"{last_bullet[0].text} {line.text.strip()}"
            continue
        if entry is None or last_bullet is not None or line.bold:
            entry = Entry(title=line.text.strip(), line=line.number)
            section.entries.append(entry)
        entry.lines.append(line)
        last_bullet = None


def _continues(start: Line, prev: Line, line: Line) -> bool:
    """A wrapped PDF line continues a bullet: same column and page, not bold, and either indented past the
    bullet character, or (for a bullet drawn as a shape, with no character) aligned with the bullet's text
    and directly below the previous line."""
    if start.top == 0.0 or (line.bold and not start.bold):
        return False
    if line.page != start.page or line.column != start.column:
        return False
    if BULLET_START.match(start.text):
        return line.indent > start.indent + 2.0
    size = line.size or 10.0
    return abs(line.indent - start.indent) <= 2.0 and 0 < line.top - prev.top <= size * 1.6


def median_bullet_words(bullets: list[Bullet]) -> float:
    """The median number of words per bullet (0 for none)."""
    return float(statistics.median(len(b.text.split()) for b in bullets)) if bullets else 0.0
