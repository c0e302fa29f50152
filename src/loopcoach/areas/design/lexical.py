"""Small, predictable word matching for design answers and interviewer questions.

Text is lower-cased and split into word tokens; a light plural stripper makes
"labels" match "label" and "embeddings" match "embedding". Phrases match as
contiguous token runs, so "feature store" never matches "store features".
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[a-z]+")
_AB = re.compile(r"\ba\s*/\s*b\b")

STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from into onto over under as is are was were
    be been being do does did doing have has had having it its this that these those there here we our us you your
    i me my they them their he she his her what which who whom how why when where will would should could can may
    might must shall about so such than too very just also not no nor only own same both each few more most other
    some any all up down out off again further once per via use using used like eg ie etc then first""".split()
)


def _stem(token: str) -> str:
    """Strip a plural ending so singular and plural forms compare equal."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with plurals stripped; "A/B" becomes "ab", hyphens split words."""
    lowered = _AB.sub("ab", text.lower())
    return [_stem(t) for t in _TOKEN.findall(lowered)]


def content_tokens(text: str) -> list[str]:
    """Tokens without stopwords."""
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]


def contains_phrase(haystack: list[str], phrase: list[str]) -> bool:
    """True when ``phrase`` occurs as a contiguous run in ``haystack``."""
    n = len(phrase)
    if n == 0 or n > len(haystack):
        return False
    first = phrase[0]
    for i, tok in enumerate(haystack[: len(haystack) - n + 1]):
        if tok == first and haystack[i : i + n] == phrase:
            return True
    return False


def overlap(haystack: set[str], phrase_content: list[str]) -> float:
    """Share of the phrase's content tokens found in the haystack (0..1)."""
    if not phrase_content:
        return 0.0
    return sum(1 for t in phrase_content if t in haystack) / len(phrase_content)
