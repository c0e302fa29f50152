"""The one document model every resume reader produces, and the parsed resume built from it.

Readers (PDF, DOCX, Markdown, plain text) turn a file into a ``RawDocument``: a list
of ``Line`` objects in reading order, each with the layout facts the reader could
see (bold, font size, explicit heading level, list item, indent, column, links).
``structure.build_resume`` turns that into a ``Resume``: the contact block, the
sections (each of a known kind), their entries and bullets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SectionKind = Literal[
    "contact", "summary", "experience", "projects", "skills", "education", "publications", "awards", "other"
]
SECTION_KINDS: tuple[SectionKind, ...] = (
    "contact", "summary", "experience", "projects", "skills", "education", "publications", "awards", "other",
)
DocumentFormat = Literal["pdf", "docx", "md", "txt"]


@dataclass(frozen=True)
class Line:
    """One visual line (PDF) or paragraph (DOCX, Markdown, text) of a resume, in reading order."""

    text: str
    number: int = 0
    bold: bool = False
    size: float = 0.0
    heading_level: int = 0
    bullet: bool = False
    indent: float = 0.0
    page: int = 1
    column: int = 0
    top: float = 0.0
    links: tuple[str, ...] = ()
    x0: float = 0.0

    @property
    def caps(self) -> bool:
        """True when the line is written in capitals (at least three letters, none lower case)."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class RawDocument:
    """What a reader extracted: the lines in reading order and every link target it saw."""

    format: DocumentFormat
    lines: list[Line]
    links: list[str] = field(default_factory=list)
    pages: int = 1
    notices: list[str] = field(default_factory=list)  # limits the reader applied, one sentence each


@dataclass
class Bullet:
    """A list item (an achievement or duty), possibly wrapped over several source lines."""

    text: str
    line: int
    section: SectionKind


@dataclass
class Entry:
    """A job, project or degree: its title lines, free text lines and bullets."""

    title: str
    line: int
    lines: list[Line] = field(default_factory=list)
    bullets: list[Bullet] = field(default_factory=list)


@dataclass
class Section:
    """A section of a known kind, with the heading the author used."""

    kind: SectionKind
    heading: str
    line: int
    lines: list[Line] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    bullets: list[Bullet] = field(default_factory=list)

    def text(self) -> str:
        """All text of the section, one line per source line."""
        return "\n".join(line.text for line in self.lines)


@dataclass
class Contact:
    """The candidate's contact details; ``github`` is normalised to https://github.com/USER."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    github: str | None = None
    linkedin: str | None = None
    github_in_header: bool = False
    github_line: int | None = None

    def to_dict(self) -> dict[str, object]:
        """Return the contract's ``contact`` object."""
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "github": self.github,
            "linkedin": self.linkedin,
            "github_in_header": self.github_in_header,
        }


@dataclass
class Resume:
    """A parsed resume: every line, the contact block and the sections in document order."""

    format: DocumentFormat
    lines: list[Line]
    contact: Contact
    sections: list[Section]
    links: list[str] = field(default_factory=list)
    pages: int = 1
    notices: list[str] = field(default_factory=list)

    @property
    def bullets(self) -> list[Bullet]:
        """Every bullet of every section, in document order."""
        return [b for s in self.sections for b in s.bullets]

    def sections_of(self, kind: SectionKind) -> list[Section]:
        """The sections of one kind, in document order."""
        return [s for s in self.sections if s.kind == kind]

    @property
    def text(self) -> str:
        """The whole resume as plain text, one source line per line."""
        return "\n".join(line.text for line in self.lines)
