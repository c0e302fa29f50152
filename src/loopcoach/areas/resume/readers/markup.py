"""Read Markdown and plain-text resumes into lines.

Markdown: ``#`` and setext headings, list items (continuation lines are joined to
their item), ``**bold**`` lines, and links ``[label](url)`` or ``<url>`` whose
targets are kept. Plain text: underlined or capitalised headings, list markers and
indented continuation lines.
"""

from __future__ import annotations

import re

from loopcoach.areas.resume.model import Line, RawDocument

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET_MARK = re.compile(r"^\s*(?:[-*+•·▪●◦‣–—]|\d{1,2}[.)])\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")


def _inline(text: str) -> tuple[str, tuple[str, ...], bool]:
    """Strip inline Markdown; return the text, the link targets and whether it was all bold."""
    links: list[str] = []

    def link(match: re.Match[str]) -> str:
        links.append(match.group(2))
        return match.group(1)

    def auto(match: re.Match[str]) -> str:
        links.append(match.group(1))
        return match.group(1).removeprefix("mailto:")

    text = _LINK.sub(link, text)
    text = _AUTOLINK.sub(auto, text)
    stripped = text.strip()
    bold = bool(re.fullmatch(r"(\*\*|__)[^*_].*(\*\*|__)", stripped))
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_]([^*_\s][^*_]*?)[*_](?![\w*])", r"\1", text)
    text = text.replace("`", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip(), tuple(links), bold


def read_markdown(text: str) -> RawDocument:
    """Return the lines of a Markdown resume (each source line is a line; indented lines continue an item)."""
    lines: list[Line] = []
    source = text.splitlines()
    for i, raw in enumerate(source):
        previous = source[i - 1] if i > 0 else ""
        if not raw.strip():
            continue
        if _UNDERLINE.match(raw) and lines and previous.strip() and not BULLET_MARK.match(previous):
            prev = lines.pop()
            level = 1 if raw.strip().startswith("=") else 2
            lines.append(Line(text=prev.text, number=prev.number, heading_level=level, links=prev.links))
            continue
        if _RULE.match(raw):
            continue
        heading = _MD_HEADING.match(raw)
        if heading:
            body, links, _ = _inline(heading.group(2))
            lines.append(Line(text=body, number=i + 1, heading_level=len(heading.group(1)), links=links))
            continue
        mark = BULLET_MARK.match(raw)
        if mark:
            body, links, bold = _inline(raw[mark.end():])
            indent = float(len(raw) - len(raw.lstrip()))
            lines.append(Line(text=body, number=i + 1, bullet=True, bold=bold, indent=indent, links=links))
            continue
        body, links, bold = _inline(raw)
        if raw.rstrip().endswith("|") or raw.lstrip().startswith("|"):
            cells = [c.strip() for c in body.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue
            body = " | ".join(c for c in cells if c)
        if lines and lines[-1].bullet and previous.strip() and raw[:1].isspace():
            prev = lines.pop()
            lines.append(Line(text=f"{prev.text} {body}".strip(), number=prev.number, bullet=True, bold=prev.bold and bold,
                              indent=prev.indent, links=prev.links + links))
            continue
        lines.append(Line(text=body, number=i + 1, bold=bold, links=links))
    return _numbered("md", lines)


def read_text(text: str) -> RawDocument:
    """Return the lines of a plain-text resume."""
    lines: list[Line] = []
    prev_blank = True
    for i, raw in enumerate(text.splitlines()):
        if not raw.strip():
            prev_blank = True
            continue
        if _UNDERLINE.match(raw) and lines and not prev_blank:
            prev = lines.pop()
            lines.append(Line(text=prev.text, number=prev.number, heading_level=2, links=prev.links))
            prev_blank = False
            continue
        indent = float(len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip()))
        mark = BULLET_MARK.match(raw)
        body = raw[mark.end():] if mark else raw
        body = re.sub(r"\s+", " ", body).strip()
        links = tuple(re.findall(r"https?://[^\s)>\]]+", body))
        if not mark and lines and lines[-1].bullet and not prev_blank and indent > lines[-1].indent:
            prev = lines.pop()
            lines.append(Line(text=f"{prev.text} {body}", number=prev.number, bullet=True, indent=prev.indent,
                              links=prev.links + links))
            prev_blank = False
            continue
        lines.append(Line(text=body, number=i + 1, bullet=bool(mark), indent=indent, links=links))
        prev_blank = False
    return _numbered("txt", lines)


def _numbered(fmt: str, lines: list[Line]) -> RawDocument:
    """Drop lines left empty by markup; numbers stay the source line numbers, so advice matches the editor."""
    out = [ln for ln in lines if ln.text]
    links = [link for ln in out for link in ln.links]
    return RawDocument(format="md" if fmt == "md" else "txt", lines=out, links=links)
