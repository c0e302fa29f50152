"""Hostile but legal-looking documents: bounded pages, paragraphs, time and memory (issues #23 and #24).

The files are generated here, at test time (tests/resume/hostile.py); none is committed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import dense_page_pdf, huge_xml_docx, many_page_pdf

from loopcoach.errors import TooLargeError
from loopcoach.services.documents import DocumentBudget, DocumentReader, read_resume_document

GOOD = ("# Jo Example\njo@example.com · github.com/jo\n\n## Projects\n"
        "- Built a ranking service in PyTorch that cut p99 latency by 35%.\n"
        "- Shipped a feature store on Kubernetes used by 4 teams.\n")


@pytest.fixture(scope="module")
def many_pages() -> bytes:
    return many_page_pdf(400)


@pytest.fixture(scope="module")
def big_docx() -> bytes:
    return huge_xml_docx(6)


@pytest.fixture
def reader() -> Iterator[DocumentReader]:
    pool = DocumentReader(workers=1)
    yield pool
    pool.close()


def test_many_page_pdf_is_read_to_the_page_limit_with_a_sentence(many_pages: bytes, reader: DocumentReader) -> None:
    raw = reader.read(many_pages, "long.pdf")
    assert raw.notices == ["long.pdf has 400 pages; loopcoach reads the first 20."]
    assert max(line.page for line in raw.lines) == 20


def test_dense_pdf_page_is_cut_to_the_character_limit(reader: DocumentReader) -> None:
    raw = reader.read(dense_page_pdf(200_000), "dense.pdf")
    assert any("holds" in n and "reads the first 20,000 of each page" in n for n in raw.notices)
    assert sum(len(line.text) for line in raw.lines) <= 20_000


def test_docx_with_many_paragraphs_is_read_to_the_limit(big_docx: bytes, reader: DocumentReader) -> None:
    raw = reader.read(big_docx, "big.docx")
    assert any(n.startswith("big.docx has ") and "paragraphs; loopcoach reads the first 2,000." in n
               for n in raw.notices)
    assert len(raw.lines) <= 2_000


def test_docx_with_30_mb_of_xml_is_refused_at_once(reader: DocumentReader) -> None:
    with pytest.raises(TooLargeError, match=r"huge\.docx holds 3\d MB of document XML; loopcoach reads Word files "
                                            r"with up to 16 MB"):
        reader.read(huge_xml_docx(30), "huge.docx")


def test_wall_clock_budget_kills_the_reader_and_the_next_file_still_reads() -> None:
    # 20 read pages of 50 lines take ~0.3 s even on an idle machine: 15x the budget. (The 400-page fixture
    # is cut to 20 short pages and can finish inside a small budget on a quiet machine.)
    dense = many_page_pdf(400, lines_per_page=50)
    pool = DocumentReader(workers=1, budget=DocumentBudget(seconds=0.02))
    try:
        pool.read(GOOD.encode(), "warm.md")  # start the process outside the measured read
        with pytest.raises(TooLargeError, match=r"^long\.pdf took more than 0\.02 seconds to read, so loopcoach "
                                                r"stopped; .*\.$"):
            pool.read(dense, "long.pdf")
        assert pool.read(GOOD.encode(), "after.md").lines
    finally:
        pool.close()


def test_memory_ceiling_refuses_with_a_sentence() -> None:
    pool = DocumentReader(workers=1, budget=DocumentBudget(memory_bytes=100 * 1024 * 1024))
    try:
        with pytest.raises(TooLargeError, match=r"^big\.docx needs more than 100 MB of memory to read, so "
                                                r"loopcoach refused it\.$"):
            pool.read(huge_xml_docx(12), "big.docx")
        assert pool.read(GOOD.encode(), "after.md").lines
    finally:
        pool.close()


def test_shared_reader_is_what_the_resume_check_uses(many_pages: bytes, cli: Callable[..., Any],
                                                     tmp_path: Path) -> None:
    assert read_resume_document(GOOD.encode(), "a.md").lines
    path = tmp_path / "long.pdf"
    path.write_bytes(many_pages)
    result = cli("resume", "check", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["notices"] == ["long.pdf has 400 pages; loopcoach reads the first 20."]


def test_web_upload_of_a_long_pdf_shows_the_notice(many_pages: bytes, client: Any) -> None:
    response = client.post("/resume/check", files={"resume": ("long.pdf", many_pages, "application/pdf")})
    assert response.status_code == 200
    assert "long.pdf has 400 pages; loopcoach reads the first 20." in response.text


def test_batch_goes_on_past_files_over_the_limits_with_a_line_each(cli: Callable[..., Any], tmp_path: Path,
                                                                  many_pages: bytes) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    (folder / "long.pdf").write_bytes(many_pages)
    (folder / "huge.docx").write_bytes(huge_xml_docx(20))
    (folder / "latin1.txt").write_bytes(GOOD.replace("Jo", "Zoë").encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    job = tmp_path / "job.txt"
    job.write_text("We need PyTorch, Kubernetes and SQL.", encoding="utf-8")
    result = cli("resume", "batch", str(folder), "--job", str(job), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    rows = {Path(r["path"]).name: r for r in doc["resumes"]}
    assert set(rows) == {"good.md", "long.pdf", "huge.docx", "latin1.txt", "empty.txt"}
    assert doc["checked"] == 2 and doc["failed"] == 3
    assert rows["long.pdf"]["notices"] == ["long.pdf has 400 pages; loopcoach reads the first 20."]
    assert "16 MB" in rows["huge.docx"]["error"] and "not UTF-8" in rows["latin1.txt"]["error"]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 5 and "Traceback" not in result.stderr
    for name in rows:
        assert sum(name in line for line in lines) == 1


@pytest.mark.browser
def test_browser_shows_the_page_limit_notice(page: Any, shot: Callable[[Any, str], Path], tmp_path: Path,
                                             many_pages: bytes) -> None:
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(many_pages)
    page.goto("/resume")
    page.set_input_files("#resume-file", str(pdf))
    page.click("button[type=submit]")
    page.wait_for_selector(".result-head .score")
    notice = page.locator(".flash.info[role=status]")
    assert notice.inner_text() == "long.pdf has 400 pages; loopcoach reads the first 20."
    shot(page, "resume-page-limit-notice")


def test_warm_starts_a_reader_process_that_then_serves(reader: DocumentReader) -> None:
    reader.warm()
    worker = reader._slots.get()
    try:
        assert worker is not None and worker.proc.poll() is None
    finally:
        reader._slots.put(worker)
    assert reader.read(GOOD.encode(), "a.md").lines
