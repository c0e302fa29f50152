"""Render the labelled Markdown resumes to PDF (reportlab), DOCX (python-docx) and plain text.

This is test and benchmark tooling, deliberately independent of the readers it
feeds: a tiny Markdown block parser, then one writer per layout. PDF layouts:
``classic`` (Helvetica, bold capitals headings), ``modern`` (Times, larger mixed-case
headings), ``dates-right`` (classic with entry dates right-aligned in a table) and
``two-column`` (full-width header, a sidebar column and a main column).
DOCX styles: ``headings`` (Word heading styles), ``bold`` (bold, larger paragraphs)
and ``table`` (a one-row, two-cell table as a sidebar layout). Links keep their
targets behind the label text in both formats.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html import escape

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_DATES = re.compile(r"[,(—-]\s*((?:Summer )?\d{4}(?:\s*[–-]\s*(?:\d{4}|present))?)\)?\s*$")


@dataclass
class Block:
    """One rendered unit: name, heading, entry (bold title), bullet, or paragraph."""

    kind: str
    text: str
    marker: str = "•"


def parse_blocks(markdown: str) -> list[Block]:
    """Split the labelled Markdown into blocks (the subset the labelled set uses)."""
    lines = markdown.splitlines()
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not stripped or re.fullmatch(r"[=-]{3,}", stripped):
            continue
        if re.fullmatch(r"={3,}", nxt):
            blocks.append(Block("name", stripped))
        elif re.fullmatch(r"-{3,}", nxt):
            blocks.append(Block("heading", stripped))
        elif stripped.startswith("# "):
            blocks.append(Block("name", stripped[2:]))
        elif stripped.startswith("## "):
            blocks.append(Block("heading", stripped[3:]))
        elif stripped.startswith("### "):
            blocks.append(Block("entry", stripped[4:]))
        elif m := re.match(r"^(?:[-*]|(\d+)\.)\s+(.*)$", stripped):
            blocks.append(Block("bullet", m.group(2), f"{m.group(1)}." if m.group(1) else "•"))
        elif re.fullmatch(r"\*\*([A-Z][A-Z &'’]+)\*\*", stripped) or (
            re.fullmatch(r"[A-Z][A-Z &'’]{2,}", stripped) and blocks
        ):
            blocks.append(Block("heading", stripped.strip("*")))
        elif not blocks:
            blocks.append(Block("name", stripped))
        elif stripped.startswith("**"):
            blocks.append(Block("entry", stripped))
        else:
            blocks.append(Block("para", stripped))
    return blocks


def sections_of(blocks: list[Block]) -> tuple[list[Block], list[list[Block]]]:
    """The header blocks and the blocks of each section (heading first)."""
    header: list[Block] = []
    sections: list[list[Block]] = []
    for block in blocks:
        if block.kind == "heading":
            sections.append([block])
        elif sections:
            sections[-1].append(block)
        else:
            header.append(block)
    return header, sections


def _rl_inline(text: str) -> str:
    """Markdown inline -> reportlab paragraph markup (escaped, bold, links)."""
    out = escape(text, quote=False)
    out = _LINK.sub(lambda m: f'<link href="{m.group(2)}" color="#1a4fa0">{m.group(1)}</link>', out)
    return _BOLD.sub(r"<b>\1</b>", out)


def render_pdf(markdown: str, layout: str = "classic", sidebar: int = 2, repeat: int = 1) -> bytes:
    """Render to PDF with the given layout; ``repeat`` > 1 repeats the body (for multi-page benchmarks)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    blocks = parse_blocks(markdown)
    header, sections = sections_of(blocks)
    sections = [s for _ in range(repeat) for s in sections]
    serif = layout == "modern"
    body_font, bold_font = ("Times-Roman", "Times-Bold") if serif else ("Helvetica", "Helvetica-Bold")
    body = ParagraphStyle("body", fontName=body_font, fontSize=10, leading=12.5)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName=body_font)
    entry = ParagraphStyle("entry", parent=body, fontName=bold_font, spaceBefore=3)
    name = ParagraphStyle("name", parent=body, fontName=bold_font, fontSize=18, leading=22, spaceAfter=4)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=bold_font, fontSize=14 if serif else 11, leading=17 if serif else 14,
        spaceBefore=8, spaceAfter=3,
    )

    width, height = LETTER
    margin = 48

    def flow(items: list[Block]) -> list[object]:
        out: list[object] = []
        for b in items:
            if b.kind == "name":
                out.append(Paragraph(_rl_inline(b.text), name))
            elif b.kind == "heading":
                text = b.text if serif else b.text.upper()
                out.append(Paragraph(_rl_inline(text), heading))
            elif b.kind == "entry":
                title = b.text.replace("**", "")
                dates = _DATES.search(title) if layout == "dates-right" else None
                if dates:
                    # Title left, dates right-aligned in a borderless two-cell table, as many resumes do.
                    left = title[:dates.start()].rstrip(" ,—(-")
                    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
                    table = Table([[Paragraph(_rl_inline(left), entry), Paragraph(dates.group(1), right)]],
                                  colWidths=[0.72 * (width - 2 * margin), 0.28 * (width - 2 * margin)])
                    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
                    out.append(table)
                else:
                    out.append(Paragraph(_rl_inline(title), entry))
            elif b.kind == "bullet":
                out.append(Paragraph(_rl_inline(b.text), bullet, bulletText=b.marker))
            else:
                out.append(Paragraph(_rl_inline(b.text), body))
        return out

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=LETTER, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title="Resume")
    if layout == "two-column":
        header_h = 64
        top = height - margin - header_h
        left_w = (width - 2 * margin) * 0.42
        gutter = 24
        frames = [
            Frame(margin, top, width - 2 * margin, header_h, id="header", leftPadding=0, rightPadding=0),
            Frame(margin, margin, left_w, top - margin, id="left", leftPadding=0, rightPadding=0),
            Frame(margin + left_w + gutter, margin, width - 2 * margin - left_w - gutter, top - margin, id="right",
                  leftPadding=0, rightPadding=0),
        ]
        doc.addPageTemplates([PageTemplate(id="two", frames=frames)])
        story: list[object] = [*flow(header), FrameBreak()]
        for s in sections[:sidebar]:
            story += flow(s)
        story.append(FrameBreak())
        for s in sections[sidebar:]:
            story += flow(s)
    else:
        frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="main", leftPadding=0,
                      rightPadding=0)
        doc.addPageTemplates([PageTemplate(id="one", frames=[frame])])
        story = [*flow(header), Spacer(1, 4)]
        for s in sections:
            story += flow(s)
    doc.build(story)
    return buffer.getvalue()


def _docx_inline(paragraph: object, text: str, bold: bool = False) -> None:
    """Add Markdown inline text to a python-docx paragraph: bold runs and real hyperlinks."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    pos = 0
    for m in _LINK.finditer(text):
        _docx_runs(paragraph, text[pos:m.start()], bold)
        part = paragraph.part  # type: ignore[attr-defined]
        rel_id = part.relate_to(m.group(2), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        style = OxmlElement("w:color")
        style.set(qn("w:val"), "1A4FA0")
        props.append(style)
        if bold:
            props.append(OxmlElement("w:b"))
        run.append(props)
        t = OxmlElement("w:t")
        t.text = m.group(1)
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        paragraph._p.append(link)  # type: ignore[attr-defined]
        pos = m.end()
    _docx_runs(paragraph, text[pos:], bold)


def _docx_runs(paragraph: object, text: str, bold: bool) -> None:
    pieces = re.split(r"(\*\*.+?\*\*)", text)
    for piece in pieces:
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True  # type: ignore[attr-defined]
        else:
            run = paragraph.add_run(piece)  # type: ignore[attr-defined]
            if bold:
                run.bold = True


def render_docx(markdown: str, style: str = "headings", sidebar: int = 2) -> bytes:
    """Render to DOCX with Word heading styles, bold paragraphs, or a sidebar table."""
    import docx
    from docx.shared import Pt

    blocks = parse_blocks(markdown)
    header, sections = sections_of(blocks)
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)

    def add(container: object, b: Block) -> None:
        add_p = container.add_paragraph  # type: ignore[attr-defined]
        if b.kind == "name":
            if style == "headings":
                p = add_p(style="Title")
                _docx_inline(p, b.text)
            else:
                p = add_p()
                _docx_inline(p, b.text, bold=True)
                for r in p.runs:
                    r.font.size = Pt(18)
        elif b.kind == "heading":
            if style == "headings":
                p = add_p(style="Heading 1")
                _docx_inline(p, b.text)
            else:
                p = add_p()
                text = b.text.upper() if style == "table" else b.text
                _docx_inline(p, text, bold=True)
                for r in p.runs:
                    r.font.size = Pt(13)
        elif b.kind == "entry":
            p = add_p()
            _docx_inline(p, b.text.replace("**", ""), bold=True)
        elif b.kind == "bullet":
            p = add_p(style="List Number" if b.marker != "•" else "List Bullet")
            _docx_inline(p, b.text)
        else:
            p = add_p()
            _docx_inline(p, b.text)

    for b in header:
        add(document, b)
    if style == "table":
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        for s in sections[:sidebar]:
            for b in s:
                add(left, b)
        for s in sections[sidebar:]:
            for b in s:
                add(right, b)
    else:
        for s in sections:
            for b in s:
                add(document, b)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain_link(m: re.Match[str]) -> str:
    label, url = m.group(1), m.group(2)
    if "." in label or "/" in label or url.startswith("mailto:"):
        return label  # the label already is the address
    return f"{label} ({url})"


def render_text(markdown: str) -> str:
    """Render to plain text: capital headings, '-' bullets, link targets written out."""
    out: list[str] = []
    for b in parse_blocks(markdown):
        text = _LINK.sub(_plain_link, b.text)
        text = text.replace("**", "").replace("mailto:", "")
        if b.kind == "heading":
            out += ["", text.upper()]
        elif b.kind == "bullet":
            out.append(f"  {'-' if b.marker == '•' else b.marker} {text}")
        else:
            out.append(text)
    return "\n".join(out) + "\n"


def _html_inline(text: str) -> str:
    out = escape(text, quote=False)
    out = _LINK.sub(lambda m: f'<a href="{escape(m.group(2))}">{m.group(1)}</a>', out)
    return _BOLD.sub(r"<b>\1</b>", out)


def render_html(markdown: str, layout: str = "classic", sidebar: int = 2) -> str:
    """An HTML page of the resume (as a web resume builder or Google Docs would lay it out)."""
    header, sections = sections_of(parse_blocks(markdown))

    def html(blocks: list[Block]) -> str:
        parts: list[str] = []
        open_list: str | None = None
        for b in blocks:
            tag = ("ol" if b.marker != "•" else "ul") if b.kind == "bullet" else None
            if open_list and tag != open_list:
                parts.append(f"</{open_list}>")
                open_list = None
            if tag and not open_list:
                parts.append(f"<{tag}>")
                open_list = tag
            if b.kind == "name":
                parts.append(f"<h1>{_html_inline(b.text)}</h1>")
            elif b.kind == "heading":
                parts.append(f"<h2>{_html_inline(b.text)}</h2>")
            elif b.kind == "entry":
                parts.append(f"<p class='entry'>{_html_inline(b.text.replace('**', ''))}</p>")
            elif b.kind == "bullet":
                parts.append(f"<li>{_html_inline(b.text)}</li>")
            else:
                parts.append(f"<p>{_html_inline(b.text)}</p>")
        if open_list:
            parts.append(f"</{open_list}>")
        return "\n".join(parts)

    css = (
        "body{font-family:Arial,Helvetica,sans-serif;font-size:10.5pt;margin:0;color:#111}"
        "h1{font-size:20pt;margin:0 0 4pt}h2{font-size:11.5pt;text-transform:uppercase;margin:12pt 0 4pt;"
        "border-bottom:1px solid #999}p{margin:2pt 0}.entry{font-weight:bold;margin-top:6pt}"
        "ul,ol{margin:2pt 0;padding-left:16pt}li{margin:1pt 0}a{color:#1a4fa0}"
        ".cols{display:grid;grid-template-columns:38% 1fr;gap:26pt}"
    )
    body = html(header)
    if layout == "two-column":
        left = "\n".join(html(s) for s in sections[:sidebar])
        right = "\n".join(html(s) for s in sections[sidebar:])
        body += f"<div class='cols'><div>{left}</div><div>{right}</div></div>"
    else:
        body += "\n".join(html(s) for s in sections)
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def render_chromium_pdfs(items: list[tuple[str, str, int]], chromium: str = "/usr/bin/chromium") -> list[bytes]:
    """Print resumes to PDF with Chromium (a second PDF producer): items are (markdown, layout, sidebar).

    Runs in its own thread: Playwright's sync API refuses a thread where another sync session (the
    test suite's shared browser) already runs its event loop.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print_pdfs, items, chromium).result()


def _print_pdfs(items: list[tuple[str, str, int]], chromium: str) -> list[bytes]:
    from playwright.sync_api import sync_playwright

    out: list[bytes] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            for markdown, layout, sidebar in items:
                page.set_content(render_html(markdown, layout, sidebar))
                out.append(page.pdf(format="Letter", margin={"top": "0.6in", "bottom": "0.6in", "left": "0.6in",
                                                             "right": "0.6in"}, print_background=True))
        finally:
            browser.close()
    return out
