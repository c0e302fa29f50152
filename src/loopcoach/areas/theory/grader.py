"""The ML theory grader: which key points an answer covers, and how well.

For every key point the grader measures, over the answer's sentences and
adjacent-sentence windows,

* ``sim``: the best cosine between an answer unit and the point's text or any
  of its phrasings (sentence embeddings),
* ``sim_all``: the mean over the point's texts of their best cosine (an idea
  said the way several phrasings say it scores higher than one lucky match),
* ``keywords``: the share of the point's cue keywords present (lemma match),
* ``overlap``: the best share of a phrasing's content lemmas found in one unit,
* ``margin``: how much closer the evidence unit is to this point than to the
  nearest other point,
* ``negated``: whether the evidence unit denies the phrasing it matches,
* ``listy``: whether the evidence sentence is mostly a list of terms (name-dropping),

and a logistic regression fitted on labelled answers turns them into P(covered).
Misconceptions are sentences close to a wrong claim that do not negate it.
The score is a fitted linear model of coverage, misconceptions, buzzwords, the
whole answer's similarity to the reference (model) answer, and
the presence of an intuition and an example (see ``calibration.py``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from loopcoach.areas.theory.calibration import Calibration, load_calibration
from loopcoach.areas.theory.explain import find_terms
from loopcoach.areas.theory.lexicon import (
    content_lemmas,
    disavows,
    has_example_cue,
    has_intuition_cue,
    is_meta_talk,
    is_negated_relative_to,
    topic_words,
)
from loopcoach.areas.theory.result import GradeResult, build_result
from loopcoach.areas.theory.rubric import Rubric
from loopcoach.errors import EmptyInputError, TooLargeError
from loopcoach.text.sentences import split_sentences

MAX_ANSWER_CHARS = 20_000
MAX_SENTENCES = 80
DENIAL_SLACK = 0.15  # how much closer a denying unit may be than the asserting one chosen instead

Matrix = NDArray[np.float32]


class Encoder(Protocol):
    """What the grader needs from the text engine's embedder."""

    def encode(self, texts: list[str], cache: bool = False) -> Matrix: ...


@dataclass(frozen=True)
class PointFeatures:
    """The measured features of one key point and where its evidence is."""

    values: dict[str, float]
    evidence: int  # index into AnswerAnalysis.sentences, -1 when the answer is empty of units
    unit_text: str


@dataclass(frozen=True)
class MisconceptionFeatures:
    """The closest sentence to one misconception."""

    sim: float
    sentence: int
    negated: bool
    margin: float = 0.0  # sim minus the sentence's similarity to its nearest key point
    overlap: float = 0.0  # best share of a claim phrasing's content lemmas in the sentence


@dataclass(frozen=True)
class AnswerAnalysis:
    """Everything measured on one answer against one rubric, before any threshold."""

    sentences: tuple[str, ...]
    points: tuple[PointFeatures, ...]
    misconceptions: tuple[MisconceptionFeatures, ...]
    topicality: float
    holistic: float  # cosine between the whole answer and the rubric's reference answer
    terms: dict[str, tuple[int, ...]]  # term -> sentences that name it
    explanatory: tuple[bool, ...]  # per sentence: says more than a list of terms
    listy: tuple[bool, ...]  # per sentence: mostly a list of terms
    intuition: bool
    example: bool


@dataclass(frozen=True)
class _RubricVectors:
    points: tuple[Matrix, ...]
    misconceptions: tuple[Matrix, ...]
    title: Matrix
    reference: Matrix
    lemma_sets: tuple[tuple[frozenset[str], ...], ...]
    misconception_lemmas: tuple[tuple[frozenset[str], ...], ...]
    keyword_lemmas: tuple[tuple[frozenset[str], ...], ...]


def _rubric_digest(rubric: Rubric) -> str:
    h = hashlib.sha1()
    for p in rubric.points:
        h.update("\x1f".join((p.id, *p.texts, *p.keywords)).encode())
    for m in rubric.misconceptions:
        h.update("\x1f".join(m.texts).encode())
    h.update(rubric.title.encode())
    return h.hexdigest()


class TheoryGrader:
    """Grades answers against rubrics; keeps rubric embeddings between calls."""

    def __init__(self, embedder: Encoder, calibration: Calibration | None = None) -> None:
        self.embedder = embedder
        self._calibration = calibration
        self._vectors: dict[str, _RubricVectors] = {}

    @property
    def calibration(self) -> Calibration:
        """The fitted constants (the bundled ones unless others were given)."""
        if self._calibration is None:
            self._calibration = load_calibration()
        return self._calibration

    # -- rubric side -------------------------------------------------------
    def _rubric_vectors(self, rubric: Rubric) -> _RubricVectors:
        key = _rubric_digest(rubric)
        cached = self._vectors.get(key)
        if cached is not None:
            return cached
        texts: list[str] = [rubric.title, rubric.reference or rubric.title]
        for p in rubric.points:
            texts.extend(p.texts)
        for m in rubric.misconceptions:
            texts.extend(m.texts)
        # Bank rubrics are shared content: cache their encodings on disk.
        matrix = self.embedder.encode(texts, cache=rubric.question_id is not None)
        at = 2
        points: list[Matrix] = []
        for p in rubric.points:
            points.append(matrix[at : at + len(p.texts)])
            at += len(p.texts)
        miscs: list[Matrix] = []
        for m in rubric.misconceptions:
            miscs.append(matrix[at : at + len(m.texts)])
            at += len(m.texts)
        vectors = _RubricVectors(
            points=tuple(points),
            misconceptions=tuple(miscs),
            title=matrix[0:1],
            reference=matrix[1:2],
            lemma_sets=tuple(tuple(frozenset(content_lemmas(t)) for t in p.texts) for p in rubric.points),
            misconception_lemmas=tuple(
                tuple(frozenset(content_lemmas(t)) for t in m.texts) for m in rubric.misconceptions
            ),
            keyword_lemmas=tuple(
                tuple(frozenset(content_lemmas(k)) or frozenset({k.lower()}) for k in p.keywords)
                for p in rubric.points
            ),
        )
        if len(self._vectors) > 512:
            self._vectors.clear()
        self._vectors[key] = vectors
        return vectors

    # -- answer side -------------------------------------------------------
    def analyze(self, rubric: Rubric, answer: str) -> AnswerAnalysis:
        """Measure every feature of ``answer`` against ``rubric`` (no thresholds applied)."""
        text = answer.strip()
        if not text:
            raise EmptyInputError("The answer is empty; write at least one sentence.")
        if len(text) > MAX_ANSWER_CHARS:
            raise TooLargeError(
                f"The answer is {len(text)} characters long; the grader accepts up to {MAX_ANSWER_CHARS}."
            )
        sentences = tuple(s.text.strip() for s in split_sentences(text) if s.text.strip())[:MAX_SENTENCES]
        if not sentences:
            raise EmptyInputError("The answer is empty; write at least one sentence.")
        vectors = self._rubric_vectors(rubric)
        n = len(sentences)
        windows = [f"{sentences[i]} {sentences[i + 1]}" for i in range(n - 1)]
        units = [*sentences, *windows]
        unit_vecs = self.embedder.encode(units)
        # The whole answer as the normalised mean of its sentence vectors (no extra, long encode).
        whole = unit_vecs[:n].mean(axis=0)
        whole = whole / (float(np.linalg.norm(whole)) or 1.0)
        unit_lemmas = [frozenset(content_lemmas(u)) for u in units]

        terms, explanatory, listy = find_terms(rubric, sentences)
        # A list of terms states nothing, and neither does talk about the topic ("X is a fundamental concept
        # every data scientist should understand"): such a sentence (and a window holding one) is never the
        # evidence of a key point, so a keyword list or on-topic filler cannot earn coverage.
        topic = topic_words(rubric.title)
        empty = [listy[i] or is_meta_talk(sentences[i], topic) for i in range(n)]
        eligible = np.asarray([not e for e in empty] + [not (empty[i] or empty[i + 1]) for i in range(n - 1)])
        per_point_unit_best: list[NDArray[np.float32]] = []
        sims_by_point: list[Matrix] = []
        raw_best: list[NDArray[np.float32]] = []
        for mat in vectors.points:
            raw = unit_vecs @ mat.T  # (units, texts)
            raw_best.append(raw.max(axis=1))
            sims = np.where(eligible[:, None], raw, np.float32(-1.0)).astype(np.float32)
            sims_by_point.append(sims)
            per_point_unit_best.append(sims.max(axis=1))
        best_stack = np.stack(per_point_unit_best, axis=1)  # (units, points), list units at -1
        raw_stack = np.stack(raw_best, axis=1)

        points: list[PointFeatures] = []
        for pi, point in enumerate(rubric.points):
            sims = sims_by_point[pi]
            # Evidence: the unit closest in meaning, with shared wording as a tie-breaker.
            unit_overlap = np.asarray([
                max((len(lem & ul) / len(lem) for lem in vectors.lemma_sets[pi] if lem), default=0.0) if ok else 0.0
                for ul, ok in zip(unit_lemmas, eligible, strict=True)
            ])
            rank = sims.max(axis=1) + 0.5 * unit_overlap
            unit, _, denied_unit = self._evidence_unit(rank, sims, units, point.texts)
            others = np.delete(best_stack[unit], pi)
            margin = float(best_stack[unit, pi] - (others.max() if others.size else 0.0))
            kw_sets = vectors.keyword_lemmas[pi]
            # Keywords count where the evidence is, not anywhere: a keyword list at the end of a weak
            # answer must not cover every point.
            keywords = (
                sum(1 for k in kw_sets if k <= unit_lemmas[unit]) / len(kw_sets) if kw_sets else 0.0
            )
            overlap = float(unit_overlap.max())
            evidence = unit if unit < n else self._window_sentence(unit - n, sims)
            values = {
                "sim": float(sims.max()),
                "sim_all": float(sims.max(axis=0).mean()),
                "keywords": keywords,
                "overlap": overlap,
                "margin": margin,
                "negated": 1.0 if denied_unit else 0.0,
                # Not a model feature: the rule in result.decide() (a point called false is not covered).
                "denied": 1.0 if denied_unit and disavows(units[unit]) else 0.0,
                "listy": 1.0 if listy[evidence] else 0.0,
            }
            points.append(PointFeatures(values=values, evidence=evidence, unit_text=units[unit]))

        miscs: list[MisconceptionFeatures] = []
        point_best = raw_stack[:n].max(axis=1)  # each sentence's closeness to its nearest key point
        for mi, mat in enumerate(vectors.misconceptions):
            texts = rubric.misconceptions[mi].texts
            sims = unit_vecs[:n] @ mat.T  # (sentences, texts)
            best_text = sims.argmax(axis=1)
            sent_sim = sims.max(axis=1)
            negated = [is_negated_relative_to(sentences[i], texts[int(best_text[i])]) for i in range(n)]
            # The candidate sentence: closest to the claim relative to the rubric, preferring assertions.
            rank = 2 * sent_sim - point_best - 10.0 * np.asarray(negated, dtype=float)
            sent = int(np.argmax(rank))
            claim_lemmas = [vectors.misconception_lemmas[mi][t] for t in range(len(texts))]
            overlap = max(
                (len(c & unit_lemmas[sent]) / len(c) for c in claim_lemmas if c), default=0.0
            )
            miscs.append(
                MisconceptionFeatures(
                    sim=float(sent_sim[sent]),
                    sentence=sent,
                    negated=negated[sent],
                    margin=float(sent_sim[sent] - point_best[sent]),
                    overlap=overlap,
                )
            )
        topic_parts = [float((unit_vecs @ vectors.title.T).max()), float(raw_stack.max())]
        return AnswerAnalysis(
            sentences=sentences,
            points=tuple(points),
            misconceptions=tuple(miscs),
            topicality=max(topic_parts),
            holistic=float(whole @ vectors.reference[0]),
            terms=terms,
            explanatory=explanatory,
            listy=listy,
            intuition=any(has_intuition_cue(s) for s in sentences),
            example=any(has_example_cue(s) for s in sentences),
        )

    @staticmethod
    def _evidence_unit(
        rank: NDArray[np.float64], sims: Matrix, units: list[str], texts: tuple[str, ...]
    ) -> tuple[int, int, bool]:
        """The best unit that asserts the point: (unit, closest text, negated).

        A unit that denies the point ("..., which is false") is passed over for a nearly as close one
        that asserts it; when every close unit denies it, the best one is kept with ``negated`` set.
        """
        order = np.argsort(-rank, kind="stable")
        first = int(order[0])
        for u in (int(i) for i in order[:5]):
            if rank[u] < rank[first] - DENIAL_SLACK:
                break
            t = int(np.argmax(sims[u]))
            if not is_negated_relative_to(units[u], texts[t]):
                return u, t, False
        return first, int(np.argmax(sims[first])), True

    @staticmethod
    def _window_sentence(window: int, sims: Matrix) -> int:
        """The sentence of a two-sentence window that is closer to the point on its own."""
        first, second = float(sims[window].max()), float(sims[window + 1].max())
        return window if first >= second else window + 1

    def grade(self, rubric: Rubric, answer: str) -> GradeResult:
        """Grade ``answer`` against ``rubric``: covered points with evidence, score, feedback."""
        analysis = self.analyze(rubric, answer)
        return build_result(rubric, analysis, self.calibration)
