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
    from loopcoach.services.documents import read_resume_document

    if job_text is not None and len(job_text) > MAX_JOB_CHARS:
        raise TooLargeError(f"The job description is over {MAX_JOB_CHARS:,} characters; paste only the posting.")
    return analyse_document(ctx, read_resume_document(data, filename), filename, job_text, save)


def analyse_document(ctx: AppContext, raw: Any, filename: str, job_text: str | None = None,
                     save: bool = True) -> tuple[dict[str, Any], Any]:
    """Analyse a document already read by ``read_resume_document``; stores the attempt when ``save``."""
    from loopcoach.areas.resume.analyze import analyze_resume
    from loopcoach.areas.resume.structure import build_resume
    from loopcoach.text.terms import load_taxonomy

    resume = build_resume(raw)
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
    notices: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON."""
        return {"path": self.path, "score": self.score, "coverage": self.coverage, "missing": self.missing or [],
                "failed_checks": self.failed_checks or [], "error": self.error, "notices": self.notices or []}


def resume_files(folder: Path) -> list[Path]:
    """The resume files of a folder (not recursive), sorted by name."""
    if not folder.exists():
        raise NotFoundError(f"{folder} does not exist.")
    if not folder.is_dir():
        raise BadInputError(f"{folder} is not a folder; give the folder that holds the resumes.")
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RESUME_SUFFIXES)
    except OSError as exc:
        raise BadInputError(f"{folder} cannot be listed: {exc.strerror}.") from None
    if not files:
        raise BadInputError(f"{folder} holds no resume (PDF, DOCX, Markdown or text files).")
    return files


def _read_file(path: Path, reader: Any) -> Any:
    """Bytes -> RawDocument for one batch file (runs in a thread: the work is in a reader process)."""
    from loopcoach.areas.resume.readers import MAX_BYTES

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TooLargeError(f"{path.name} is {size / 1_048_576:.1f} MB, and loopcoach reads resumes up to 10 MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path.name} could not be read ({exc.strerror}).") from None
    return reader.read(data, path.name)


def check_batch(ctx: AppContext, files: list[Path], job_text: str,
                progress: Callable[[Path, dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Check every file against one job, best first; a file that is refused or exceeds a limit becomes
    an error row with its sentence, and the others still run.

    Files are read in parallel by the document reader's processes (each under the same page, time
    and memory bounds as the web app); ``progress(path, row)`` is called as each one finishes.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from loopcoach.services.documents import shared_reader

    if len(job_text) > MAX_JOB_CHARS:
        raise TooLargeError(f"The job description is over {MAX_JOB_CHARS:,} characters; paste only the posting.")
    reader = shared_reader()
    rows: list[BatchRow] = []
    with ThreadPoolExecutor(max_workers=reader.workers, thread_name_prefix="resume-batch") as pool:
        futures = {pool.submit(_read_file, path, reader): path for path in files}
        for future in as_completed(futures):
            path = futures[future]
            try:
                result, _ = analyse_document(ctx, future.result(), path.name, job_text)
                match = result["job_match"]
                row = BatchRow(
                    path=str(path), score=int(result["score"]), coverage=match["coverage"] if match else None,
                    missing=[k["term"] for k in match["keywords"] if not k["found"]] if match else [],
                    failed_checks=[c["id"] for c in result["checks"] if not c["passed"]],
                    notices=list(result.get("notices", [])),
                )
            except LoopcoachError as exc:
                row = BatchRow(path=str(path), error=exc.message)
            rows.append(row)
            if progress is not None:
                progress(path, row.to_dict())
    scored = [r.score for r in rows if r.score is not None]
    ordered = sorted(rows, key=lambda r: (-(r.score if r.score is not None else -1), r.path))
    return {
        "resumes": [r.to_dict() for r in ordered],
        "checked": len(scored), "failed": len(rows) - len(scored),
        "mean_score": round(sum(scored) / len(scored), 1) if scored else None,
    }


def html_report(report: Any, title: str) -> str:
    """The self-contained HTML page of a report."""
    from loopcoach.areas.resume.html_report import render_html

    return str(render_html(report, title))
