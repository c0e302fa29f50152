"""Readability of a README's opening: the Flesch reading ease and Flesch-Kincaid grade, implemented here.

Flesch reading ease = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
60-70 is plain English, 30-50 college level, below 30 hard for a non-specialist.
Syllables are counted with the usual vowel-group rule plus corrections for a silent
final "e", "-le" endings and "-ed"/"-es" endings; acronyms (LLM, RAG) count one
syllable per letter, as they are read aloud. Jargon is the share of words a
recruiter is unlikely to know: acronyms, CamelCase names and words with digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*%?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
_JARGON = re.compile(r"^(?:[A-Z]{2,}s?|[A-Z]?[a-z]+[A-Z][A-Za-z]*|\w*\d\w*)$")


def syllables(word: str) -> int:
    """Estimated syllables of one English word."""
    if re.fullmatch(r"[A-Z]{2,}s?", word):
        return len(word.rstrip("s"))  # acronyms are spelled out
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if w.isdigit() or re.fullmatch(r"[\d.,%]+", w):
        return max(1, len(re.sub(r"\D", "", w)))
    if len(w) <= 3:
        return 1
    # Silent endings: "make", "uses", "played" (but "created" and "needed" keep their "-ed").
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouydt]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]+", w)))


@dataclass(frozen=True)
class Readability:
    """Counts and scores of a text."""

    words: int
    sentences: int
    syllables: int
    reading_ease: float
    grade: float
    jargon_share: float

    @property
    def level(self) -> str:
        """A plain label for the reading ease."""
        if self.reading_ease >= 60:
            return "plain English"
        if self.reading_ease >= 50:
            return "fairly easy"
        if self.reading_ease >= 30:
            return "college level"
        return "hard for a non-specialist"

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"words": self.words, "sentences": self.sentences, "reading_ease": round(self.reading_ease, 1),
                "grade": round(self.grade, 1), "jargon_share": round(self.jargon_share, 3), "level": self.level}


def readability(text: str) -> Readability:
    """Flesch reading ease, Flesch-Kincaid grade and jargon share of a text."""
    words = _WORD.findall(text)
    if not words:
        return Readability(0, 0, 0, 0.0, 0.0, 0.0)
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    syl = sum(syllables(w) for w in words)
    per_sentence = len(words) / sentences
    per_word = syl / len(words)
    ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    jargon = sum(1 for w in words if _JARGON.match(w)) / len(words)
    return Readability(len(words), sentences, syl, ease, grade, jargon)
