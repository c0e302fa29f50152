"""One scorer per area: the real analyzer, the bundled content and (theory, design) the real sentence model.

Shared by ``tests/adversarial/test_adversarial.py`` and ``benchmarks/adversarial.py``
so that the suite and the report score exactly the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import yaml

from loopcoach.areas.behavioral.analysis import analyse_story
from loopcoach.areas.behavioral.labeller import StarLabeller
from loopcoach.areas.behavioral.pitch import analyse_pitch
from loopcoach.areas.design.grader import grade_design
from loopcoach.areas.portfolio.checks import review_readme
from loopcoach.areas.resume.analyze import analyze_resume, parse_resume
from loopcoach.areas.theory.grader import TheoryGrader
from loopcoach.areas.theory.rubric import Rubric, rubric_from_question
from loopcoach.content.schemas.design import DesignPrompt
from loopcoach.content.schemas.theory import TheoryQuestion
from loopcoach.text.terms import Taxonomy, load_taxonomy

from .cases import Case, Scored

Scorer = Callable[[Case, str], Scored]


def _bundled(kind: str, item_id: str) -> dict[str, Any]:
    ref = resources.files("loopcoach.content").joinpath(f"data/{kind}/{item_id}.yaml")
    doc: dict[str, Any] = yaml.safe_load(ref.read_text("utf-8"))
    return doc


def theory_scorer(grader: TheoryGrader) -> Scorer:
    """Grade against the bundled question named by ``about``."""
    rubrics: dict[str, Rubric] = {}

    def score(case: Case, text: str) -> Scored:
        assert case.about, f"{case.id}: a theory case names its question in 'about'"
        if case.about not in rubrics:
            rubrics[case.about] = rubric_from_question(TheoryQuestion.model_validate(_bundled("theory", case.about)))
        result = grader.grade(rubrics[case.about], text)
        return Scored(result.score, len(result.misconceptions), frozenset(p.id for p in result.points if p.covered))

    return score


def design_scorer(embedder: Any) -> Scorer:
    """Grade notes against the bundled prompt named by ``about``."""
    prompts: dict[str, DesignPrompt] = {}

    def score(case: Case, text: str) -> Scored:
        assert case.about, f"{case.id}: a design case names its prompt in 'about'"
        if case.about not in prompts:
            prompts[case.about] = DesignPrompt.model_validate(_bundled("design", case.about))
        grade = grade_design(prompts[case.about], text, embedder)
        credited = {m.point.id for s in grade.steps for m in s.matches if m.credit > 0}
        return Scored(grade.score, covered=frozenset({s.id for s in grade.steps if s.covered} | credited))

    return score


def star_scorer(labeller: StarLabeller) -> Scorer:
    """The STAR story score."""
    return lambda case, text: Scored(analyse_story(text, labeller).score)


def pitch_scorer(labeller: StarLabeller) -> Scorer:
    """The recruiter-pitch score."""
    return lambda case, text: Scored(analyse_pitch(text, labeller).score)


def resume_scorer(taxonomy: Taxonomy | None = None) -> Scorer:
    """The resume score of a Markdown resume (no job text)."""
    terms = taxonomy or load_taxonomy()

    def score(case: Case, text: str) -> Scored:
        resume = parse_resume(text.encode("utf-8"), "resume.md")
        return Scored(analyze_resume(resume, terms).score)

    return score


def portfolio_scorer() -> Scorer:
    """The portfolio README score."""
    return lambda case, text: Scored(review_readme(text).score)
