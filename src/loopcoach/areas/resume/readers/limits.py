"""How much of a document the readers read: the bounds on work that do not depend on the format.

A resume is one or two pages; a long academic CV perhaps ten. Whatever a file
claims to be, the readers stop at these bounds and say so in one sentence (a
*notice* on the document), so a 5,000-page PDF or a DOCX with hundreds of
thousands of paragraphs costs about what a 20-page one does. The wall-clock and
memory bounds of parsing live with the process that runs the readers
(``loopcoach.services.documents``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ReadLimits:
    """The most a reader takes from one document."""

    pages: int = 20                 # PDF pages read
    chars_per_page: int = 20_000    # characters taken from one PDF page (a dense page has ~5,000)
    objects_per_page: int = 5_000   # drawn shapes inspected per PDF page (for bullet marks)
    paragraphs: int = 2_000         # DOCX paragraphs (body, tables and text boxes)
    docx_xml_bytes: int = 16 * 1024 * 1024  # word/document.xml, unpacked; refused above this
    chars: int = 150_000            # characters of text kept from any format (about 40 pages)
    lines: int = 2_000              # lines kept from any format

    def to_dict(self) -> dict[str, int]:
        """The limits as JSON (sent to the reader process)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ReadLimits:
        """Limits from ``to_dict`` output; unknown keys are ignored."""
        known = set(cls.__dataclass_fields__)
        return cls(**{k: int(v) for k, v in raw.items() if k in known})


DEFAULT_LIMITS = ReadLimits()
