"""Speed of the resume checker: a 2-page PDF analysed warm, and batch throughput.

Renders a labelled resume to a two-page PDF (tests/resume/rendering.py), warms up
once (imports, taxonomy, matcher), then times parse + checks + job match over
repeated runs and prints the median in ms (goal < 150 ms). Batch: every labelled
resume as PDF and DOCX against one job, resumes per second.

Run: .venv/bin/python benchmarks/resume_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "resume"))
sys.path.insert(0, str(ROOT / "src"))

from labelled import load_cases, load_jobs, render  # noqa: E402
from rendering import render_pdf  # noqa: E402

from loopcoach.areas.resume.analyze import analyze_resume, parse_resume  # noqa: E402
from loopcoach.areas.resume.checks import has_metric  # noqa: E402
from loopcoach.areas.resume.matching import job_skills  # noqa: E402
from loopcoach.text.terms import load_taxonomy  # noqa: E402


def main() -> None:
    """Print the warm 2-page PDF time and the batch throughput."""
    cases = load_cases()
    jobs = load_jobs()
    job_text = jobs["llm-engineer"][0]
    taxonomy = load_taxonomy()
    source = next(c for c in cases if c.id.startswith("r17")).markdown
    pdf = b""
    for repeat in range(1, 6):
        pdf = render_pdf(source, "classic", repeat=repeat)
        resume = parse_resume(pdf, "two-pages.pdf")
        if resume.pages >= 2:
            break
    t0 = time.perf_counter()
    analyze_resume(parse_resume(pdf, "two-pages.pdf"), taxonomy, job_text)
    cold = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(15):
        # Warm means imports, the taxonomy index and compiled patterns; per-text caches are emptied so each
        # run does the whole work, as for a resume and a job never seen before.
        has_metric.cache_clear()
        job_skills.cache_clear()
        t0 = time.perf_counter()
        report = analyze_resume(parse_resume(pdf, "two-pages.pdf"), taxonomy, job_text)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"2-page PDF ({report.resume.pages} pages, {len(report.resume.lines)} lines): first run {cold:.0f} ms, "
          f"warm median {statistics.median(times):.1f} ms, best {min(times):.1f} ms (goal < 150 ms)")
    files = [render(c, fmt) for c in cases for fmt in ("pdf", "docx")]
    job_skills.cache_clear()
    t0 = time.perf_counter()
    for data, name in files:
        analyze_resume(parse_resume(data, name), taxonomy, job_text)
    elapsed = time.perf_counter() - t0
    print(f"batch: {len(files)} resumes (PDF + DOCX) against one job in {elapsed:.2f} s = "
          f"{len(files) / elapsed:.1f} resumes/s")


if __name__ == "__main__":
    main()
