"""Hostile but legal-looking resume files, generated at test time (never committed): many-page PDFs
and DOCX files whose document XML is huge but under the zip-bomb checks.

Shared by tests/resume/test_hostile_documents.py and benchmarks/resume_batch.py.
"""

from __future__ import annotations

import io
import random
import zipfile

_WORDS = ("built", "pipeline", "latency", "model", "PyTorch", "reduced", "team", "served", "feature", "store",
          "ranking", "throughput", "Kubernetes", "cost", "training", "evaluation", "drift", "alerts", "SQL")


def many_page_pdf(pages: int, lines_per_page: int = 3) -> bytes:
    """A text PDF of ``pages`` pages drawn with reportlab (a few lines each, so it renders fast)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(612, 792))
    for page in range(pages):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 740, "Jo Example" if page == 0 else f"Appendix {page}")
        c.setFont("Helvetica", 10)
        for i in range(lines_per_page):
            c.drawString(72, 710 - 15 * i, f"- Built ranking pipeline {i} that cut latency by {i + 5}% (page {page}).")
        c.showPage()
    c.save()
    return out.getvalue()


def dense_page_pdf(chars: int) -> bytes:
    """A one-page PDF whose text layer holds about ``chars`` tiny characters."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(612, 792))
    c.setFont("Helvetica", 1)
    line = "x" * 500
    rows = max(1, chars // len(line))
    for r in range(rows):
        c.drawString(2, 790 - (r % 780), line)
    c.showPage()
    c.save()
    return out.getvalue()


def huge_xml_docx(xml_megabytes: float, seed: int = 7) -> bytes:
    """A DOCX whose word/document.xml is about ``xml_megabytes`` MB of ordinary paragraphs.

    The text is varied enough to compress only about 5:1, like real prose, so it passes the
    zip-bomb checks that a repetitive file would trip.
    """
    import docx

    base = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Jo Example")
    document.save(base)
    rng = random.Random(seed)
    # 3,000 distinct paragraphs (~400 KB) repeated: deflate's 32 KB window cannot see the repeats.
    distinct = ["<w:p><w:r><w:t>" + " ".join(rng.choice(_WORDS) + str(rng.randrange(1000)) for _ in range(12))
                + "</w:t></w:r></w:p>" for _ in range(3000)]
    block = "".join(distinct)
    target = int(xml_megabytes * 1024 * 1024)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>'
           + block * max(1, target // len(block)) + "</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info.filename)
            dst.writestr(info.filename, data)
    return out.getvalue()
