"""The ``loopcoach resume`` contract: JSON fields, the HTML report, batch mode, stored attempts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rendering import render_docx, render_pdf

from loopcoach.services.context import AppContext

KINDS = {"contact", "summary", "experience", "projects", "skills", "education", "publications", "awards", "other"}


def test_check_json_contract(cli: Callable[..., Any], ctx: AppContext, tmp_path: Path, resume_md: dict[str, str],
                             job_text: dict[str, str]) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(render_pdf(resume_md["r17"], "classic"))
    job = tmp_path / "job.txt"
    job.write_text(job_text["llm-engineer"])
    result = cli("resume", "check", str(pdf), "--job", str(job), "--json")
    assert result.exit_code == 0, result.stderr
    r = json.loads(result.stdout)
    assert {s["kind"] for s in r["sections"]} <= KINDS
    assert [s["heading"] for s in r["sections"]] == ["", "CAREER", "EDUCATION", "SKILLS"]
    assert set(r["contact"]) >= {"name", "email", "phone", "github", "linkedin", "github_in_header"}
    assert r["contact"]["github"] == "https://github.com/sosei" and r["contact"]["github_in_header"] is True
    assert all(set(b) >= {"section", "text", "has_metric"} and isinstance(b["has_metric"], bool) for b in r["bullets"])
    match = r["job_match"]
    assert 0.0 <= match["coverage"] <= 1.0
    assert all(set(k) >= {"term", "found"} for k in match["keywords"])
    assert {"PyTorch", "RAG", "LLMs"} <= {k["term"] for k in match["keywords"] if k["found"]}
    ids = {c["id"] for c in r["checks"]}
    assert {"project_centric", "metrics", "github_link", "keywords"} <= ids
    assert all(isinstance(c["passed"], bool) and c["message"] for c in r["checks"])
    assert isinstance(r["score"], int) and 0 <= r["score"] <= 100
    attempts = ctx.store.list_attempts(area="resume")
    assert len(attempts) == 1 and attempts[0].score == r["score"]


def test_check_without_job_has_null_job_match(cli: Callable[..., Any], tmp_path: Path,
                                               resume_md: dict[str, str]) -> None:
    md = tmp_path / "cv.md"
    md.write_text(resume_md["r02"])
    r = json.loads(cli("resume", "check", str(md), "--json").stdout)
    assert r["job_match"] is None and "keywords" not in {c["id"] for c in r["checks"]}


def test_stdin_and_terminal_report(cli: Callable[..., Any], resume_md: dict[str, str]) -> None:
    result = cli("resume", "check", "-", input=resume_md["r04"])
    assert result.exit_code == 0
    assert "Score:" in result.stdout and "duty_phrasing" in result.stdout


def test_html_report_is_saved_and_escaped(cli: Callable[..., Any], tmp_path: Path) -> None:
    md = tmp_path / "cv.md"
    md.write_text("# Eve <script>alert(1)</script>\neve@example.com\n\n## Projects\n"
                  "- Built <b>things</b> that cut costs by 30%.\n")
    out = tmp_path / "report.html"
    assert cli("resume", "check", str(md), "--html", str(out)).exit_code == 0
    page = out.read_text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<mark class='metric'" in page and "30%" in page


def test_batch_progress_table_and_bad_files(cli: Callable[..., Any], tmp_path: Path, resume_md: dict[str, str],
                                            job_text: dict[str, str]) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(render_pdf(resume_md["r01"], "two-column"))
    (folder / "b.docx").write_bytes(render_docx(resume_md["r04"], "bold"))
    (folder / "c.md").write_text(resume_md["r17"])
    (folder / "d.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "notes.csv").write_text("ignored")
    job = tmp_path / "job.txt"
    job.write_text(job_text["llm-engineer"])
    result = cli("resume", "batch", str(folder), "--job", str(job), "--json")
    assert result.exit_code == 0, result.stderr
    r = json.loads(result.stdout)
    assert r["checked"] == 3 and r["failed"] == 1
    names = [Path(row["path"]).name for row in r["resumes"]]
    assert names[-1] == "d.pdf" and set(names[:3]) == {"a.pdf", "b.docx", "c.md"}
    scores = [row["score"] for row in r["resumes"][:3]]
    assert scores == sorted(scores, reverse=True)
    table = cli("resume", "batch", str(folder), "--job", str(job))
    assert "b.docx" in table.stdout and "mean score" in table.stdout
    assert cli("resume", "batch", str(tmp_path / "missing"), "--job", str(job)).exit_code == 2
