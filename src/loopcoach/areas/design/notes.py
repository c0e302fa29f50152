"""Turn a candidate's design notes (Markdown) into ordered, section-tagged sentences.

Headings ("## Data", "**3. Features**", "Model:") assign the lines below them
to a framework step; bullets and paragraphs are split into sentences; the node
and edge labels of Mermaid diagrams become one sentence of the high-level
design, so a drawn pipeline counts as much as a written one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loopcoach.areas.design.framework import SECTION_CUES

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\d+[.)]\s*)?\*\*(.+?)\*\*\s*:?\s*$")
_LABEL_LINE = re.compile(r"^\s*(?:\d+[.)]\s*)?([A-Za-z][A-Za-z /&-]{2,40}):\s*(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_MERMAID_LABEL = re.compile(r"\[([^\]]+)\]|\(([^()]+)\)|\{([^{}]+)\}|\|([^|]+)\|")
_FENCE = re.compile(r"^\s*(```|~~~)\s*([\w-]*)")
_ARROW = re.compile(r"-{1,2}>|→|=>|⟶")
_ABBREV = re.compile(r"\b(e\.g|i\.e|vs|etc|approx|incl)\.", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """One sentence of the notes with the step its section belongs to (or None) and its position."""

    text: str
    section: str | None
    position: int
    is_diagram: bool = False

    @property
    def flow(self) -> bool:
        """A diagram, or a sentence chaining components with two or more arrows."""
        return self.is_diagram or len(_ARROW.findall(self.text)) >= 2


def section_for(heading: str) -> str | None:
    """Map a heading's words to a framework step id, or None when it names none."""
    low = heading.lower()
    best: str | None = None
    best_at = len(low) + 1
    for step, cues in SECTION_CUES.items():
        for cue in cues:
            at = low.find(cue)
            if at != -1 and at < best_at:
                best, best_at = step, at
    return best


def _split_sentences(text: str) -> list[str]:
    protected = _ABBREV.sub(lambda m: m.group(0).replace(".", "\u2024"), text)
    parts = _SENTENCE_END.split(protected)
    return [p.replace("\u2024", ".").strip() for p in parts if p.strip()]


def _diagram_sentence(lines: list[str]) -> str:
    labels: list[str] = []
    for line in lines:
        for m in _MERMAID_LABEL.finditer(line):
            label = next(g for g in m.groups() if g is not None).strip(" \"'()[]{}/\\")
            if label and label not in labels:
                labels.append(label)
    return "Diagram: " + ", ".join(labels) + "." if labels else ""


def parse_notes(text: str) -> list[Unit]:
    """Split Markdown notes into section-tagged sentences, in document order."""
    units: list[Unit] = []
    section: str | None = None
    in_fence = False
    fence_lang = ""
    fence_lines: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            for sent in _split_sentences(" ".join(paragraph)):
                units.append(Unit(sent, section, len(units)))
            paragraph.clear()

    for raw in text.splitlines():
        fence = _FENCE.match(raw)
        if in_fence:
            if fence and not fence.group(2):
                in_fence = False
                if fence_lang == "mermaid":
                    sent = _diagram_sentence(fence_lines)
                    if sent:
                        units.append(Unit(sent, "high_level_design", len(units), True))
                fence_lines = []
            else:
                fence_lines.append(raw)
            continue
        if fence:
            flush()
            in_fence, fence_lang = True, fence.group(2).lower()
            continue
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(raw) or _BOLD_LINE.match(raw)
        if heading:
            flush()
            title = heading.group(heading.lastindex or 1)
            section = section_for(title) or section
            continue
        label = _LABEL_LINE.match(raw)
        if label and section_for(label.group(1)) is not None and len(label.group(1).split()) <= 4:
            flush()
            section = section_for(label.group(1))
            line = label.group(2).strip()
            if not line:
                continue
        if _BULLET.match(raw):
            flush()
            paragraph.append(_BULLET.sub("", raw).strip())
            flush()
            continue
        paragraph.append(line)
    flush()
    if in_fence and fence_lang == "mermaid":
        sent = _diagram_sentence(fence_lines)
        if sent:
            units.append(Unit(sent, "high_level_design", len(units), True))
    return units
