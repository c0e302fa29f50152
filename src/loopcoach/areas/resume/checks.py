"""The resume checks: each returns pass/fail, a fraction of credit and one sentence of advice naming lines.

The advice follows the project's guide: show projects prominently with outcome
bullets, measure outcomes instead of listing duties, keep the GitHub link visible in
the header, write short bullets that open with a strong verb, and use the job's words
for skills the candidate really has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from loopcoach.areas.resume.matching import JobMatch
from loopcoach.areas.resume.model import Bullet, Resume
from loopcoach.text.numbers import has_measure

ACHIEVEMENT_KINDS = ("experience", "projects", "other", "summary", "awards", "publications")
DUTY_PHRASES = re.compile(
    r"\b(?:responsible for|responsibilities (?:included|include)|duties (?:included|include)|tasked with"
    r"|in charge of|involved in|helped (?:with|to)|assisted (?:with|in)|worked on|participated in"
    r"|was part of|my role was|handled)\b",
    re.IGNORECASE,
)
WEAK_OPENERS = frozenset(
    "responsible worked helped assisted participated involved tasked handled was were did made used "
    "duties my i we our tried learned".split()
)
STRONG_VERBS = frozenset(
    """accelerated achieved analyzed analysed architected automated benchmarked boosted built championed
    cleaned collaborated compressed configured consolidated created cut debugged decreased defined delivered
    deployed designed developed diagnosed distilled doubled drove eliminated enabled engineered established
    evaluated expanded extracted fine-tuned finetuned fixed forecast forecasted founded generated grew halved
    implemented improved increased instrumented integrated introduced launched led lowered maintained
    managed mentored migrated modeled modelled monitored optimized optimised orchestrated organized organised
    owned parallelized pioneered piloted presented productionized profiled prototyped published quantized
    raised rebuilt redesigned reduced refactored released replaced researched resolved restructured
    retrained revamped saved scaled scoped secured shipped simplified slashed solved spearheaded sped
    standardized streamlined strengthened taught tested tracked trained transformed tripled tuned unified
    upgraded validated visualized wrote""".split()
)


#: Words that say nothing concrete about the work: buzzwords, hype and vague nouns. A bullet needs three
#: content words outside this list (and outside the action verbs) before its number counts as an outcome.
EMPTY_WORDS = frozenset(
    """leverage leveraged leveraging synergy synergies synergistic cutting edge cutting-edge best-in-class
    world-class world class best class state art state-of-the-art next-generation next generation game-changing
    game changing disruptive mission-critical mission critical holistic paradigm paradigms visionary excellence
    innovation innovative transformation transformational value impact impactful alignment stakeholder
    stakeholders delight strategy strategic ai-first ai ml data-driven driven end-to-end end results result
    outcomes outcome success thing things stuff metrics metric kpis across board scale agile scalable velocity
    empowered orchestrated catalysed catalyzed evangelised evangelized yielding yielded uplift roi value-add
    cross-functional digital dynamic seamless robust solutions solution deliver delivering various multiple
    efficiency productivity performance""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_FILLER = frozenset(
    "the and for with from into onto over under that this these those our their its by to of in on at as an a"
    " using via per was were is are be been".split()
)


def concrete_words(text: str) -> int:
    """Content words that name something (not a buzzword, a vague noun, an action verb or a filler word)."""
    words = [w.lower().strip("'-") for w in _WORD.findall(text)]
    return sum(1 for w in words if len(w) > 2 and w not in EMPTY_WORDS and w not in _FILLER
               and w not in STRONG_VERBS)


@lru_cache(maxsize=4096)
def has_metric(text: str) -> bool:
    """True when a bullet states a measured outcome of some named work (cached per text).

    A measure (the text engine's) is needed, and three concrete words: "Drove 100% end-to-end innovation"
    has a number but measures nothing.
    """
    return has_measure(text) and not is_empty_bullet(text)


def is_empty_bullet(text: str) -> bool:
    """A bullet of buzzwords and action verbs that names no concrete work (under three concrete words)."""
    return concrete_words(text) < 3


def _distinct_count(bullets: list[Bullet]) -> int:
    """How many bullets differ in wording (a bullet pasted under several entries is one bullet)."""
    return len({" ".join(b.text.lower().split()) for b in bullets})


@dataclass
class Check:
    """One check's outcome: passed, the credit (0-1) it earned, its advice and the lines it points at."""

    id: str
    passed: bool
    message: str
    credit: float
    weight: int
    lines: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The contract's check object ``{"id", "passed", "message"}`` plus the evidence."""
        return {"id": self.id, "passed": self.passed, "message": self.message, "lines": self.lines,
                "credit": round(self.credit, 2), "weight": self.weight}


def achievement_bullets(resume: Resume) -> list[Bullet]:
    """Bullets that describe work (not skills lists, education details or contact items)."""
    return [b for b in resume.bullets if b.section in ACHIEVEMENT_KINDS]


def _lines(numbers: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    more = f" and {len(numbers) - limit} more" if len(numbers) > limit else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _words(resume: Resume, kind: str) -> int:
    return sum(len(s.text().split()) for s in resume.sections if s.kind == kind)


_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–—]|to)\s*((?:19|20)\d\d|present|now|current|today)\b", re.I)


def is_early_career(resume: Resume, this_year: int | None = None) -> bool:
    """Under three years of work from the experience dates, or at most two jobs when no dates are given."""
    spans = [m for s in resume.sections_of("experience") for m in _SPAN.finditer(s.text())]
    if not spans:
        return len([e for s in resume.sections_of("experience") for e in s.entries]) <= 2
    start = min(int(m.group(1)) for m in spans)
    now = this_year or date.today().year
    end = max(int(m.group(2)) if m.group(2).isdigit() else now for m in spans)
    return end - start < 3


def check_project_centric(resume: Resume) -> Check:
    """Projects shown prominently, with outcome bullets, not outweighed by a skills list."""
    projects = resume.sections_of("projects")
    if not projects:
        return Check("project_centric", False, "There is no projects section: add one near the top with your 2-4 "
                     "best projects, each with a couple of bullets on what you did and the outcome.", 0.0, 20)
    section = projects[0]
    order = [s.kind for s in resume.sections if s.kind not in ("contact", "summary")]
    early_career = is_early_career(resume)
    position = order.index("projects")
    problems: list[str] = []
    credit = 1.0
    if early_career and position > 1:
        problems.append(f"move {section.heading!r} (line {section.line}) above {order[0]} and {order[1]}, since "
                        "your projects are your strongest evidence early in a career")
        credit -= 0.3
    entries = [e for e in section.entries if e.title]
    without = [e for e in entries if not e.bullets]
    project_bullets = section.bullets
    outcome = [b for b in project_bullets if has_metric(b.text)]
    if not project_bullets:
        problems.append(f"give each project in {section.heading!r} (line {section.line}) a couple of bullets on "
                        "what you did and the outcome")
        credit -= 0.4
    elif without and len(without) >= max(1, len(entries) // 2):
        problems.append(f"add outcome bullets under {_lines([e.line for e in without])}")
        credit -= 0.2
    elif not outcome:
        problems.append(f"state a measured outcome in at least one project bullet (from line {section.line})")
        credit -= 0.2
    skills_words = _words(resume, "skills")
    # Early in a career the projects carry the resume; later, jobs and projects together do.
    work_words = _words(resume, "projects") + (0 if early_career else _words(resume, "experience"))
    if skills_words > work_words:
        skills = resume.sections_of("skills")[0]
        what = "the projects" if early_career else "the projects and jobs"
        problems.append(f"the skills list (line {skills.line}, {skills_words} words) outweighs {what} "
                        f"({work_words} words): show those skills inside project bullets instead")
        credit -= 0.3
    lines = [section.line]
    if problems:
        return Check("project_centric", False, "Projects: " + "; ".join(problems) + ".", max(credit, 0.0), 20,
                     lines)
    return Check("project_centric", True, f"Projects are prominent ({section.heading!r}, line {section.line}) and "
                 "described with outcomes.", 1.0, 20, lines)


def check_metrics(resume: Resume) -> Check:
    """At least half of the work bullets state a measured outcome."""
    bullets = achievement_bullets(resume)
    if not bullets:
        return Check("metrics", False, "No bullets describe your work: under each job and project, add bullets "
                     "such as 'Improved model accuracy from 85% to 92% by ...'.", 0.0, 20)
    measured = [b for b in bullets if has_metric(b.text)]
    ratio = _distinct_count(measured) / len(bullets)
    plain = [b.line for b in bullets if not has_metric(b.text)]
    repeated = len(measured) - _distinct_count(measured)
    if ratio >= 0.5:
        msg = f"{len(measured)} of {len(bullets)} bullets state a measured outcome."
        if plain:
            msg += f" Consider a number for {_lines(plain, 3)} too."
        return Check("metrics", True, msg, min(1.0, ratio / 0.6), 20, plain)
    if repeated:
        return Check("metrics", False, f"{repeated + 1} bullets repeat the same measured outcome word for word: it "
                     "counts once; give each job and project its own result.", ratio / 0.6, 20, plain)
    return Check("metrics", False, f"Only {len(measured)} of {len(bullets)} bullets state a measured outcome: add "
                 f"the result you achieved (accuracy, latency, users, money, time saved) to {_lines(plain)}, for "
                 "example 'Improved model accuracy from 85% to 92% by ...'.", ratio / 0.6, 20, plain)


def check_duty_phrasing(resume: Resume) -> Check:
    """Bullets that describe duties ("responsible for") instead of results."""
    flagged = [b for b in achievement_bullets(resume) if DUTY_PHRASES.search(b.text)]
    empty = [b for b in achievement_bullets(resume) if not DUTY_PHRASES.search(b.text) and is_empty_bullet(b.text)]
    if not flagged and not empty:
        return Check("duty_phrasing", True, "No bullet reads like a job description ('responsible for...').", 1.0, 10)
    if not flagged:
        total = max(len(achievement_bullets(resume)), 1)
        return Check("duty_phrasing", False, f"{_lines([b.line for b in empty]).capitalize()} name no concrete work "
                     f"(e.g. '{' '.join(empty[0].text.split()[:6])}...'): say what you built or changed, for whom, "
                     "and the result.", max(0.0, 1 - 2 * len(empty) / total), 10, [b.line for b in empty])
    phrase = DUTY_PHRASES.search(flagged[0].text)
    example = phrase.group(0) if phrase else "responsible for"
    total = max(len(achievement_bullets(resume)), 1)
    verb = "describe" if len(flagged) > 1 else "describes"
    return Check("duty_phrasing", False, f"{_lines([b.line for b in flagged]).capitalize()} {verb} duties "
                 f"('{example}'): rewrite each as what you did and what changed, starting with a verb.",
                 max(0.0, 1 - 2 * len(flagged) / total), 10, [b.line for b in flagged])


def check_github(resume: Resume) -> Check:
    """A GitHub link in the header, where a recruiter sees it first."""
    contact = resume.contact
    if contact.github and contact.github_in_header:
        return Check("github_link", True, f"Your GitHub ({contact.github}) is in the header.", 1.0, 15,
                     [contact.github_line] if contact.github_line else [])
    if contact.github:
        return Check("github_link", False, f"Your GitHub ({contact.github}) only appears on line "
                     f"{contact.github_line}: put it in the header next to your email so it is seen first.",
                     0.5, 15, [contact.github_line] if contact.github_line else [])
    return Check("github_link", False, "No GitHub link was found: add https://github.com/<you> to the header, "
                 "next to your email, and pin your 3-4 best projects there.", 0.0, 15)


def check_bullet_length(resume: Resume) -> Check:
    """Bullets between 6 and 35 words: long enough for an outcome, short enough to scan."""
    bullets = achievement_bullets(resume)
    long = [b.line for b in bullets if len(b.text.split()) > 35]
    short = [b.line for b in bullets if len(b.text.split()) < 6]
    if not bullets:
        return Check("bullet_length", False, "There are no bullets to measure.", 0.0, 10)
    fine = [b for b in bullets if 6 <= len(b.text.split()) <= 35]
    bad = len(bullets) - _distinct_count(fine)
    credit = 1 - bad / len(bullets)
    if bad <= max(1, len(bullets) // 10):
        return Check("bullet_length", True, "Bullets have a readable length (6-35 words).", 1.0, 10, long + short)
    parts = []
    if long:
        parts.append(f"split or tighten {_lines(long)} (over 35 words)")
    if short:
        parts.append(f"say what changed in {_lines(short)} (under 6 words)")
    if not parts:
        parts.append("several bullets repeat each other word for word; each should say something new")
    return Check("bullet_length", False, "Bullet length: " + "; ".join(parts) + ".", credit, 10, long + short)


def opening_verb(text: str) -> str:
    """The first word of a bullet, lower-cased and stripped of punctuation."""
    match = re.match(r"\W*([A-Za-z][A-Za-z'-]*)", text)
    return match.group(1).lower() if match else ""


def check_strong_verbs(resume: Resume) -> Check:
    """Bullets that open with a strong past-tense verb (built, reduced, shipped), not "worked on"."""
    bullets = achievement_bullets(resume)
    if not bullets:
        return Check("strong_verbs", False, "There are no bullets to check.", 0.0, 10)
    weak = [b for b in bullets if not _strong(opening_verb(b.text)) or is_empty_bullet(b.text)]
    weak_ids = {id(b) for b in weak}
    ratio = _distinct_count([b for b in bullets if id(b) not in weak_ids]) / len(bullets)
    if ratio >= 0.7:
        return Check("strong_verbs", True, f"{len(bullets) - len(weak)} of {len(bullets)} bullets open with a "
                     "strong verb.", 1.0, 10, [b.line for b in weak])
    if not weak:
        return Check("strong_verbs", False, "Several bullets repeat each other word for word: a strong verb counts "
                     "once per different bullet.", ratio / 0.7, 10)
    if all(_strong(opening_verb(b.text)) for b in weak):  # strong openers on bullets that name nothing
        return Check("strong_verbs", False, f"{_lines([b.line for b in weak]).capitalize()} open with a verb but "
                     "name no concrete work: say what you built or changed, not only that you drove it.",
                     ratio / 0.7, 10, [b.line for b in weak])
    example = opening_verb(weak[0].text) or "?"
    verb = "do" if len(weak) > 1 else "does"
    return Check("strong_verbs", False, f"{_lines([b.line for b in weak]).capitalize()} {verb} not open with a strong "
                 f"verb (e.g. '{example}'): start with what you did, such as 'Built', 'Reduced', 'Shipped'.",
                 ratio / 0.7, 10, [b.line for b in weak])


def _strong(word: str) -> bool:
    if word in STRONG_VERBS:
        return True
    return word not in WEAK_OPENERS and len(word) > 4 and word.endswith("ed")


def check_contact(resume: Resume) -> Check:
    """An email (and ideally a phone) so a recruiter can reply."""
    contact = resume.contact
    if contact.email:
        return Check("contact", True, f"Contact email found ({contact.email}).", 1.0, 5)
    return Check("contact", False, "No email address was found: put one in the header.", 0.0, 5)


def check_keywords(match: JobMatch) -> Check:
    """The job's hard skills the resume shows; missing ones get a place, on condition the candidate has them."""
    coverage = match.coverage
    missing = match.missing
    lines = [n for k in match.keywords for n in k.lines]
    if not match.keywords:
        return Check("keywords", True, "The job text names no hard skills loopcoach knows.", 1.0, 20)
    if coverage >= 0.7 and not missing:
        return Check("keywords", True, f"All {len(match.keywords)} skills the job names appear in your resume.",
                     1.0, 20, lines)
    names = ", ".join(k.term for k in missing[:8])
    where = missing[0].suggestion or ""
    verdict = coverage >= 0.7
    return Check("keywords", verdict, f"Your resume shows {round(coverage * 100)}% of the job's skills; missing: "
                 f"{names}. Use the job's words only for skills you really have. {where}", coverage, 20, lines)
