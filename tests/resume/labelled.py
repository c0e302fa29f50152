"""The labelled resume set: load the gold files, render each resume per format, and score the analyzer.

Used by the accuracy tests and by ``benchmarks/resume_accuracy.py``. The first
twelve resumes (r01-r12) are the training part the parser rules were developed on;
r13-r25 are held out and only ever measured (r23-r25 were added late and never tuned on).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rendering import render_chromium_pdfs, render_docx, render_pdf, render_text

from loopcoach.areas.resume.analyze import analyze_resume, parse_resume
from loopcoach.text.numbers import has_measure
from loopcoach.text.terms import load_taxonomy

DATA = Path(__file__).resolve().parents[1] / "data" / "resumes"
FORMATS = ("md", "txt", "pdf", "docx")
# Every resume in every layout, beyond the one its gold file names (a harder test).
# PDFs printed by Chromium (a second producer: embedded subset fonts, bullets drawn as shapes).
CHROMIUM_LAYOUTS = ("pdf:chromium", "pdf:chromium-two-column")
ALL_LAYOUTS = ("pdf:classic", "pdf:modern", "pdf:dates-right", "pdf:two-column", "docx:headings", "docx:bold", "docx:table")
TRAIN_IDS = {f"r{n:02d}" for n in range(1, 13)}


@dataclass
class Case:
    """One labelled resume: its Markdown source and its gold labels."""

    id: str
    markdown: str
    gold: dict[str, Any]

    @property
    def split(self) -> str:
        """``train`` or ``held-out``."""
        return "train" if self.id[:3] in TRAIN_IDS else "held-out"


def load_cases() -> list[Case]:
    """Every labelled resume, sorted by id."""
    cases = []
    for md in sorted(DATA.glob("r*.md")):
        gold = yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8"))
        cases.append(Case(md.stem, md.read_text(encoding="utf-8"), gold))
    return cases


def load_jobs() -> dict[str, tuple[str, list[str]]]:
    """Job id -> (job text, gold keywords)."""
    jobs = {}
    for txt in sorted((DATA / "jobs").glob("*.txt")):
        gold = yaml.safe_load(txt.with_suffix(".yaml").read_text(encoding="utf-8"))
        jobs[txt.stem] = (txt.read_text(encoding="utf-8"), list(gold["keywords"]))
    return jobs


def render(case: Case, fmt: str) -> tuple[bytes, str]:
    """The bytes of a resume in one format and a file name for it."""
    layout = dict(case.gold.get("layout", {}))
    sidebar = int(case.gold.get("sidebar", 2))
    if ":" in fmt:
        fmt, forced = fmt.split(":")
        layout[fmt] = forced
    renderers: dict[str, Callable[[], bytes]] = {
        "md": lambda: case.markdown.encode("utf-8"),
        "txt": lambda: render_text(case.markdown).encode("utf-8"),
        "pdf": lambda: render_pdf(case.markdown, layout.get("pdf", "classic"), sidebar),
        "docx": lambda: render_docx(case.markdown, layout.get("docx", "headings"), sidebar),
    }
    return renderers[fmt](), f"{case.id}.{fmt}"


def short(fmt: str) -> str:
    """A format label for reports."""
    return fmt.replace(":", "/")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _lcs(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


@dataclass
class Tally:
    """Counts behind one format's figures."""

    sections_ok: int = 0
    sections_total: int = 0
    github_ok: int = 0
    resumes: int = 0
    bullets_ok: int = 0
    bullets_total: int = 0
    kw_tp: int = 0
    kw_fp: int = 0
    kw_fn: int = 0
    contact_ok: int = 0
    contact_total: int = 0
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """The ratios the benchmark prints."""
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0
        return {
            "section_accuracy": ratio(self.sections_ok, self.sections_total),
            "github_detection": ratio(self.github_ok, self.resumes),
            "metric_bullet_accuracy": ratio(self.bullets_ok, self.bullets_total),
            "keyword_precision": ratio(self.kw_tp, self.kw_tp + self.kw_fp),
            "keyword_recall": ratio(self.kw_tp, self.kw_tp + self.kw_fn),
            "contact_fields": ratio(self.contact_ok, self.contact_total),
        }


def score_case(case: Case, fmt: str, tally: Tally, jobs: dict[str, tuple[str, list[str]]],
               data: bytes | None = None) -> None:
    """Parse one resume in one format (or the given rendering) and add its outcome to the tally."""
    name = f"{case.id}.pdf"
    if data is None:
        data, name = render(case, fmt)
    resume = parse_resume(data, name)
    gold = case.gold
    predicted = [(s.kind, _norm(s.heading)) for s in resume.sections]
    expected = [(s["kind"], _norm(s["heading"])) for s in gold["sections"]]
    ok = _lcs(predicted, expected)
    tally.sections_ok += ok
    tally.sections_total += max(len(predicted), len(expected))
    if ok != len(expected) or len(predicted) != len(expected):
        tally.errors.append(f"{case.id}.{fmt} sections {predicted} != {expected}")
    tally.resumes += 1
    contact = resume.contact
    gc = gold["contact"]
    if contact.github == gc["github"] and contact.github_in_header == gc["github_in_header"]:
        tally.github_ok += 1
    else:
        tally.errors.append(f"{case.id}.{fmt} github {contact.github} {contact.github_in_header} != {gc['github']}")
    for key in ("name", "email", "phone", "linkedin"):
        tally.contact_total += 1
        got = getattr(contact, key)
        want = gc.get(key)
        if (got or None) == (str(want) if want is not None else None):
            tally.contact_ok += 1
        else:
            tally.errors.append(f"{case.id}.{fmt} {key} {got!r} != {want!r}")
    bullets = [b for b in resume.bullets if b.section != "contact"]
    prefixes = [str(p) for p in gold.get("metric_bullets", [])]
    gold_count = int(gold["bullet_count"])
    correct = 0
    for b in bullets:
        want_metric = any(b.text.startswith(p) for p in prefixes)
        if has_measure(b.text) == want_metric:
            correct += 1
        else:
            tally.errors.append(f"{case.id}.{fmt} metric={not want_metric} for {b.text[:60]!r}")
    if len(bullets) != gold_count:
        tally.errors.append(f"{case.id}.{fmt} {len(bullets)} bullets != {gold_count}")
    tally.bullets_ok += correct - max(0, len(bullets) - gold_count)
    tally.bullets_total += max(len(bullets), gold_count)
    taxonomy = load_taxonomy()
    for job_id, gold_found in (gold.get("jobs") or {}).items():
        report = analyze_resume(resume, taxonomy, jobs[job_id][0])
        assert report.job_match is not None
        found = {k.term.lower() for k in report.job_match.keywords if k.found}
        want = {str(t).lower() for t in gold_found}
        tally.kw_tp += len(found & want)
        tally.kw_fp += len(found - want)
        tally.kw_fn += len(want - found)
        if found != want:
            tally.errors.append(f"{case.id}.{fmt} {job_id}: extra {sorted(found - want)} missing {sorted(want - found)}")


def evaluate(cases: list[Case], fmt: str) -> Tally:
    """Score every case in one format."""
    jobs = load_jobs()
    tally = Tally()
    rendered: list[bytes | None] = [None] * len(cases)
    if fmt in CHROMIUM_LAYOUTS:
        layout = "two-column" if fmt.endswith("two-column") else "classic"
        rendered = list(render_chromium_pdfs([(c.markdown, layout, int(c.gold.get("sidebar", 2))) for c in cases]))
    for case, data in zip(cases, rendered, strict=True):
        score_case(case, fmt, tally, jobs, data)
    return tally


def job_extraction(jobs: dict[str, tuple[str, list[str]]]) -> tuple[float, float, list[str]]:
    """Precision and recall of the job's hard skills against the gold keywords of each job."""
    from loopcoach.areas.resume.matching import match_job
    from loopcoach.areas.resume.model import Contact, Resume

    empty = Resume(format="md", lines=[], contact=Contact(), sections=[])
    tp = fp = fn = 0
    notes: list[str] = []
    for job_id, (text, gold) in jobs.items():
        got = {k.term.lower() for k in match_job(empty, text, load_taxonomy()).keywords}
        want = {g.lower() for g in gold}
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        if got != want:
            notes.append(f"{job_id}: extra {sorted(got - want)} missing {sorted(want - got)}")
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), notes
