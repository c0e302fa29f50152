"""Tokens, simple lemmas and stop words for matching words across phrasings."""

from __future__ import annotations

import re

TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#]*(?:['’.\-][A-Za-z0-9+#]+)*")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    of off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves one ones thing things
    may might must shall us let lets get gets got use used using make makes made way ways""".split()
)

_IRREGULAR = {
    "data": "data", "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "has": "have", "had": "have",
    "did": "do", "does": "do", "done": "do", "better": "good", "best": "good", "worse": "bad", "worst": "bad",
    "ran": "run", "built": "build", "led": "lead", "wrote": "write", "written": "write", "took": "take",
    "taken": "take", "chose": "choose", "chosen": "choose", "saw": "see", "seen": "see", "gave": "give",
    "given": "give", "made": "make", "found": "find", "told": "tell", "thought": "think", "brought": "bring",
    "children": "child", "indices": "index", "matrices": "matrix", "vertices": "vertex", "analyses": "analysis",
    "hypotheses": "hypothesis", "criteria": "criterion", "phenomena": "phenomenon", "bias": "bias",
    "biases": "bias", "less": "less", "loss": "loss", "losses": "loss", "class": "class", "classes": "class",
    "process": "process", "focus": "focus", "gradients": "gradient", "this": "this", "its": "its",
}
_KEEP_S = ("ss", "us", "is", "ys", "os")


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; keeps "c++", "f1", "k-means" and "gpt-4" whole."""
    return [m.group(0).lower().strip(".'’") for m in TOKEN_RE.finditer(text)]


def lemma(word: str) -> str:
    """A light lemma: plural and -ing/-ed endings removed, so variants compare equal."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zzes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(_KEEP_S):
        return w[:-1]
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]
        return stem
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        stem = w[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]
        return stem
    return w


def content_words(text: str) -> list[str]:
    """Lemmas of the tokens of ``text`` that are not stop words."""
    return [lemma(t) for t in tokenize(text) if t not in STOPWORDS]
