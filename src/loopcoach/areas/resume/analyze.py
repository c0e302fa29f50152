"""Analyse a resume: parse it, run every check, match it against a job, and score it 0-100."""

from __future__ import annotations

from dataclasses import dataclass

from loopcoach.areas.resume.checks import (
    Check,
    check_bullet_length,
    check_contact,
    check_duty_phrasing,
    check_github,
    check_keywords,
    check_metrics,
    check_project_centric,
    check_strong_verbs,
    has_metric,
)
from loopcoach.areas.resume.matching import JobMatch, match_job
from loopcoach.areas.resume.model import RawDocument, Resume
from loopcoach.areas.resume.readers import read_document
from loopcoach.areas.resume.structure import build_resume
from loopcoach.errors import EmptyInputError
from loopcoach.text.terms import Taxonomy


@dataclass
class ResumeReport:
    """Everything the resume check found, ready for the contract's JSON, the terminal and the HTML report."""

    resume: Resume
    checks: list[Check]
    job_match: JobMatch | None
    score: int

    def to_dict(self) -> dict[str, object]:
        """The contract's JSON object (extra fields are additions, never renames)."""
        return {
            "sections": [{"kind": s.kind, "heading": s.heading, "line": s.line} for s in self.resume.sections],
            "contact": self.resume.contact.to_dict(),
            "bullets": [
                {"section": b.section, "text": b.text, "has_metric": has_metric(b.text), "line": b.line}
                for b in self.resume.bullets
            ],
            "job_match": self.job_match.to_dict() if self.job_match is not None else None,
            "checks": [c.to_dict() for c in self.checks],
            "score": self.score,
            "format": self.resume.format,
            "pages": self.resume.pages,
            "lines": len(self.resume.lines),
            "notices": list(self.resume.notices),
        }


def parse_resume(data: bytes, filename: str) -> Resume:
    """Read and structure a resume file of any supported format."""
    return build_resume(read_document(data, filename))


def analyze_resume(resume: Resume | RawDocument, taxonomy: Taxonomy, job_text: str | None = None) -> ResumeReport:
    """Run every check (and the job match when a job text is given) and compute the 0-100 score."""
    if isinstance(resume, RawDocument):
        resume = build_resume(resume)
    checks = [
        check_project_centric(resume),
        check_metrics(resume),
        check_duty_phrasing(resume),
        check_github(resume),
        check_bullet_length(resume),
        check_strong_verbs(resume),
        check_contact(resume),
    ]
    job_match: JobMatch | None = None
    if job_text is not None:
        if not job_text.strip():
            raise EmptyInputError("The job description is empty.")
        job_match = match_job(resume, job_text, taxonomy)
        checks.append(check_keywords(job_match))
    total = sum(c.weight for c in checks)
    score = round(100 * sum(c.weight * max(0.0, min(1.0, c.credit)) for c in checks) / total)
    return ResumeReport(resume=resume, checks=checks, job_match=job_match, score=int(score))
