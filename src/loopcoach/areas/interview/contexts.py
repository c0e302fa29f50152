"""From a grade to what the interviewer may use: the gaps the grader measured, most important first."""

from __future__ import annotations

from loopcoach.areas.design.report import DesignGrade
from loopcoach.areas.interview.turns import Gap, InterviewContext
from loopcoach.areas.theory.result import GradeResult
from loopcoach.areas.theory.rubric import Rubric


def theory_context(rubric: Rubric, result: GradeResult, text: str) -> InterviewContext:
    """The points the theory grader found missing (heaviest first), the question and the candidate's text."""
    by_id = {p.id: p for p in rubric.points}
    missing = sorted((p for p in result.points if not p.covered), key=lambda p: -by_id[p.id].weight)
    gaps = tuple(Gap(p.id, p.text, by_id[p.id].keywords) for p in missing)
    return InterviewContext("theory", rubric.title, text, gaps, rubric.follow_ups)


def design_context(graded: DesignGrade, text: str) -> InterviewContext:
    """The design grader's missing points, weakest step first, without the clarify step.

    Clarifying is the candidate's job (they ask the interviewer), so its gaps
    are not turned into probes for them to answer.
    """
    gaps: list[tuple[float, float, Gap]] = []
    for step in graded.steps:
        if step.id == "clarify":
            continue
        for m in step.matches:
            if m.credit < 1.0:
                gaps.append((step.score, -m.point.weight,
                             Gap(f"{step.id}.{m.point.id}", m.point.text, tuple(m.point.keywords), m.point.probe)))
    gaps.sort(key=lambda g: (g[0], g[1]))
    return InterviewContext("design", graded.title, text, tuple(g for _, _, g in gaps), tuple(graded.follow_ups))
