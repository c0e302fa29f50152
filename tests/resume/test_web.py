"""The resume page: upload + job, marked text, saved HTML report; and a real browser run with a screenshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rendering import render_pdf

from loopcoach.services.context import AppContext


def test_page_renders_form(client: Any) -> None:
    page = client.get("/resume")
    assert page.status_code == 200
    assert 'name="resume"' in page.text and 'name="job"' in page.text and 'name="csrf_token"' in page.text


def test_upload_with_job_marks_findings_and_stores(client: Any, ctx: AppContext, resume_md: dict[str, str],
                                                   job_text: dict[str, str]) -> None:
    pdf = render_pdf(resume_md["r01"], "two-column")
    response = client.post("/resume/check", files={"resume": ("priya.pdf", pdf, "application/pdf")},
                           data={"job": job_text["llm-engineer"]}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.text
    assert "<mark class=\"metric\"" in html and "<mark class=\"keyword\"" in html
    assert "Job keywords:" in html and "If you have really used a missing skill" in html
    attempts = ctx.store.list_attempts(area="resume")
    assert len(attempts) == 1
    report = client.get(f"/resume/report/{attempts[0].id}")
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert "Your resume, marked" in report.text


def test_bad_upload_shows_one_sentence_and_stores_nothing(client: Any, ctx: AppContext) -> None:
    response = client.post("/resume/check", files={"resume": ("scan.pdf", b"%PDF-1.4 nothing", "application/pdf")},
                           data={"job": ""})
    assert response.status_code == 400 and 'class="flash error"' in response.text
    assert ctx.store.list_attempts(area="resume") == []
    assert client.get("/resume/report/999").status_code == 404


def test_post_without_csrf_is_refused(client: Any) -> None:
    response = client.request("POST", "/resume/check", files={"resume": ("a.md", b"# A\n", "text/markdown")},
                              csrf=False)
    assert response.status_code in (400, 403)


@pytest.mark.browser
def test_browser_upload_shows_marked_resume(page: Any, shot: Callable[[Any, str], Path], tmp_path: Path,
                                            resume_md: dict[str, str], job_text: dict[str, str]) -> None:
    pdf = tmp_path / "marcus.pdf"
    pdf.write_bytes(render_pdf(resume_md["r02"], "modern"))
    page.goto("/resume")
    shot(page, "resume-empty")
    page.set_input_files("#resume-file", str(pdf))
    page.fill("#job", job_text["ml-engineer-recsys"])
    page.click("button[type=submit]")
    page.wait_for_selector(".doc .ln")
    assert page.locator("mark.metric").count() >= 5
    assert page.locator("mark.keyword").count() >= 5
    assert page.locator(".kw-table tr.miss").count() >= 1
    assert page.locator(".result-head .score").inner_text().isdigit()
    shot(page, "resume-result")


@pytest.mark.browser
def test_saved_html_report_renders_offline(page: Any, shot: Callable[[Any, str], Path], cli: Callable[..., Any],
                                           tmp_path: Path, resume_md: dict[str, str], job_text: dict[str, str]) -> None:
    resume = tmp_path / "tom.md"
    resume.write_text(resume_md["r04"])
    job = tmp_path / "job.txt"
    job.write_text(job_text["data-scientist"])
    out = tmp_path / "report.html"
    assert cli("resume", "check", str(resume), "--job", str(job), "--html", str(out)).exit_code == 0
    page.goto(out.as_uri())
    assert page.locator(".ln.flag").count() >= 6
    assert page.locator("mark.duty").count() >= 4
    shot(page, "resume-html-report")


def test_application_link_prefills_the_job(client: Any, store: Any) -> None:
    app_id = store.add_application("Acme", "ML Engineer", job_description="We need PyTorch and RAG experience.")
    page = client.get(f"/resume?application={app_id}")
    assert page.status_code == 200
    assert "We need PyTorch and RAG experience." in page.text
    assert client.get("/resume?application=999").status_code == 404
