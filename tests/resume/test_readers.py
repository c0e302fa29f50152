"""Each reader (PDF one- and two-column, DOCX styles and tables, Markdown, text) gives the same structure."""

from __future__ import annotations

import pytest
from rendering import render_docx, render_pdf, render_text

from loopcoach.areas.resume.analyze import parse_resume
from loopcoach.areas.resume.readers.pdf import read_pdf
from loopcoach.areas.resume.structure import build_resume

R03_SECTIONS = [("contact", ""), ("summary", "who i am"), ("projects", "what i've built"),
                ("experience", "where i've worked"), ("skills", "toolbox"), ("education", "where i studied")]


def _kinds(resume: object) -> list[tuple[str, str]]:
    return [(s.kind, s.heading.lower()) for s in resume.sections]  # type: ignore[attr-defined]


@pytest.mark.parametrize("layout", ["classic", "modern", "two-column"])
def test_pdf_layouts_keep_sections_bullets_and_the_link_behind_text(resume_md: dict[str, str], layout: str) -> None:
    pdf = render_pdf(resume_md["r03"], layout, sidebar=2)
    resume = parse_resume(pdf, "r03.pdf")
    assert _kinds(resume) == R03_SECTIONS
    assert resume.contact.github == "https://github.com/sofiam-dev"  # only a "GitHub" label is printed
    assert resume.contact.github_in_header
    bullets = [b.text for b in resume.bullets]
    assert len(bullets) == 5
    # Wrapped bullet lines are joined back into one bullet.
    assert bullets[0].startswith("Built a time series forecasting model") and bullets[0].endswith("5.4%.")


def test_two_column_pdf_reads_left_column_then_right(resume_md: dict[str, str]) -> None:
    raw = read_pdf(render_pdf(resume_md["r21"], "two-column", sidebar=2))
    columns = {line.text: line.column for line in raw.lines}
    assert columns["SKILLS"] == 1 and columns["EXPERIENCE"] == 2
    texts = [line.text for line in raw.lines]
    assert texts.index("EDUCATION") < texts.index("EXPERIENCE") < texts.index("PROJECTS")


def test_pdfplumber_engine_agrees_with_pdfium(resume_md: dict[str, str]) -> None:
    pdf = render_pdf(resume_md["r07"], "two-column", sidebar=2)
    fast = build_resume(read_pdf(pdf, engine="pdfium"))
    slow = build_resume(read_pdf(pdf, engine="pdfplumber"))
    assert _kinds(fast) == _kinds(slow)
    assert [b.text for b in fast.bullets] == [b.text for b in slow.bullets]
    assert fast.contact == slow.contact


@pytest.mark.parametrize("style", ["headings", "bold", "table"])
def test_docx_styles_and_hyperlinks(resume_md: dict[str, str], style: str) -> None:
    resume = parse_resume(render_docx(resume_md["r03"], style, sidebar=2), "r03.docx")
    assert _kinds(resume) == R03_SECTIONS
    assert resume.contact.github == "https://github.com/sofiam-dev"
    assert "https://github.com/sofiam-dev" in resume.links
    assert len(resume.bullets) == 5


def test_markdown_setext_headings_and_pages_link(resume_md: dict[str, str]) -> None:
    resume = parse_resume(resume_md["r08"].encode(), "r08.md")
    assert [s.kind for s in resume.sections] == ["contact", "experience", "projects", "skills", "education"]
    assert resume.contact.github == "https://github.com/aisha-rahman"  # from aisha-rahman.github.io


def test_markdown_bold_capital_headings(resume_md: dict[str, str]) -> None:
    resume = parse_resume(resume_md["r06"].encode(), "r06.md")
    assert [s.heading for s in resume.sections[1:]] == ["PROFILE", "PROJECTS", "EXPERIENCE", "EDUCATION", "SKILLS"]
    # Bold project titles inside PROJECTS are entries, not sections.
    projects = resume.sections_of("projects")[0]
    assert [e.title for e in projects.entries] == ["Essay grader", "Lab-report helper"]


def test_plain_text_with_indented_continuations() -> None:
    text = (
        "Ana Silva\nana@example.com | github.com/anasilva\n\nPROJECTS\n"
        "- Built a churn model that cut churn by 12% across\n  40k accounts in six months.\n"
        "- Wrote docs.\n\nSKILLS\nPython, SQL\n"
    )
    resume = parse_resume(text.encode(), "cv.txt")
    assert [s.kind for s in resume.sections] == ["contact", "projects", "skills"]
    assert resume.bullets[0].text.endswith("40k accounts in six months.")
    assert len(resume.bullets) == 2


def test_text_render_round_trip(resume_md: dict[str, str]) -> None:
    resume = parse_resume(render_text(resume_md["r12"]).encode(), "r12.txt")
    assert [s.kind for s in resume.sections] == ["contact", "projects", "education", "experience", "skills"]
    assert resume.contact.github == "https://github.com/hschmidt-cv"


def test_docx_contact_in_page_header_counts_as_header() -> None:
    import io

    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Mina Cho · mina@example.com · github.com/minacho"
    document.add_paragraph("Projects", style="Heading 1")
    document.add_paragraph("Built a detector that finds 95% of defects.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    resume = parse_resume(buffer.getvalue(), "mina.docx")
    assert resume.contact.github == "https://github.com/minacho" and resume.contact.github_in_header
    assert [s.kind for s in resume.sections] == ["contact", "projects"]
    assert resume.bullets[0].text.startswith("Built a detector")


def test_docx_text_boxes_are_read_once() -> None:
    """A sidebar in a text box (with Word's VML fallback copy) is read, and read once."""
    import io

    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    box = (
        f'<w:r xmlns:w="{w}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>SKILLS</w:t></w:r></w:p><w:p><w:r><w:t>PyTorch, Kubernetes</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>SKILLS</w:t></w:r></w:p><w:p><w:r><w:t>PyTorch, Kubernetes</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    document = docx.Document()
    document.add_paragraph("Sam Lee")
    document.add_paragraph("sam@example.com")
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(box))
    document.add_paragraph("PROJECTS")
    document.add_paragraph("Built a scheduler that cut idle GPU time by 30%.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    resume = parse_resume(buffer.getvalue(), "sam.docx")
    texts = [line.text for line in resume.lines]
    assert texts.count("PyTorch, Kubernetes") == 1
    assert [s.kind for s in resume.sections] == ["contact", "skills", "projects"]
