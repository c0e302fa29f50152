"""README checks for a project portfolio: what a recruiter needs first, what a hiring manager looks for next.

Checks (each with a sentence of advice): a plain-language summary at the top, a demo
(screenshot, GIF or a live link), results with metrics, how to run it, technical depth
(architecture, design choices, evaluation), a licence, and the readability of the
opening for a non-technical reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loopcoach.areas.portfolio.readability import Readability, readability
from loopcoach.areas.portfolio.readme import Readme, parse_readme
from loopcoach.text.numbers import find_measures

_MEDIA = re.compile(r"\.(?:gif|png|jpe?g|webp|svg|mp4|webm|mov)(?:\?|#|$)", re.IGNORECASE)
_DEMO_LINK = re.compile(
    r"demo|try it|live|playground|huggingface\.co/spaces|streamlit\.app|gradio\.live|youtu\.?be|loom\.com|vimeo"
    r"|vercel\.app|netlify\.app|herokuapp|github\.io|colab\.research\.google", re.IGNORECASE)
_BADGE = re.compile(r"shields\.io|badge|/workflows/|codecov|badgen", re.IGNORECASE)
_DECORATION = re.compile(r"logo|banner|header|icon|favicon|cover", re.IGNORECASE)
_RESULTS = re.compile(r"result|evaluation|benchmark|performance|metric|accuracy|experiment|impact|outcome",
                      re.IGNORECASE)
_RESULT_WORDS = re.compile(
    r"accuracy|precision|recall|f1|auc|bleu|rouge|latency|throughput|map\b|iou|error|rmse|mae|speed|faster|"
    r"users|cost|improv|reduc|increas|score|ndcg|wer|perplexity", re.IGNORECASE)
_RUN = re.compile(r"install|usage|getting started|quick ?start|how to run|running|setup|set up|run it|build",
                  re.IGNORECASE)
_RUN_CODE = re.compile(r"pip install|conda |docker (?:run|compose)|python |uv |poetry |make |npm |git clone|"
                       r"streamlit run|uvicorn|\./", re.IGNORECASE)
_ARCHITECTURE = re.compile(r"architecture|how it works|design|overview|pipeline|approach|system|method|model",
                           re.IGNORECASE)
_CHOICES = re.compile(r"design (?:choices|decisions)|trade-?offs?|why |decisions|alternatives|limitations|"
                      r"lessons|we chose|i chose|instead of", re.IGNORECASE)
_EVALUATION = re.compile(r"evaluat|benchmark|experiment|ablation|test set|validation|metrics|results",
                         re.IGNORECASE)
_LICENCE = re.compile(r"licen[cs]e", re.IGNORECASE)
# Flesch reading ease: 40+ reads fine for a college-educated recruiter; below 20 a summary is not plain language.
READABLE = 40.0
HARD_TO_READ = 20.0
LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md")


@dataclass
class PortfolioCheck:
    """One README check: passed, credit 0-1, advice, weight."""

    id: str
    passed: bool
    message: str
    credit: float
    weight: int

    def to_dict(self) -> dict[str, object]:
        """The contract's check object plus credit and weight."""
        return {"id": self.id, "passed": self.passed, "message": self.message, "credit": round(self.credit, 2),
                "weight": self.weight}


@dataclass
class PortfolioReport:
    """All checks of one README and the 0-100 score."""

    title: str | None
    checks: list[PortfolioCheck]
    opening: Readability
    score: int

    def to_dict(self) -> dict[str, object]:
        """The contract's JSON object (``checks`` and ``score``) plus the title and readability."""
        return {"checks": [c.to_dict() for c in self.checks], "score": self.score, "title": self.title,
                "readability": self.opening.to_dict()}


def check_summary(readme: Readme, opening: Readability) -> PortfolioCheck:
    """A short plain-language summary before the first section."""
    if opening.words == 0:
        return PortfolioCheck("summary", False, "The README starts without a summary: under the title, write two "
                              "or three plain sentences saying what the project does and for whom.", 0.0, 20)
    if opening.words < 12:
        return PortfolioCheck("summary", False, f"The opening has only {opening.words} words: say what the project "
                              "does, for whom, and the result, in two or three sentences.", 0.4, 20)
    if opening.words > 150:
        return PortfolioCheck("summary", False, f"The opening runs {opening.words} words before the first section: "
                              "keep the top summary under about 100 words and move details down.", 0.6, 20)
    if opening.reading_ease < HARD_TO_READ:
        return PortfolioCheck("summary", False, f"The opening summary is hard for a recruiter to read (Flesch "
                              f"{round(opening.reading_ease)}): say in two or three short, everyday sentences what "
                              "the project does and for whom.", 0.5, 20)
    if opening.jargon_share > 0.2:
        return PortfolioCheck("summary", False, f"{round(opening.jargon_share * 100)}% of the opening's words are "
                              "acronyms or product names: explain what it does in everyday words first.", 0.6, 20)
    return PortfolioCheck("summary", True, f"The README opens with a {opening.words}-word summary.", 1.0, 20)


def check_demo(readme: Readme) -> PortfolioCheck:
    """A screenshot, GIF, video or live link."""
    media = [src for src in readme.images
             if _MEDIA.search(src) and not _BADGE.search(src) and not _DECORATION.search(src)]
    live = [href for label, href in readme.links if _DEMO_LINK.search(href) or _DEMO_LINK.search(label)]
    if media or live:
        what = "a screenshot or GIF" if media else "a live demo link"
        return PortfolioCheck("demo", True, f"The README shows {what}.", 1.0, 15)
    return PortfolioCheck("demo", False, "There is no demo: add a screenshot or a short GIF near the top, or a link "
                          "to a live demo (a Hugging Face Space or Streamlit app).", 0.0, 15)


def check_results(readme: Readme) -> PortfolioCheck:
    """Results with numbers (accuracy, latency, users...)."""
    sections = readme.section_text(_RESULTS)
    text = "\n".join(h.body for h in sections) + "\n".join(readme.tables)
    measured = [m.text for m in find_measures(text)] if _RESULT_WORDS.search(text) else []
    if sections and measured:
        return PortfolioCheck("results", True, f"Results are measured ({', '.join(measured[:3])}).", 1.0, 20)
    anywhere = [p for p in readme.paragraphs if _RESULT_WORDS.search(p) and find_measures(p)]
    if anywhere:
        return PortfolioCheck("results", True, "A measured result is stated in the text; a Results section with a "
                              "small table (baseline vs yours) would make it easier to find.", 0.8, 20)
    if sections:
        return PortfolioCheck("results", False, f"The {sections[0].text!r} section has no numbers: report the metric "
                              "you improved, against a baseline (e.g. accuracy 85% to 92%).", 0.3, 20)
    return PortfolioCheck("results", False, "No results are reported: add a Results section with the metric you "
                          "achieved against a baseline (accuracy, latency, cost, users).", 0.0, 20)


def check_how_to_run(readme: Readme) -> PortfolioCheck:
    """Instructions to install and run, with commands."""
    sections = readme.section_text(_RUN)
    commands = [body for _, body in readme.code_blocks if _RUN_CODE.search(body)]
    if sections and commands:
        return PortfolioCheck("how_to_run", True, f"'{sections[0].text}' shows how to run it with commands.", 1.0, 15)
    if commands or sections:
        return PortfolioCheck("how_to_run", False, "Put the install and run commands under one 'Quickstart' heading, "
                              "in a code block someone can copy.", 0.5, 15)
    return PortfolioCheck("how_to_run", False, "Nobody can run it from the README: add a 'Quickstart' with the "
                          "install command and the command that starts it.", 0.0, 15)


#: Words of prose a section needs under its heading before the heading counts as technical depth.
MIN_SECTION_WORDS = 12  # for a paragraph; a heading needs MIN_HEADING_WORDS (a diagram or a table may say the rest)
MIN_HEADING_WORDS = 3
_PROSE_WORD = re.compile(r"[A-Za-z]{3,}")


def _explains(body: str, min_words: int = MIN_SECTION_WORDS) -> bool:
    """Text that explains something: enough distinct words, not a comma-separated keyword list."""
    words = [w.lower() for w in _PROSE_WORD.findall(body)]
    return len(set(words)) >= min_words and body.count(",") < len(words) / 3


def check_depth(readme: Readme) -> PortfolioCheck:
    """Architecture, design choices and evaluation, for the technical reader.

    A heading counts only with a section under it that explains something, and a paragraph counts only
    when it is prose, not a list of the words a reviewer looks for.
    """
    headings = " ".join(h.text for h in readme.headings
                        if _explains(h.body, MIN_HEADING_WORDS) or re.search(r"\d", h.body))  # or a table of figures
    prose = " ".join(p for p in readme.paragraphs if _explains(p))
    found = {
        "architecture": bool(_ARCHITECTURE.search(headings) or re.search(r"architecture|how it works", prose, re.I)),
        "design choices": bool(_CHOICES.search(headings) or _CHOICES.search(prose)),
        "evaluation": bool(_EVALUATION.search(headings)),
    }
    have = [k for k, v in found.items() if v]
    missing = [k for k, v in found.items() if not v]
    if len(have) >= 2:
        extra = f" Consider adding {missing[0]} too." if missing else ""
        return PortfolioCheck("technical_depth", True, f"Technical depth: {', '.join(have)}.{extra}",
                              len(have) / 3, 15)
    return PortfolioCheck("technical_depth", False, f"For the hiring manager, add {' and '.join(missing)}: a diagram "
                          "or paragraph on how it works, why you chose this approach, and how you evaluated it.",
                          len(have) / 3, 15)


def check_licence(readme: Readme, files: list[str] | None) -> PortfolioCheck:
    """A licence file in the repository or a licence section."""
    in_repo = [f for f in files or [] if f in LICENCE_FILES]
    section = readme.section_text(_LICENCE)
    badge = any(_LICENCE.search(src) for src in readme.images)
    if in_repo or section or badge:
        where = in_repo[0] if in_repo else "the README"
        return PortfolioCheck("licence", True, f"A licence is stated ({where}).", 1.0, 5)
    return PortfolioCheck("licence", False, "No licence: add a LICENSE file (MIT or Apache-2.0 are common) so "
                          "others know they may use the code.", 0.0, 5)


def check_readability(opening: Readability) -> PortfolioCheck:
    """The opening should read easily for a non-technical recruiter."""
    if opening.words == 0:
        return PortfolioCheck("readability", False, "There is no opening text to read.", 0.0, 10)
    ease = round(opening.reading_ease)
    if opening.reading_ease >= READABLE:
        return PortfolioCheck("readability", True, f"The opening reads easily (Flesch {ease}, {opening.level}).",
                              1.0, 10)
    credit = max(0.0, min(1.0, (opening.reading_ease - 10) / 40))
    return PortfolioCheck("readability", False, f"The opening is {opening.level} (Flesch {ease}, grade "
                          f"{round(opening.grade)}): use shorter sentences and everyday words for the recruiter; "
                          "keep the jargon for the technical sections.", credit, 10)


def review_readme(text: str, files: list[str] | None = None) -> PortfolioReport:
    """Run every README check; ``files`` are the repository's top-level file names when known."""
    readme = parse_readme(text)
    opening = readability(readme.opening)
    checks = [
        check_summary(readme, opening),
        check_demo(readme),
        check_results(readme),
        check_how_to_run(readme),
        check_depth(readme),
        check_licence(readme, files),
        check_readability(opening),
    ]
    total = sum(c.weight for c in checks)
    score = round(100 * sum(c.weight * min(1.0, c.credit) for c in checks) / total)
    return PortfolioReport(title=readme.title, checks=checks, opening=opening, score=int(score))
