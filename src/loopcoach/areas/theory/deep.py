"""'Go deep on your projects': the ML concepts a project text mentions, and the questions on them.

Every question lists ``concepts`` (lower-case terms and synonyms). They are
matched in the user's text with the text engine's ``TermMatcher`` (case-,
hyphen- and plural-tolerant, whole words, longest term first). A question's
relevance is the sum over its matched concepts of an inverse document
frequency, so a concept shared by many questions ("model") counts less than
a specific one ("batch normalization"), times a small bonus for how often
the text mentions it, doubled when the question is named after the concept.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from loopcoach.content.schemas.theory import TheoryQuestion
from loopcoach.text.terms import Term, TermMatcher

TITLE_BOOST = 2.0  # a concept the question is named after ("class imbalance") counts double


@dataclass(frozen=True)
class ConceptMatch:
    """A question and the concepts of it that the text mentions."""

    question: TheoryQuestion
    matched: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class DeepResult:
    """Concepts found (with mention counts) and the ranked questions."""

    concepts: dict[str, int]
    matches: tuple[ConceptMatch, ...]


def find_concepts(questions: Sequence[TheoryQuestion], text: str, limit: int = 12) -> DeepResult:
    """Match every question's concepts in ``text``; rank questions by how specifically they match."""
    df: Counter[str] = Counter()
    for q in questions:
        df.update(set(q.concepts))
    terms = [Term(id=c, name=c) for c in sorted(df)]
    if not terms:
        return DeepResult({}, ())
    mentions: Counter[str] = Counter(m.term_id for m in TermMatcher(terms).find(text))
    n = len(questions)
    matches = []
    for q in questions:
        hit = tuple(c for c in dict.fromkeys(q.concepts) if mentions[c])
        if not hit:
            continue
        named = f"{q.id.replace('-', ' ')} {q.title.lower()}"
        score = sum(
            math.log(1 + n / df[c]) * (1 + 0.25 * math.log(mentions[c])) * (TITLE_BOOST if c in named else 1.0)
            for c in hit
        )
        matches.append(ConceptMatch(q, hit, score))
    matches.sort(key=lambda m: (-m.score, m.question.id))
    return DeepResult(dict(mentions.most_common()), tuple(matches[:limit]))
