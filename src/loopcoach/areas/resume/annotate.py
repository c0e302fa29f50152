"""The resume's lines with the findings marked in place: metrics, duty phrases, job keywords, flagged lines.

Both the saved HTML report and the web page draw from ``annotate``: each line is a
list of segments, each segment plain or marked with a kind (``metric``, ``duty``,
``keyword``) and a tooltip, plus the notes of the checks that point at the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loopcoach.areas.resume.analyze import ResumeReport
from loopcoach.areas.resume.checks import DUTY_PHRASES
from loopcoach.text.numbers import find_measures


@dataclass
class Segment:
    """A piece of a line, plain (kind None) or marked."""

    text: str
    kind: str | None = None
    title: str = ""


@dataclass
class AnnotatedLine:
    """One source line with its marks and the check notes pointing at it."""

    number: int
    page: int
    section: str
    heading: bool
    segments: list[Segment]
    notes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """True when a failing check points at this line."""
        return bool(self.notes)


def annotate(report: ResumeReport) -> list[AnnotatedLine]:
    """Every line of the resume with its marks, in document order."""
    notes: dict[int, list[str]] = {}
    for check in report.checks:
        # The keywords check lists where skills were found: those lines are marked, not flagged.
        if check.id == "keywords" or (check.passed and check.id not in ("metrics", "strong_verbs", "bullet_length")):
            continue
        for number in check.lines:
            label = check.id.replace("_", " ")
            if label not in notes.setdefault(number, []):
                notes[number].append(label)
    keywords: dict[int, list[tuple[str, str]]] = {}
    if report.job_match is not None:
        for kw in report.job_match.keywords:
            for number in kw.lines:
                for variant in kw.variants:
                    if not variant.startswith("via "):
                        keywords.setdefault(number, []).append((variant, kw.term))
    section_of: dict[int, str] = {}
    headings: set[int] = set()
    for section in report.resume.sections:
        if section.heading:
            headings.add(section.line)
        for line in section.lines:
            section_of[line.number] = section.kind
    out: list[AnnotatedLine] = []
    for line in report.resume.lines:
        spans: list[tuple[int, int, str, str]] = []
        for measure in find_measures(line.text):
            spans.append((measure.start, measure.end, "metric", f"measured outcome ({measure.kind})"))
        for duty in DUTY_PHRASES.finditer(line.text):
            spans.append((duty.start(), duty.end(), "duty", "describes a duty, not a result"))
        for variant, term in keywords.get(line.number, []):
            for hit in re.finditer(re.escape(variant), line.text):
                spans.append((hit.start(), hit.end(), "keyword", f"job keyword: {term}"))
        out.append(AnnotatedLine(
            number=line.number, page=line.page, section=section_of.get(line.number, "heading"),
            heading=line.number in headings and line.number not in section_of, segments=_segments(line.text, spans),
            notes=notes.get(line.number, []),
        ))
    return out


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut a line into plain and marked segments; overlapping marks keep the earlier, longer one."""
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    segments: list[Segment] = []
    pos = 0
    for start, end, kind, title in spans:
        if start < pos:
            continue
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(text[start:end], kind, title))
        pos = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments
