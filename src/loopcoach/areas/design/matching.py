"""Decide which key points a set of sentences covers, and by which sentence.

A key point is covered by a sentence when one of three signals fires:
a keyword of the point occurs as a phrase (``keyword``), most content words of
one of its phrasings occur (``wording``), or the sentence's embedding is close
to a phrasing's embedding (``meaning``). Sentences that only string buzzwords
together earn half credit, so a list of tool names does not pass for a design.

A keyword is evidence only in a sentence that discusses the point: a keyword of
two or more words ("safety stock", "label delay") is specific enough by itself,
but a one-word keyword ("bias", "waste", "precision") counts only when the same
sentence also says something about the point: another content word of the
point's description or phrasings, or three more content words and an embedding
at least ``keyword_support`` close to them (a short sentence's embedding is
mostly its keyword, so it cannot vouch for itself). A sentence that is a list of
the rubric's one-word keywords (three or more key points named by them, with
fewer than 1.5 content words per point) is a keyword dump and earns nothing,
whatever it contains.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from loopcoach.areas.design.buzz import is_buzz_sentence
from loopcoach.areas.design.calibration import Calibration
from loopcoach.areas.design.lexical import STOPWORDS, content_tokens, overlap, tokens
from loopcoach.content.schemas.design import KeyPoint


class EmbedderLike(Protocol):
    """The part of the foundation's Embedder the design area uses."""

    def encode(self, texts: list[str], cache: bool = ...) -> Any:
        """Return an (n, d) array of L2-normalised vectors."""
        ...


@dataclass(frozen=True)
class Sentence:
    """A unit of evidence: a sentence of the notes or a question asked in the chat."""

    text: str
    position: int
    section: str | None = None
    source: str = "notes"  # "notes" or "question"
    flow: bool = False  # a diagram or a chain of components joined by arrows


@dataclass(frozen=True)
class PointMatch:
    """How well one key point is covered and by which sentence."""

    step: str
    point: KeyPoint
    credit: float  # 0, 0.5 (buzzword-only) or 1
    score: float  # strongest signal, 0..1
    how: str  # keyword | wording | meaning | question | none
    evidence: str | None
    position: int | None
    generic: bool


class EncodedSentences:
    """Sentences with their tokens and embeddings, encoded once per grading."""

    def __init__(self, sentences: Sequence[Sentence], embedder: EmbedderLike | None) -> None:
        self.sentences = list(sentences)
        self.tokens = [tokens(s.text) for s in self.sentences]
        self.token_sets = [set(t) for t in self.tokens]
        self.joined = [" " + " ".join(t) + " " for t in self.tokens]
        self.buzz = [is_buzz_sentence(t) for t in self.tokens]
        self.content = [{t for t in toks if t not in STOPWORDS and len(t) > 1} for toks in self.tokens]
        self.dump = [False for _ in self.sentences]  # set by mark_keyword_dumps
        self.vectors: np.ndarray | None = None
        if embedder is not None and self.sentences:
            self.vectors = np.asarray(embedder.encode([s.text for s in self.sentences], cache=False))


_MEMO: weakref.WeakKeyDictionary[Any, dict[str, np.ndarray]] = weakref.WeakKeyDictionary()


def encode_memo(embedder: EmbedderLike, texts: Sequence[str]) -> np.ndarray:
    """Encode bundled texts (phrasings, example questions) once per embedder and process."""
    try:
        memo = _MEMO.setdefault(embedder, {})
    except TypeError:  # an embedder that cannot be weakly referenced: no memo
        return np.asarray(embedder.encode(list(texts), cache=True))
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        vecs = np.asarray(embedder.encode(todo, cache=True))
        memo.update(zip(todo, vecs, strict=True))
    return np.stack([memo[t] for t in texts]) if texts else np.zeros((0, 0))


def _phrasing_vectors(points: Sequence[KeyPoint], embedder: EmbedderLike | None) -> list[np.ndarray | None]:
    if embedder is None:
        return [None for _ in points]
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for p in points:
        start = len(texts)
        texts.extend([p.text, *p.phrasings])
        spans.append((start, len(texts)))
    if not texts:
        return []
    vecs = encode_memo(embedder, texts)
    return [vecs[a:b] for a, b in spans]


#: Words too common in design notes to show that a sentence discusses a particular point.
_WEAK_SUPPORT = frozenset(
    "model data system user feature time new good way based make need want also well one two each"
    " step point value number rate per".split()
)


def _keyword_keys(point: KeyPoint) -> list[tuple[bool, str, bool]]:
    """(anchored at the start, " joined tokens ", single word) per keyword of the point."""
    out = []
    for k in point.keywords:
        toks = tokens(k.lstrip("^"))
        if toks:
            out.append((k.startswith("^"), " " + " ".join(toks) + " ", len(toks) == 1))
    return out


def _support_words(point: KeyPoint) -> set[str]:
    """Content words of the point's description and phrasings, other than its one-word keywords."""
    words = set(content_tokens(point.text))
    for p in point.phrasings:
        words.update(content_tokens(p))
    single = {t for k in point.keywords for t in tokens(k.lstrip("^")) if len(tokens(k.lstrip("^"))) == 1}
    return {w for w in words - single if len(w) > 2 and w not in _WEAK_SUPPORT}


def mark_keyword_dumps(encoded: EncodedSentences, points: Sequence[KeyPoint]) -> None:
    """Flag sentences that list one-word keywords: 3+ points named so, under 1.5 content words per point."""
    keys = [_keyword_keys(p) for p in points]
    for i, joined in enumerate(encoded.joined):
        named = 0
        for kk in keys:
            hits = [single for start, k, single in kk if (joined.startswith(k) if start else k in joined)]
            named += bool(hits) and all(hits)
        encoded.dump[i] = named >= 3 and len(encoded.content[i]) < 1.5 * named


def match_points(
    step: str,
    points: Sequence[KeyPoint],
    encoded: EncodedSentences,
    allowed: Sequence[int],
    embedder: EmbedderLike | None,
    cal: Calibration,
    generic_ids: frozenset[str] = frozenset(),
) -> list[PointMatch]:
    """Match every key point of a step against the allowed sentences (indices into ``encoded``)."""
    pvecs = _phrasing_vectors(points, embedder)
    allowed = list(allowed)
    sub = encoded.vectors[allowed] if encoded.vectors is not None and allowed else None
    results: list[PointMatch] = []
    for point, pv in zip(points, pvecs, strict=True):
        # "^word" matches only at the start of a sentence (a label such as "Online: ...")
        keyword_keys = _keyword_keys(point)
        support = _support_words(point)
        keyword_words = {k.strip() for _, k, single in keyword_keys if single}
        phrase_content = [pc for pc in (content_tokens(p) for p in point.phrasings) if len(pc) >= 2]
        sems = (pv @ sub.T).max(axis=0) if pv is not None and sub is not None else None
        best: tuple[float, float, str, int] | None = None  # credit, score, how, sentence index
        for j, i in enumerate(allowed):
            joined = encoded.joined[i]
            how, score = "none", 0.0
            tset = encoded.token_sets[i]
            lex = max((overlap(tset, pc) for pc in phrase_content), default=0.0)
            sem = float(sems[j]) if sems is not None else 0.0
            hits = [single for start, k, single in keyword_keys if (joined.startswith(k) if start else k in joined)]
            other = encoded.content[i] - keyword_words
            supported = bool(other & support) or (len(other) >= 3 and sem >= cal.keyword_support)
            if encoded.dump[i] or (hits and all(hits) and not supported):
                # a keyword dump, or a sentence that names the point by one word and says nothing else about
                # it: its embedding is mostly that word, so neither the keyword nor the meaning counts
                score = max(sem, lex * cal.sem_threshold) * 0.5
            elif hits:
                how, score = "keyword", 1.0
            else:
                if lex >= cal.lex_threshold:
                    how, score = "wording", lex
                elif sem >= cal.sem_threshold:
                    how, score = "meaning", sem
                else:
                    score = max(sem, lex * cal.sem_threshold)
            credit = 0.0 if how == "none" else (0.5 if encoded.buzz[i] else 1.0)
            if best is None or (credit, score) > best[:2]:
                best = (credit, score, how, i)
        if best is None or best[0] == 0.0:
            results.append(PointMatch(step, point, 0.0, best[1] if best else 0.0, "none", None, None,
                                      point.id in generic_ids))
        else:
            s = encoded.sentences[best[3]]
            how = "question" if s.source == "question" else best[2]
            results.append(PointMatch(step, point, best[0], best[1], how, s.text, s.position,
                                      point.id in generic_ids))
    return results
