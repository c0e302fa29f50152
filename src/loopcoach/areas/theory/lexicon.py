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
# Words that frame a claim as wrong ("a common myth is that ...", "X, which is false"). Scoped to the
# framing, not to the word: "false positives", "the wrong class" and "each type of mistake" deny nothing,
# and "is wrong" denies only when it is said of a claim ("which is wrong", "the idea is false", "X is
# false." closing the clause), not of a prediction ("a straight line is wrong even on the training points").
DISAVOWALS = re.compile(
    r"\b(myths?|misconceptions?|mistaken(ly)?|wrongly|untrue|incorrectly|"
    r"(which|that|this|it|claim|idea|belief|statement|notion|view)\s+(is|was|sounds|seems)\s+"
    r"((simply|just|plainly|completely|totally)\s+)?(false|wrong|incorrect|not true)\b|"
    r"(that's|it's|simply|just|plainly)\s+(false|wrong|incorrect|not true)\b|"
    r"(is|are|was|were|be|sounds?|seems?)\s+(false|wrong|incorrect|not true)(?=\s*([.;!]|$))|"
    r"(is|it's|that's)\s+(a|an)\s+(common\s+|big\s+)?(mistake|error|fallacy)|"
    r"a\s+(common\s+)?(mistake|fallacy)\s+(is|to)|"
    r"false\s+that|wrong\s+to\s+(say|think|claim|believe)|not\s+true\s+that|^\s*(false|wrong)\b\s*[:,-]|"
    r"contrary to|people (often )?(think|believe|assume)|it is tempting to|naive(ly)? (think|assume|believe))\b",
    re.IGNORECASE,
)
# "Not only ... but also" asserts; it is not a denial.
_NOT_ONLY = re.compile(r"\bnot\s+only\b", re.IGNORECASE)
# Clause boundaries for scoping a negation to the part of a sentence that makes the claim.
_CLAUSE_SPLIT = re.compile(r"\s*(?:[;:,]|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bthough\b|"
                           r"\bhowever\b|\byet\b)\s*", re.IGNORECASE)
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
    """How many negation words ``text`` holds (``n't`` contractions included; "not only" is no denial)."""
    count = 0
    for token in tokenize(_NOT_ONLY.sub(" ", text.lower())):
        if token in NEGATIONS or token.endswith("n't"):
            count += 1
    return count


@lru_cache(maxsize=16384)
def _clauses(sentence: str) -> tuple[tuple[str, frozenset[str]], ...]:
    parts = [p for p in _CLAUSE_SPLIT.split(sentence) if p and p.strip()]
    return tuple((p, frozenset(content_lemmas(p))) for p in parts) or ((sentence, frozenset()),)


def claim_clause(sentence: str, claim: str) -> str:
    """The clause of ``sentence`` that shares most content words with ``claim`` (the whole sentence if one)."""
    clauses = _clauses(sentence)
    if len(clauses) == 1:
        return sentence
    wanted = frozenset(content_lemmas(claim))
    # Most shared words first, then the clause that is most about the claim ("not the arithmetic mean").
    return max(clauses, key=lambda c: (len(c[1] & wanted), len(c[1] & wanted) / (len(c[1]) or 1)))[0]


def is_negated_relative_to(sentence: str, claim: str) -> bool:
    """True when ``sentence`` denies ``claim`` rather than asserting it.

    The sentence frames the claim as a myth or a mistake ("..., which is
    false"), or the clause that makes the claim is negated and the claim is
    not, or the other way round ("X does not cause Y" vs "X causes Y").
    The negation is scoped to that clause: in "more data does not reduce
    bias, but it does reduce variance" the second clause asserts. Presence
    rather than parity: in "F1 is the harmonic mean, not the arithmetic
    average" the negation marks a contrast, and the clauses split it.
    """
    if _disavows(sentence) and not _disavows(claim):
        return True
    return (negation_count(claim_clause(sentence, claim)) > 0) != (negation_count(claim) > 0)


@lru_cache(maxsize=16384)
def _disavows(text: str) -> bool:
    # Cached: the pair model asks this of every (unit, claim text) pair.
    return DISAVOWALS.search(text) is not None


def disavows(text: str) -> bool:
    """Whether ``text`` frames what it says as false ("..., which is false", "a common myth is that")."""
    return _disavows(text)


# Words that add nothing after a cue ("because it matters", "for example in many projects").
_EMPTY_AFTER_CUE = frozenset(content_lemmas(
    "important matter matters useful good great thing things lot lots many much way ways case cases project "
    "projects know known work works worked metric metrics kind sort really very often always real life world "
    "everyone everybody people someone say said mean means common used usual usually interesting helpful"
))
MIN_CUE_CONTENT = 3  # content words after a cue that make it an explanation or an example


def _cue_content(text: str, pattern: re.Pattern[str]) -> int:
    """The most content words that follow one match of ``pattern`` in ``text`` (0 when it never matches)."""
    best = 0
    for m in pattern.finditer(text):
        after = [w for w in content_lemmas(text[m.end():]) if w not in _EMPTY_AFTER_CUE]
        best = max(best, len(set(after)))
    return best


def has_intuition_cue(text: str) -> bool:
    """Whether a sentence gives an intuition: an analogy, a reason or a plain restatement cue followed by
    content (a throw-away "because it works" or "intuitively, this matters" is no intuition)."""
    return _cue_content(text, INTUITION_CUES) >= MIN_CUE_CONTENT


def has_example_cue(text: str) -> bool:
    """Whether a sentence gives a concrete example: an example cue followed by content, or a measured number."""
    if _cue_content(text, EXAMPLE_CUES) >= MIN_CUE_CONTENT:
        return True
    return bool(_DIGIT.search(text)) and has_measure(text)


# Words that talk ABOUT a topic (its importance, who should know it, where it comes up) instead of stating
# anything in it. Written from what such sentences have in common, not from a scored set.
_META_TALK = frozenset(content_lemmas(
    "important importance concept concepts fundamental fundamentals key crucial essential central basic core "
    "understand understanding understood know knowing knowledge learn learning study interview interviews "
    "interviewer talk talks discuss discussed mention mentioned everyone everybody scientist scientists engineer "
    "engineers practitioner practitioners idea ideas topic topics subject field popular famous widely well-known "
    "remember keep mind aware care consider considered"
))
_TOPIC_FILLER = _EMPTY_AFTER_CUE | _META_TALK | frozenset(content_lemmas(
    "machine learning ai model models data build building built good better best come comes came real get "
    "make makes should must need needs every each also well many much lot"
))


def topic_words(title: str) -> frozenset[str]:
    """The content lemmas of a question's title, hyphenated words also split ("bias-variance")."""
    words = set(content_lemmas(title))
    for w in list(words):
        if "-" in w:
            words.update(content_lemmas(w.replace("-", " ")))
    return frozenset(words)


def is_meta_talk(sentence: str, topic: frozenset[str]) -> bool:
    """Whether ``sentence`` only talks about the topic ("X is a fundamental concept every data scientist
    should understand"): it uses a word of talk-about-a-topic and no content word beyond the topic's own
    words (``topic``, e.g. the question's title) and all-purpose ones. Such a sentence states no key point."""
    words = set(content_lemmas(sentence))
    return bool(words & _META_TALK) and words <= (topic | _TOPIC_FILLER)
