"""Word-level cues the theory grader reads from an answer.

Content-word lemmas (for lexical overlap), negation and "this is a myth"
framing (so that "more data does NOT fix bias" is not taken as the claim
"more data fixes bias"), and the cues that show an intuition or a concrete
example. Everything here is deterministic and cheap; the semantic part of
the grader lives in :mod:`loopcoach.areas.theory.grader`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loopcoach.text.numbers import has_measure
from loopcoach.text.tokens import content_words, tokenize

NEGATIONS = frozenset(
    {"not", "no", "never", "n't", "cannot", "can't", "neither", "nor", "none", "nothing", "isn't",
     "doesn't", "don't", "aren't", "won't", "wasn't", "didn't", "shouldn't", "hardly", "nobody"}
)
# Words that frame a claim as wrong ("a common myth is that ...").
DISAVOWALS = re.compile(
    r"\b(myth|misconception|mistake|mistaken|wrong(ly)?|false|untrue|incorrect(ly)?|contrary to|"
    r"people (often )?(think|believe|assume)|it is tempting to|naive(ly)? (think|assume|believe))\b",
    re.IGNORECASE,
)
INTUITION_CUES = re.compile(
    r"\b(intuitively|intuition|think of|imagine|picture|analogy|like a|like an|like the|similar to|"
    r"in other words|the idea is|the point is|basically|roughly speaking|in plain terms|you can see it as|"
    r"it is as if|as if|the reason is|that is why|which is why|so that|because)\b",
    re.IGNORECASE,
)
EXAMPLE_CUES = re.compile(
    r"\b(for example|for instance|e\.g\.|say we|say you|suppose|imagine|consider|let's say|"
    r"in my project|in a project|at work|e\.g|such as a|like when|case of|on (a|the) dataset|"
    r"example)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8192)
def _content_lemmas_cached(text: str) -> tuple[str, ...]:
    return tuple(content_words(text))


def content_lemmas(text: str) -> list[str]:
    """The lemmas of the content words of ``text``, in order (stopwords dropped)."""
    return list(_content_lemmas_cached(text))


@lru_cache(maxsize=16384)
def negation_count(text: str) -> int:
    """How many negation words ``text`` holds (``n't`` contractions included)."""
    count = 0
    for token in tokenize(text.lower()):
        if token in NEGATIONS or token.endswith("n't"):
            count += 1
    return count


def is_negated_relative_to(sentence: str, claim: str) -> bool:
    """True when ``sentence`` denies ``claim`` rather than asserting it.

    One of them is negated and the other is not ("X does not cause Y" vs "X
    causes Y"), or the sentence frames the claim as a myth or a mistake.
    Presence rather than parity: in "F1 is the harmonic mean, not the
    arithmetic average, so it is 0, not 0.5" the two negations do not cancel.
    """
    if _disavows(sentence) and not _disavows(claim):
        return True
    return (negation_count(sentence) > 0) != (negation_count(claim) > 0)


@lru_cache(maxsize=16384)
def _disavows(text: str) -> bool:
    # Cached: the pair model asks this of every (unit, claim text) pair.
    return DISAVOWALS.search(text) is not None


def has_intuition_cue(text: str) -> bool:
    """Whether a sentence gives an intuition (an analogy, a reason, a plain restatement)."""
    return INTUITION_CUES.search(text) is not None


def has_example_cue(text: str) -> bool:
    """Whether a sentence gives a concrete example (a cue phrase, a number or a measure)."""
    if EXAMPLE_CUES.search(text):
        return True
    return bool(_DIGIT.search(text)) and has_measure(text)
