"""Rubrics the theory grader grades against.

A rubric is the grader's own view of a question: key points (each with the
ways a candidate may say it and short cue keywords) and misconceptions. It is
built either from a bank question (:func:`rubric_from_question`) or from a
reference answer the user wrote (:func:`rubric_from_reference`), where the key
points are the reference's informative sentences and clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loopcoach.areas.theory.lexicon import content_lemmas
from loopcoach.content.schemas.theory import TheoryQuestion
from loopcoach.errors import EmptyInputError
from loopcoach.text.sentences import split_sentences


@dataclass(frozen=True)
class RubricPoint:
    """One key point: its canonical text, other phrasings and cue keywords."""

    id: str
    text: str
    phrasings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    weight: float = 1.0

    @property
    def texts(self) -> tuple[str, ...]:
        """The canonical text followed by every phrasing."""
        return (self.text, *self.phrasings)


@dataclass(frozen=True)
class RubricMisconception:
    """A wrong claim, the ways candidates state it, and its correction."""

    index: int
    claim: str
    phrasings: tuple[str, ...]
    correction: str

    @property
    def texts(self) -> tuple[str, ...]:
        """The claim followed by every phrasing."""
        return (self.claim, *self.phrasings)


@dataclass(frozen=True)
class Rubric:
    """What an answer is graded against."""

    key: str
    title: str
    points: tuple[RubricPoint, ...]
    misconceptions: tuple[RubricMisconception, ...] = ()
    concepts: tuple[str, ...] = ()
    question_id: str | None = None
    follow_ups: tuple[str, ...] = field(default=())
    reference: str = ""  # a whole answer to compare with holistically (the model answer or the user's)


def rubric_from_question(question: TheoryQuestion) -> Rubric:
    """Build the rubric of a bank question."""
    points = tuple(
        RubricPoint(
            id=p.id,
            text=p.text,
            phrasings=tuple(p.phrasings),
            keywords=tuple(p.keywords),
            weight=p.weight,
        )
        for p in question.key_points
    )
    misconceptions = tuple(
        RubricMisconception(index=i, claim=m.claim, phrasings=tuple(m.phrasings), correction=m.correction)
        for i, m in enumerate(question.misconceptions)
    )
    return Rubric(
        key=f"q:{question.id}",
        title=question.title,
        points=points,
        misconceptions=misconceptions,
        concepts=tuple(question.concepts),
        question_id=question.id,
        follow_ups=tuple(question.follow_ups),
        reference=question.model_answer.answer.strip(),
    )


# Clause boundaries inside one long reference sentence: a semicolon, or a
# comma/“while” followed by a connective that starts a new claim.
_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+(?=(?:and|but|whereas|while|so|which means|because)\b)|\s+whereas\s+|\s+but\s+",
    re.IGNORECASE,
)
MIN_POINT_WORDS = 3
MAX_REFERENCE_POINTS = 8


def _clauses(sentence: str) -> list[str]:
    """Split a long sentence into clauses that each make one claim."""
    if len(content_lemmas(sentence)) < 10:
        return [sentence]
    parts = [p.strip(" ,.;") for p in _CLAUSE_SPLIT.split(sentence)]
    good = [p for p in parts if len(content_lemmas(p)) >= MIN_POINT_WORDS]
    return good if len(good) >= 2 else [sentence]


def rubric_from_reference(reference: str) -> Rubric:
    """Derive key points from a reference answer the user wrote.

    Every informative sentence (at least three content words) becomes a key
    point; long sentences that join several claims are split into clauses.
    When there are more than ``MAX_REFERENCE_POINTS`` candidates the most
    informative ones (most distinct content words) are kept, in text order.
    The keywords of a point are its content words that no other point uses,
    so they discriminate between points.
    """
    candidates: list[str] = []
    for sentence in split_sentences(reference):
        text = sentence.text.strip()
        if text.endswith(":"):
            continue
        for clause in _clauses(text):
            if len(content_lemmas(clause)) >= MIN_POINT_WORDS:
                candidates.append(clause)
    if not candidates:
        raise EmptyInputError("The reference answer has no sentence informative enough to grade against.")
    if len(candidates) > MAX_REFERENCE_POINTS:
        ranked = sorted(range(len(candidates)), key=lambda i: -len(set(content_lemmas(candidates[i]))))
        keep = sorted(ranked[:MAX_REFERENCE_POINTS])
        candidates = [candidates[i] for i in keep]
    lemma_sets = [set(content_lemmas(c)) for c in candidates]
    points = []
    for i, text in enumerate(candidates):
        others: set[str] = set().union(*(s for j, s in enumerate(lemma_sets) if j != i))
        own = [w for w in dict.fromkeys(content_lemmas(text)) if w not in others and len(w) > 3]
        points.append(RubricPoint(id=f"point-{i + 1}", text=text, keywords=tuple(own[:4])))
    return Rubric(key="reference", title="Your reference answer", points=tuple(points), reference=reference.strip())
