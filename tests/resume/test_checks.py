"""The checks and the job matcher: advice points at lines, false friends are refused, no skill is invented."""

from __future__ import annotations

from loopcoach.areas.resume.analyze import analyze_resume, parse_resume
from loopcoach.text.terms import load_taxonomy


def _report(md: str, job: str | None = None) -> object:
    return analyze_resume(parse_resume(md.encode(), "cv.md"), load_taxonomy(), job)


def _check(report: object, check_id: str) -> object:
    return next(c for c in report.checks if c.id == check_id)  # type: ignore[attr-defined]


def test_strong_resume_passes_the_core_checks(resume_md: dict[str, str]) -> None:
    report = _report(resume_md["r01"])
    for check_id in ("project_centric", "metrics", "github_link", "duty_phrasing", "strong_verbs"):
        assert _check(report, check_id).passed, check_id
    assert report.score >= 85  # type: ignore[attr-defined]


def test_weak_resume_gets_advice_on_the_right_lines(resume_md: dict[str, str]) -> None:
    report = _report(resume_md["r04"])
    duty = _check(report, "duty_phrasing")
    assert not duty.passed
    lines = {ln.number: ln.text for ln in report.resume.lines}  # type: ignore[attr-defined]
    assert lines[duty.lines[0]].startswith("Responsible for")
    assert "Responsible for" in duty.message or "responsible for" in duty.message
    assert not _check(report, "project_centric").passed
    assert not _check(report, "metrics").passed
    assert not _check(report, "github_link").passed
    assert report.score < 40  # type: ignore[attr-defined]


def test_skills_list_outweighing_projects_is_flagged(resume_md: dict[str, str]) -> None:
    check = _check(_report(resume_md["r13"]), "project_centric")
    assert not check.passed and "outweighs" in check.message


def test_projects_late_for_early_career_is_flagged() -> None:
    md = ("# A B\na@b.co | github.com/ab\n\n## Education\nBSc\n\n## Skills\nPython\n\n## Awards\n- Prize\n\n"
          "## Projects\n**Bot**\n- Built a bot that answers 80% of tickets.\n")
    check = _check(_report(md), "project_centric")
    assert not check.passed and "move" in check.message


def test_github_not_in_header_is_flagged() -> None:
    md = "# A B\na@b.co\n\n## Projects\n- Built a tool (github.com/ab/tool) used by 300 people.\n"
    check = _check(_report(md), "github_link")
    assert not check.passed and "header" in check.message


def test_java_is_not_javascript() -> None:
    md = "# A B\na@b.co\n\n## Skills\n- Java, Spring, SQL\n"
    report = _report(md, "We need JavaScript and TypeScript for our front end.")
    match = report.job_match  # type: ignore[attr-defined]
    found = {k.term: k.found for k in match.keywords}
    assert found == {"JavaScript": False, "TypeScript": False}


def test_synonyms_and_abbreviations_count() -> None:
    md = "# A B\na@b.co\n\n## Projects\n- Built retrieval-augmented generation over large language models.\n"
    report = _report(md, "Experience with RAG and LLMs is required.")
    keywords = {k.term: k for k in report.job_match.keywords}  # type: ignore[attr-defined]
    assert keywords["RAG"].found and keywords["LLMs"].found
    assert "retrieval-augmented generation" in keywords["RAG"].variants


def test_missing_skill_advice_never_claims_it() -> None:
    md = "# A B\na@b.co\n\n## Projects\n- Built a model that cut costs by 20%.\n\n## Skills\nPython\n"
    report = _report(md, "Must know Kubernetes.")
    kw = report.job_match.keywords[0]  # type: ignore[attr-defined]
    assert kw.term == "Kubernetes" and not kw.found
    assert kw.suggestion.startswith("If you have really used Kubernetes") and "leave it off" in kw.suggestion
    assert "line 5" in kw.place  # the first projects bullet, not its heading


def test_job_text_tools_outside_the_taxonomy() -> None:
    md = "# A B\na@b.co\n\n## Projects\n- Built agents with LangGraph and FooBarDB, cutting latency by 30%.\n"
    job = "About us: MegaCorp builds things.\n- Hands-on experience with FooBarDB and QuuxFlow.\n"
    report = _report(md, job)
    extra = {k.term: k.found for k in report.job_match.keywords if not k.from_taxonomy}  # type: ignore[attr-defined]
    assert extra == {"FooBarDB": True, "QuuxFlow": False}  # MegaCorp is in the intro, not a skill line


def test_score_is_an_integer_in_range(resume_md: dict[str, str], job_text: dict[str, str]) -> None:
    for key in ("r01", "r04", "r14"):
        score = _report(resume_md[key], job_text["llm-engineer"]).score  # type: ignore[attr-defined]
        assert isinstance(score, int) and 0 <= score <= 100


def test_early_career_from_experience_dates(resume_md: dict[str, str]) -> None:
    from loopcoach.areas.resume.checks import is_early_career

    def early(key: str) -> bool:
        return is_early_career(parse_resume(resume_md[key].encode(), "cv.md"), this_year=2026)

    assert early("r01")  # one internship, summer 2023
    assert not early("r02")  # 2016 to present
    assert not early("r09")  # 2017-2024
    assert early("r14")  # one job, 2022–2024: two years
