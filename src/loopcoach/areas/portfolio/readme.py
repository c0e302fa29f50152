"""A README as the checks see it: title, opening paragraph, headings, images, links, code blocks, tables.

Parsed with markdown-it (CommonMark + tables); HTML blocks are scanned for ``<img>``
and ``<a href>`` because many READMEs centre their banner and badges with HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_IMG_HTML = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_A_HTML = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_BADGE = re.compile(r"shields\.io|badge|/workflows/|codecov|travis-ci|circleci|badgen", re.IGNORECASE)


@dataclass
class Heading:
    """A heading with its level, text and the text of its section (up to the next heading)."""

    level: int
    text: str
    body: str = ""


@dataclass
class Readme:
    """The parts of a README the portfolio checks use."""

    text: str
    title: str | None
    opening: str
    headings: list[Heading]
    images: list[str]
    links: list[tuple[str, str]]
    code_blocks: list[tuple[str, str]]
    tables: list[str]
    paragraphs: list[str] = field(default_factory=list)

    def section_text(self, pattern: re.Pattern[str]) -> list[Heading]:
        """The headings whose text matches ``pattern``."""
        return [h for h in self.headings if pattern.search(h.text)]


def parse_readme(text: str) -> Readme:
    """Parse Markdown into a Readme; the opening is the prose before the first second-level heading."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    title: str | None = None
    opening: list[str] = []
    headings: list[Heading] = []
    images: list[str] = []
    links: list[tuple[str, str]] = []
    code: list[tuple[str, str]] = []
    tables: list[str] = []
    paragraphs: list[str] = []
    in_heading: int = 0
    in_table = False
    table_text: list[str] = []
    seen_section = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            in_heading = int(tok.tag[1])
        elif tok.type == "heading_close":
            in_heading = 0
        elif tok.type == "table_open":
            in_table, table_text = True, []
        elif tok.type == "table_close":
            in_table = False
            tables.append(" ".join(table_text))
            if headings:
                headings[-1].body += tables[-1] + "\n"
        elif tok.type in ("fence", "code_block"):
            code.append((tok.info.strip().lower(), tok.content))
        elif tok.type == "html_block":
            images.extend(_IMG_HTML.findall(tok.content))
            links.extend((re.sub(r"<[^>]+>", "", label).strip(), href) for href, label in _A_HTML.findall(tok.content))
        elif tok.type == "inline":
            plain, found_images, found_links = _inline(tok)
            images.extend(found_images)
            links.extend(found_links)
            if in_heading:
                if in_heading == 1 and title is None and not headings:
                    title = plain
                else:
                    headings.append(Heading(in_heading, plain))
                    seen_section = seen_section or in_heading <= 2
                continue
            if in_table:
                table_text.append(plain)
                continue
            if headings:
                headings[-1].body += plain + "\n"
            is_paragraph = i > 0 and tokens[i - 1].type == "paragraph_open"
            if is_paragraph and plain and not _badges_only(tok):
                paragraphs.append(plain)
                if not seen_section and not headings:
                    opening.append(plain)
        if headings and tok.type in ("fence", "code_block"):
            headings[-1].body += tok.content
    return Readme(text=text, title=title, opening="\n\n".join(opening), headings=headings, images=images,
                  links=links, code_blocks=code, tables=tables, paragraphs=paragraphs)


def _inline(tok: object) -> tuple[str, list[str], list[tuple[str, str]]]:
    images: list[str] = []
    links: list[tuple[str, str]] = []
    parts: list[str] = []
    href: str | None = None
    label: list[str] = []
    for child in getattr(tok, "children", None) or []:
        if child.type == "image":
            images.append(str(child.attrs.get("src", "")))
        elif child.type == "link_open":
            href, label = str(child.attrs.get("href", "")), []
        elif child.type == "link_close":
            links.append(("".join(label).strip(), href or ""))
            href = None
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
            if href is not None:
                label.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            images.extend(_IMG_HTML.findall(child.content))
    return re.sub(r"\s+", " ", "".join(parts)).strip(), images, links


def _badges_only(tok: object) -> bool:
    """True for a paragraph made only of badge images (shields.io and friends)."""
    children = getattr(tok, "children", None) or []
    images = [c for c in children if c.type == "image"]
    text = "".join(c.content for c in children if c.type == "text").strip()
    return bool(images) and not text and all(_BADGE.search(str(c.attrs.get("src", ""))) for c in images)
