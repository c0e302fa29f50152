"""Which of the candidate's stories can answer which behavioral question.

A story is matched to a question by the cosine similarity of their
embeddings (the question's text plus what the interviewer listens for) and
by competency: the competencies the candidate ticked for the story weigh
most (the candidate knows what the story is about), those its wording
shows (a disagreement for conflict, a mistake for failure...) less. Each
match keeps its reason, so a page can say why a story was or was not
suggested. Pure functions over vectors the service computes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from loopcoach.areas.behavioral.cues import is_quantified
from loopcoach.content.schemas.behavioral import COMPETENCIES, BehavioralQuestion

TAGGED_BONUS = 0.25  # the candidate ticked the question's primary competency for the story
COMPETENCY_BONUS = 0.15  # the story's wording shows the question's primary competency
ALSO_BONUS = 0.07  # one of the question's secondary competencies is
CAN_ANSWER = 0.35  # combined score from which a story is listed as able to answer a question (set by hand
# on example stories: a heuristic, not a measured figure; the ranking matters more than the cut-off)

_CUES: dict[str, re.Pattern[str]] = {
    "ownership": re.compile(r"\b(?:volunteered|took (?:on|ownership)|nobody (?:owned|had asked)|not my|"
                            r"i decided to|i owned|on call|on-call|set myself|without being asked)\b", re.I),
    "conflict": re.compile(r"\b(?:disagree\w*|disagreement|pushed back|push back|argu\w+|clash\w*|conflict|"
                           r"not convinced|objected|blocked|threatened)\b", re.I),
    "failure": re.compile(r"\b(?:mistake|failed|failure|went wrong|retract\w*|my fault|missed|"
                          r"underestimated|never used it|wrong)\b", re.I),
    "ambiguity": re.compile(r"\b(?:vague|unclear|ambigu\w+|no labels?|nobody could say|no (?:more )?detail|"
                            r"not defined|had not defined|no ground truth|without any)\b", re.I),
    "leadership-influence": re.compile(r"\b(?:(?<!not )convinc\w+|persuad\w+|mentor\w*|no authority|influence|"
                                       r"tech lead|led the|adopt\w*|rubric|trained the other|all four teams)\b", re.I),
    "impact": re.compile(r"\b(?:revenue|conversion|saved|cost|dollars|euros|percent|business)\b", re.I),
    "collaboration": re.compile(r"\b(?:together|with the \w+ team|colleagues?|researchers|partnered|pair\w*|"
                                r"designer|product manager|across|both sides|each team)\b", re.I),
    "learning": re.compile(r"\b(?:learn\w*|never (?:used|worked)|new to|taught myself|course|read \w+ papers?|"
                           r"feedback|lesson|knew almost no)\b", re.I),
    "customer-focus": re.compile(r"\b(?:customers?|users?|clients?|clinicians?|farmers?|recruiters?|sellers?|"
                                 r"buyers?|patients?|listeners?|reps?|trust)\b", re.I),
    "motivation": re.compile(r"\b(?:why i|reason i|want to work|moved into|love|passion\w*|excited)\b", re.I),
}


@dataclass(frozen=True)
class StoryRef:
    """A story as coverage sees it: id, title, text and the competencies the candidate tagged."""

    id: int
    title: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """How well one story answers one question."""

    story_id: int
    question_id: str
    score: float
    similarity: float
    reason: str = "meaning"  # "tagged", "wording" (the competency is in the wording), "also" or "meaning"


@dataclass
class Coverage:
    """The whole map: per question the ranked stories, per story the questions it can answer."""

    by_question: dict[str, list[Match]]
    by_story: dict[int, list[Match]]
    story_competencies: dict[int, list[str]]
    uncovered: list[str]
    detected: dict[int, dict[str, str]] = field(default_factory=dict)  # story -> competency -> phrase found

    def closest(self, question_id: str) -> Match | None:
        """The best-scoring story for a question, whether or not it reaches the threshold."""
        ranked = self.by_question.get(question_id, [])
        return ranked[0] if ranked else None

    def by_story_all(self, story_id: int) -> list[Match]:
        """Every question's match for one story, whatever its score."""
        return [m for ranked in self.by_question.values() for m in ranked if m.story_id == story_id]

    def suggestion(self, question_id: str) -> Match | None:
        """The best story for a question, or None when no story reaches the threshold."""
        ranked = self.by_question.get(question_id, [])
        return ranked[0] if ranked and ranked[0].score >= CAN_ANSWER else None


def competency_evidence(text: str) -> dict[str, str]:
    """Competencies a story's wording shows, in the bank's order, each with the words that show it."""
    found: dict[str, str] = {}
    for c in COMPETENCIES:
        hit = _CUES[c].search(text)
        if hit:
            found[c] = hit.group(0)
        elif c == "impact" and is_quantified(text):
            found[c] = "a measured result"
    return found


def detect_competencies(text: str) -> list[str]:
    """Competencies a story's wording shows, in the bank's order."""
    return list(competency_evidence(text))


def question_text(question: BehavioralQuestion) -> str:
    """The text embedded for a question: the question and what the interviewer listens for."""
    return question.text + " " + " ".join(question.listens_for)


def build_coverage(
    stories: Sequence[StoryRef],
    questions: Sequence[BehavioralQuestion],
    story_vectors: np.ndarray,
    question_vectors: np.ndarray,
) -> Coverage:
    """Score every (story, question) pair; vectors are L2-normalised rows in the same order."""
    detected = {s.id: competency_evidence(s.text) for s in stories}
    competencies = {s.id: sorted(set(s.tags) | set(detected[s.id]), key=COMPETENCIES.index) for s in stories}
    sims = story_vectors @ question_vectors.T if len(stories) and len(questions) else np.zeros((len(stories), len(questions)))
    by_question: dict[str, list[Match]] = {q.id: [] for q in questions}
    by_story: dict[int, list[Match]] = {s.id: [] for s in stories}
    for si, story in enumerate(stories):
        for qi, question in enumerate(questions):
            sim = float(sims[si, qi])
            score, reason = sim, "meaning"
            if question.competency in story.tags:
                score, reason = sim + TAGGED_BONUS, "tagged"
            elif question.competency in competencies[story.id]:
                score, reason = sim + COMPETENCY_BONUS, "wording"
            elif any(c in competencies[story.id] for c in question.also):
                score, reason = sim + ALSO_BONUS, "also"
            match = Match(story.id, question.id, round(score, 3), round(sim, 3), reason)
            by_question[question.id].append(match)
            if score >= CAN_ANSWER:
                by_story[story.id].append(match)
    for matches in by_question.values():
        matches.sort(key=lambda m: (-m.score, m.story_id))
    for matches in by_story.values():
        matches.sort(key=lambda m: (-m.score, m.question_id))
    answered = {m.question_id for ms in by_story.values() for m in ms}
    covered_competencies = {c for comps in competencies.values() for c in comps} | {
        q.competency for q in questions if q.id in answered
    }
    uncovered: list[str] = [c for c in COMPETENCIES if c not in covered_competencies]
    return Coverage(by_question, by_story, competencies, uncovered, detected)
