"""Technical terms an answer names, and whether it explains them.

An interviewer discounts terms that are only name-dropped ("it's about
regularization, ensembles, XGBoost and cross-validation"). A term counts as
explained when at least one sentence naming it says something beyond a list
of terms: a few content words that are not themselves terms, and not a
sentence that is mostly a list.
"""

from __future__ import annotations

from loopcoach.areas.theory.lexicon import content_lemmas
from loopcoach.areas.theory.rubric import Rubric

MIN_EXPLAINING_WORDS = 4
# Cue keywords that are descriptions rather than terms ("too simple", "more data") or single
# everyday words are not candidates for name-dropping.
_DESCRIPTIVE = ("too ", "more ", "less ", "very ", "not ")
_GENERIC = frozenset({"data", "model", "error", "train", "learn", "value", "feature", "weight", "case",
                      "noise", "sample", "example", "input", "output", "score", "loss", "context", "local"})
MAX_TERM_WORDS = 3


def _vocabulary(rubric: Rubric) -> dict[str, tuple[str, ...]]:
    """Rubric terms (keywords and concepts) -> their content-lemma sequence."""
    vocab: dict[str, tuple[str, ...]] = {}
    names = [k for p in rubric.points for k in p.keywords] + list(rubric.concepts)
    for name in names:
        lowered = name.lower()
        lemmas = tuple(content_lemmas(name))
        if lowered.startswith(_DESCRIPTIVE) or len(lowered.split()) > MAX_TERM_WORDS:
            continue
        if not lemmas or all(w in _GENERIC for w in lemmas):
            continue
        if lowered not in vocab:
            vocab[name.lower()] = lemmas
    return vocab


def _contains(seq: list[str], sub: tuple[str, ...]) -> list[int]:
    """Start positions of ``sub`` as a contiguous run in ``seq``."""
    k = len(sub)
    return [i for i in range(len(seq) - k + 1) if tuple(seq[i : i + k]) == sub]


def find_terms(
    rubric: Rubric, sentences: tuple[str, ...]
) -> tuple[dict[str, tuple[int, ...]], tuple[bool, ...], tuple[bool, ...]]:
    """Which rubric terms each sentence names, and which sentences explain rather than list.

    Returns ``(terms, explanatory, listy)``: ``terms`` maps a term to the
    indices of the sentences naming it; ``listy[i]`` says whether sentence ``i``
    is mostly a list of terms; ``explanatory[i]`` says whether sentence ``i``
    has at least ``MIN_EXPLAINING_WORDS`` content words outside the terms it
    names and is not mostly a list of terms (three or more terms and fewer other words than terms).
    """
    vocab = _vocabulary(rubric)
    # Longer terms first so "gradient boosting" claims its words before "boosting".
    ordered = sorted(vocab.items(), key=lambda kv: -len(kv[1]))
    terms: dict[str, list[int]] = {}
    explanatory: list[bool] = []
    listy: list[bool] = []
    for si, sentence in enumerate(sentences):
        lemmas = content_lemmas(sentence)
        used = [False] * len(lemmas)
        named = 0
        for name, seq in ordered:
            hit = False
            for start in _contains(lemmas, seq):
                span = range(start, start + len(seq))
                if any(used[j] for j in span):
                    continue
                for j in span:
                    used[j] = True
                hit = True
            if hit:
                named += 1
                terms.setdefault(name, []).append(si)
        free = used.count(False)
        is_list = named >= 3 and free < named
        listy.append(is_list)
        explanatory.append(free >= MIN_EXPLAINING_WORDS and not is_list)
    return {k: tuple(v) for k, v in terms.items()}, tuple(explanatory), tuple(listy)


def unexplained_terms(terms: dict[str, tuple[int, ...]], explanatory: tuple[bool, ...],
                      evidence: frozenset[int] = frozenset(), listy: tuple[bool, ...] = ()) -> list[str]:
    """Terms named only in sentences that neither explain anything nor cover a key point.

    ``evidence`` holds the indices of sentences that are the evidence of a
    covered key point: a short sentence that states a point explains its
    terms, unless it is a list of terms (``listy``).
    """
    def explains(i: int) -> bool:
        return explanatory[i] or (i in evidence and not (listy and listy[i]))

    return sorted(t for t, where in terms.items() if not any(explains(i) for i in where))
