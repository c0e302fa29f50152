"""Match a resume against a job description: the hard skills the job asks for, found or missing.

Skills come from two places: the bundled AI/ML taxonomy (with synonyms and
abbreviations, so "LLMs" on the resume covers "large language models" in the job,
and "Java" never matches "JavaScript"), and tool names written in the job text itself
that the taxonomy does not know (CamelCase names like "Metaflow"-style products,
names with ``.js``, ``++`` or ``#``). A missing skill gets a place it could go, with
the condition that the candidate really has it: loopcoach never advises claiming a
skill the candidate lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from loopcoach.areas.resume.model import Resume, Section, SectionKind
from loopcoach.areas.resume.skillfind import candidate_terms, find_skills, find_terms
from loopcoach.text.terms import Taxonomy, Term, TermMatch

# Acronyms and capitalised words in job ads that are not skills.
_NOT_SKILLS = frozenset(
    """ai ml us usa uk eu emea apac phd msc bsc ms bs ba ma mba ceo cto cfo vp hr pto faq eoe eeo llc inc ltd
    gmbh ok nyc sf la q1 q2 q3 q4 kpi kpis okr okrs roi b2b b2c saas remote hybrid onsite we you our the and
    or it id ip ui ux qa io dei iso gdpr hipaa soc cv tbd asap fyi etc api apis oss rnd r&d""".split()
)
_TOOLISH = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z]{2,}[a-z]+[A-Za-z]*|[a-z]+[A-Z][A-Za-z]*"
    r"|[A-Za-z]+\.js|[A-Za-z]+(?:\+\+|#))(?![\w])"
)


@dataclass
class KeywordResult:
    """One hard skill of the job and whether the resume shows it."""

    term: str
    term_id: str
    found: bool
    variants: list[str] = field(default_factory=list)
    job_surfaces: list[str] = field(default_factory=list)
    sections: list[SectionKind] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    from_taxonomy: bool = True
    suggestion: str | None = None
    place: str | None = None
    required: bool = True  # False when the job names it only under "nice to have", "preferred", "bonus"...

    def to_dict(self) -> dict[str, object]:
        """The contract's keyword object ``{"term", "found"}`` plus the evidence."""
        return {
            "term": self.term, "found": self.found, "id": self.term_id, "variants": self.variants,
            "job_surfaces": self.job_surfaces, "sections": list(self.sections), "lines": self.lines,
            "from_taxonomy": self.from_taxonomy, "suggestion": self.suggestion, "place": self.place,
            "required": self.required,
        }


@dataclass
class JobMatch:
    """The job's hard skills, each found or missing in the resume, and the coverage."""

    keywords: list[KeywordResult]

    @property
    def coverage(self) -> float:
        """Share of the job's skills the resume shows, a nice-to-have counting half (1.0 when there are none)."""
        if not self.keywords:
            return 1.0
        weights = [1.0 if k.required else NICE_TO_HAVE_WEIGHT for k in self.keywords]
        return sum(w for k, w in zip(self.keywords, weights, strict=True) if k.found) / sum(weights)

    @property
    def missing(self) -> list[KeywordResult]:
        """The job's skills the resume does not show."""
        return [k for k in self.keywords if not k.found]

    def to_dict(self) -> dict[str, object]:
        """The contract's ``job_match`` object."""
        return {"keywords": [k.to_dict() for k in self.keywords], "coverage": round(self.coverage, 3)}


NICE_TO_HAVE_WEIGHT = 0.5
# A line that opens the optional part of a job ad, and one that goes back to what is required.
_OPTIONAL_HEAD = re.compile(r"nice[ -]to[ -]have|preferred|bonus|a plus|good to have|desirable|optional|"
                            r"would be great|extra credit", re.I)
_REQUIRED_HEAD = re.compile(r"require|must[ -]have|what you (?:bring|need|have)|qualifications|responsibilit|"
                            r"you (?:have|will)|about (?:you|the role)|the role", re.I)


def optional_spans(job_text: str) -> list[tuple[int, int]]:
    """Character spans of the job text that list optional skills.

    A heading-like line ("Nice to have:", "## Preferred") opens an optional part that lasts until a
    heading about requirements; a single line that says "... is a plus" or "bonus: ..." is optional itself.
    """
    spans: list[tuple[int, int]] = []
    offset, start = 0, None
    for line in job_text.splitlines(keepends=True):
        text = line.strip()
        heading = bool(text) and (text.endswith(":") or text.startswith("#") or len(text.split()) <= 4)
        if heading and _OPTIONAL_HEAD.search(text):
            start = offset if start is None else start
        elif heading and _REQUIRED_HEAD.search(text) and start is not None:
            spans.append((start, offset))
            start = None
        elif start is None and _OPTIONAL_HEAD.search(text):
            spans.append((offset, offset + len(line)))
        offset += len(line)
    if start is not None:
        spans.append((start, offset))
    return spans


_SKILL_CUE = re.compile(
    r"experience (?:with|in|using)|familiar|proficien|knowledge of|hands-on|expertise|such as|e\.g\.|including"
    r"|tools?\b|stack|frameworks?|libraries|using|skills?", re.IGNORECASE)


def job_text_terms(job_text: str, known: list[TermMatch]) -> list[Term]:
    """Tool names written in the job text that the taxonomy does not cover, as ad-hoc terms.

    Only lines that talk about skills are read (a list item, or a line with "experience with",
    "familiar", "such as"...), so a company name in the job's introduction is not taken for a tool.
    """
    covered = [(m.start, m.end) for m in known]
    seen: dict[str, Term] = {}
    offset = 0
    spans: list[tuple[int, int]] = []
    for line in job_text.splitlines(keepends=True):
        stripped = line.strip()
        if re.match(r"^(?:[-*+•·]|\d{1,2}[.)])\s", stripped) or _SKILL_CUE.search(stripped):
            spans.append((offset, offset + len(line)))
        offset += len(line)
    for m in _TOOLISH.finditer(job_text):
        if not any(s <= m.start() < e for s, e in spans):
            continue
        surface = m.group(0)
        key = surface.lower()
        if key in _NOT_SKILLS or any(s <= m.start() < e for s, e in covered) or key in seen:
            continue
        term_id = "job-" + re.sub(r"[^a-z0-9+#.]+", "-", key).strip("-")
        seen[key] = Term(id=term_id, name=surface)
    return list(seen.values())


@dataclass(frozen=True)
class JobSkills:
    """The hard skills of one job text: taxonomy ids in order of appearance, their surfaces, and ad-hoc terms."""

    order: tuple[str, ...]
    surfaces: dict[str, list[str]]
    extra: tuple[Term, ...]
    optional: frozenset[str] = frozenset()  # ids (taxonomy or ad-hoc) named only in optional parts


@lru_cache(maxsize=32)
def job_skills(taxonomy: Taxonomy, job_text: str) -> JobSkills:
    """Extract the job's skills once (a batch checks many resumes against the same job)."""
    matches = find_skills(taxonomy, job_text)
    order: list[str] = []
    surfaces: dict[str, list[str]] = {}
    optional = optional_spans(job_text)
    required: set[str] = set()
    for m in matches:
        if m.term_id not in surfaces:
            order.append(m.term_id)
            surfaces[m.term_id] = []
        if m.surface not in surfaces[m.term_id]:
            surfaces[m.term_id].append(m.surface)
        if not any(s <= m.start < e for s, e in optional):
            required.add(m.term_id)
    extra = job_text_terms(job_text, matches)
    for term in extra:
        where = [i.start() for i in re.finditer(re.escape(term.name), job_text)]
        if any(not any(s <= p < e for s, e in optional) for p in where):
            required.add(term.id)
    ids = [*order, *(t.id for t in extra)]
    return JobSkills(tuple(order), surfaces, tuple(extra), frozenset(i for i in ids if i not in required))


def match_job(resume: Resume, job_text: str, taxonomy: Taxonomy) -> JobMatch:
    """Mark each hard skill of the job as found or missing in the resume, with where to add a missing one."""
    skills = job_skills(taxonomy, job_text)
    order, surfaces, extra = skills.order, skills.surfaces, skills.extra
    line_hits: dict[str, list[tuple[int, str, SectionKind]]] = {}
    # One pass over the whole resume: lines of a section are joined with spaces so that a skill
    # wrapped over two PDF lines is still found; sections are separated by a blank line.
    starts: list[tuple[int, int, SectionKind]] = []
    parts: list[str] = []
    offset = 0
    for section in resume.sections:
        # A heading such as "PyTorch projects" also shows a skill.
        for number, text in ((section.line, section.heading), *((ln.number, ln.text) for ln in section.lines)):
            starts.append((offset, number, section.kind))
            parts.append(text)
            offset += len(text) + 1
        parts[-1] += "\n"
        offset += 1
    joined = " ".join(parts)
    for m in find_terms([*candidate_terms(taxonomy, joined), *extra], joined):
        _, number, kind = next(item for item in reversed(starts) if item[0] <= m.start)
        line_hits.setdefault(m.term_id, []).append((number, m.surface, kind))
    implied = _implied(line_hits, taxonomy)
    results: list[KeywordResult] = []
    for term_id in order:
        term = taxonomy.get(term_id)
        name = term.name if term else term_id
        results.append(_result(term_id, name, surfaces[term_id], line_hits, implied, True, resume))
    for term in extra:
        results.append(_result(term.id, term.name, [term.name], line_hits, {}, False, resume))
    for result in results:
        result.required = result.term_id not in skills.optional
    return JobMatch(results)


def _implied(hits: dict[str, list[tuple[int, str, SectionKind]]], taxonomy: Taxonomy) -> dict[str, str]:
    """Skills implied by a found skill (PyTorch Lightning shows PyTorch): implied id -> implying name."""
    implied: dict[str, str] = {}
    for term_id in list(hits):
        term = taxonomy.get(term_id)
        pending = list(term.implies) if term else []
        while pending:
            target = pending.pop()
            if target in implied:
                continue
            implied[target] = term.name if term else term_id
            sub = taxonomy.get(target)
            pending.extend(sub.implies if sub else ())
    return implied


def _result(term_id: str, name: str, job_surfaces: list[str], hits: dict[str, list[tuple[int, str, SectionKind]]],
            implied: dict[str, str], from_taxonomy: bool, resume: Resume) -> KeywordResult:
    found_at = hits.get(term_id, [])
    result = KeywordResult(term=name, term_id=term_id, found=bool(found_at) or term_id in implied,
                           job_surfaces=job_surfaces, from_taxonomy=from_taxonomy)
    for number, surface, kind in found_at:
        if surface not in result.variants:
            result.variants.append(surface)
        if kind not in result.sections:
            result.sections.append(kind)
        if number not in result.lines:
            result.lines.append(number)
    if not found_at and term_id in implied:
        result.variants.append(f"via {implied[term_id]}")
    if not result.found:
        result.place = place_for(resume)
        result.suggestion = f"If you have really used {name}, add it to {result.place}; if not, leave it off."
    elif result.sections and set(result.sections) <= {"skills"}:
        result.suggestion = (
            f"{name} appears only in your skills list; if a project or job used it, name it in that bullet too."
        )
    return result


def place_for(resume: Resume) -> str:
    """Where a missing skill could go (the work bullets where it was used, and the skills list)."""
    skills = resume.sections_of("skills")
    work = resume.sections_of("projects") or resume.sections_of("experience")
    if work and work[0].bullets:
        # A bullet, not the section's heading line: that is where a skill reads as used.
        place = (f"the {work[0].heading or work[0].kind} bullet where you used it "
                 f"(the first is line {work[0].bullets[0].line})")
        if skills:
            place += f" and {skills[0].heading or 'skills'} (line {_first_line(skills[0])})"
        return place
    if skills:
        return f"{skills[0].heading or 'your skills list'} (line {_first_line(skills[0])})"
    return "a short skills section near the top"


def _first_line(section: Section) -> int:
    """The first line of a section's content (its heading's line when it has none)."""
    return section.lines[0].number if section.lines else section.line
