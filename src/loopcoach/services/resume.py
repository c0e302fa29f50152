"""Resume use cases: check one resume (optionally against a job), check a folder of resumes, save reports.

Every check is stored as an attempt (area "resume") with the extracted text and the
result; a bad file raises before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loopcoach.errors import BadInputError, LoopcoachError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext

MAX_JOB_CHARS = 100_000
RESUME_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt")


def check_resume(ctx: AppContext, data: bytes, filename: str, job_text: str | None = None,
                 save: bool = True) -> tuple[dict[str, Any], Any]:
    """Analyse a resume file; returns the contract's dict and the ResumeReport. Stores the attempt."""
    from loopcoach.areas.resume.analyze import analyze_resume, parse_resume
    from loopcoach.text.terms import load_taxonomy

    if job_text is not None and len(job_text) > MAX_JOB_CHARS:
        raise TooLargeError(f"The job description is over {MAX_JOB_CHARS:,} characters; paste only the posting.")
    resume = parse_resume(data, filename)
    report = analyze_resume(resume, load_taxonomy(), job_text)
    result = report.to_dict()
    if save:
        meta: dict[str, Any] = {"filename": Path(filename).name, "format": resume.format}
        if job_text:
            meta["job_excerpt"] = job_text.strip()[:300]
            meta["coverage"] = report.job_match.coverage if report.job_match is not None else None
        ctx.store.add_attempt("resume", None, resume.text[:200_000], result, report.score, meta=meta)
    return result, report


@dataclass
class BatchRow:
    """One resume of a batch: its score and coverage, or the sentence saying why it could not be read."""

    path: str
    score: int | None = None
    coverage: float | None = None
    missing: list[str] | None = None
    failed_checks: list[str] | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON."""
        return {"path": self.path, "score": self.score, "coverage": self.coverage, "missing": self.missing or [],
                "failed_checks": self.failed_checks or [], "error": self.error}


def resume_files(folder: Path) -> list[Path]:
    """The resume files of a folder (not recursive), sorted by name."""
    if not folder.exists():
        raise NotFoundError(f"{folder} does not exist.")
    if not folder.is_dir():
        raise BadInputError(f"{folder} is not a folder; give the folder that holds the resumes.")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RESUME_SUFFIXES)
    if not files:
        raise BadInputError(f"{folder} holds no resume (PDF, DOCX, Markdown or text files).")
    return files


def check_batch(ctx: AppContext, files: list[Path], job_text: str,
                progress: Callable[[Path], None] | None = None) -> dict[str, Any]:
    """Check every file against one job; a bad file becomes an error row, the others still run."""
    rows: list[BatchRow] = []
    for path in files:
        try:
            result, _ = check_resume(ctx, path.read_bytes(), path.name, job_text)
            match = result["job_match"]
            rows.append(BatchRow(
                path=str(path), score=int(result["score"]), coverage=match["coverage"] if match else None,
                missing=[k["term"] for k in match["keywords"] if not k["found"]] if match else [],
                failed_checks=[c["id"] for c in result["checks"] if not c["passed"]],
            ))
        except LoopcoachError as exc:
            rows.append(BatchRow(path=str(path), error=exc.message))
        except OSError as exc:
            rows.append(BatchRow(path=str(path), error=f"{path.name} could not be read ({exc.strerror})."))
        if progress is not None:
            progress(path)
    scored = [r.score for r in rows if r.score is not None]
    return {
        "resumes": [r.to_dict() for r in sorted(rows, key=lambda r: -(r.score if r.score is not None else -1))],
        "checked": len(scored), "failed": len(rows) - len(scored),
        "mean_score": round(sum(scored) / len(scored), 1) if scored else None,
    }


def html_report(report: Any, title: str) -> str:
    """The self-contained HTML page of a report."""
    from loopcoach.areas.resume.html_report import render_html

    return str(render_html(report, title))
