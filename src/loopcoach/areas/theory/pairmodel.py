"""The pair model: does this unit of an answer state this claim, and which unit is the evidence?

One decision serves rubric key points ("does the answer state this point?")
and own-card grading ("does the answer say what my reference says?"). It is
trained on many people's writing (SemEval-2013 Task 7, Beetle and SciEntsBank:
student answers against reference answers, 2-way labels) by
``tools/train_theory.py`` and read from ``data/pair_model.json``, a calibration
in the shared format of the analyzer seam (/work/SEAM.md): a logistic
regression over the features below, folded with its standardisation.

Per (unit, claim) pair, over the claim's texts (its statement and phrasings):

* ``cos_max`` / ``cos_mean``: best and mean cosine of the unit to the texts
  (the bundled sentence embedder),
* ``recall``: share of the closest text's content lemmas present in the unit;
  ``recall_max``: the best such share over all texts; ``precision``: share of
  the unit's content lemmas that the closest text uses,
* ``keywords``: share of the claim's keywords (its discriminative words: the
  bank author's cue words, or the reference words the question does not
  already use) present in the unit; the ``recall`` when the claim has none,
* ``negated``: the unit negates what the closest text asserts (or frames it as
  a myth),
* ``numbers_missing``: the closest text states a number the unit does not,
* ``unit_len`` / ``claim_len``: log(1 + content words) of the unit and text.

``PairJudge.judge`` has the ``ClaimJudge`` shape of the seam: verdicts with a
probability, the evidence unit and a stance. ``Claim``/``Verdict`` here stand in
for ``loopcoach.analysis.judges`` until that floor lands (same fields).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from loopcoach.areas.theory.lexicon import content_lemmas, is_negated_relative_to
from loopcoach.errors import InternalError

Matrix = NDArray[np.float32]
Stance = Literal["asserts", "denies", "absent"]

PAIR_FEATURES: tuple[str, ...] = (
    "cos_max",
    "cos_mean",
    "recall",
    "recall_max",
    "keywords",
    "precision",
    "negated",
    "numbers_missing",
    "unit_len",
    "claim_len",
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?")


class Encoder(Protocol):
    """What the judge needs from the text engine's embedder."""

    def encode(self, texts: list[str], cache: bool = False) -> Matrix: ...


@dataclass(frozen=True)
class Claim:
    """A statement an answer may make (a key point, a reference sentence, a wrong claim)."""

    id: str
    text: str
    phrasings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """The statement followed by its phrasings."""
        return (self.text, *self.phrasings)


@dataclass(frozen=True)
class Verdict:
    """Whether the units state one claim, how sure, and where."""

    claim_id: str
    probability: float
    evidence: int | None  # index of the unit that states (or denies) it; None when absent
    stance: Stance
    features: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PairModel:
    """The fitted logistic regression over ``PAIR_FEATURES`` and its decision threshold."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    trained_on: Mapping[str, Any] = field(default_factory=dict)
    metrics: Mapping[str, float] = field(default_factory=dict)

    def logit(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """Log-odds of every row (rows are in ``self.features`` order)."""
        return np.asarray(rows @ np.asarray(self.coef) + self.intercept, dtype=np.float64)

    def probability(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """P(the unit states the claim) of every row."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(rows))), dtype=np.float64)


def parse_pair_model(doc: Mapping[str, Any]) -> PairModel:
    """Read the ``pair`` model of a calibration document (the seam's format)."""
    if doc.get("format") != 1:
        raise ValueError("unsupported calibration format")
    part = doc["models"]["pair"]
    if part["kind"] != "logistic":
        raise ValueError(f"the pair model must be logistic, not {part['kind']!r}")
    features = tuple(str(f) for f in part["features"])
    unknown = set(features) - set(PAIR_FEATURES)
    if unknown:
        raise ValueError(f"unknown pair features {sorted(unknown)}")
    coef = tuple(float(c) for c in part["coef"])
    if len(coef) != len(features):
        raise ValueError("the pair model has a coefficient count that does not match its features")
    return PairModel(
        features=features,
        coef=coef,
        intercept=float(part["intercept"]),
        threshold=float(doc["thresholds"]["pair"]),
        trained_on=dict(doc.get("trained_on", {})),
        metrics={str(k): float(v) for k, v in doc.get("metrics", {}).items()},
    )


@lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    """The bundled pair model; a missing or broken file is an install problem."""
    try:
        raw = resources.files("loopcoach.areas.theory").joinpath("data/pair_model.json").read_text("utf-8")
        return parse_pair_model(json.loads(raw))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InternalError(
            "The theory pair model is missing or broken; run 'make train-theory DATA=...'."
        ) from exc


@lru_cache(maxsize=16384)
def _lemmas(text: str) -> frozenset[str]:
    return frozenset(content_lemmas(text))


@lru_cache(maxsize=16384)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(m.group(0).replace(",", ".") for m in _NUMBER.finditer(text))


def pair_features(unit: str, texts: Sequence[str], sims: NDArray[np.float32],
                  keywords: Sequence[str] = ()) -> dict[str, float]:
    """The features of one (unit, claim) pair; ``sims[i]`` is the unit's cosine to ``texts[i]``."""
    best = int(np.argmax(sims))
    return _features(unit, texts, best, float(sims[best]), float(np.mean(sims)), keywords)


def _features(unit: str, texts: Sequence[str], best: int, cos_max: float, cos_mean: float,
              keywords: Sequence[str]) -> dict[str, float]:
    ul = _lemmas(unit)
    recalls = [len(lem & ul) / len(lem) if lem else 0.0 for lem in map(_lemmas, texts)]
    kw_sets = [_lemmas(k) or frozenset({k.lower()}) for k in keywords]
    tl = _lemmas(texts[best])
    numbers = _numbers(texts[best])
    return {
        "cos_max": cos_max,
        "cos_mean": cos_mean,
        "recall": recalls[best],
        "recall_max": max(recalls),
        "keywords": sum(1 for k in kw_sets if k <= ul) / len(kw_sets) if kw_sets else recalls[best],
        "precision": len(tl & ul) / len(ul) if ul else 0.0,
        "negated": 1.0 if is_negated_relative_to(unit, texts[best]) else 0.0,
        "numbers_missing": 1.0 if numbers - _numbers(unit) else 0.0,
        "unit_len": math.log1p(len(ul)),
        "claim_len": math.log1p(len(tl)),
    }


class PairJudge:
    """The SemEval-trained pair model behind the ``ClaimJudge`` seam."""

    name = "pair"

    def __init__(self, embedder: Encoder, model: PairModel | None = None, cache: bool = False) -> None:
        self.embedder = embedder
        self._model = model
        self._cache = cache  # bank content: let the embedder keep claim vectors on disk
        self._claim_vectors: dict[str, Matrix] = {}

    @property
    def model(self) -> PairModel:
        """The fitted model (the bundled one unless another was given)."""
        if self._model is None:
            self._model = load_pair_model()
        return self._model

    def _texts_vectors(self, claims: Sequence[Claim]) -> list[Matrix]:
        missing = [t for c in claims for t in c.texts if t not in self._claim_vectors]
        if missing:
            unique = list(dict.fromkeys(missing))
            for text, vec in zip(unique, self.embedder.encode(unique, cache=self._cache), strict=True):
                self._claim_vectors[text] = vec
            if len(self._claim_vectors) > 20000:
                keep = {t for c in claims for t in c.texts}
                self._claim_vectors = {t: v for t, v in self._claim_vectors.items() if t in keep}
        return [np.stack([self._claim_vectors[t] for t in c.texts]) for c in claims]

    def feature_rows(self, units: Sequence[str], claims: Sequence[Claim],
                     unit_vectors: Matrix | None = None) -> list[list[dict[str, float]]]:
        """Features of every (claim, unit) pair: ``rows[claim][unit]``."""
        if unit_vectors is None:
            unit_vectors = self.embedder.encode(list(units))
        out = []
        for claim, mat in zip(claims, self._texts_vectors(claims), strict=True):
            sims = unit_vectors @ mat.T  # (units, texts)
            best, top, mean = sims.argmax(axis=1), sims.max(axis=1), sims.mean(axis=1)
            out.append([
                _features(u, claim.texts, int(best[i]), float(top[i]), float(mean[i]), claim.keywords)
                for i, u in enumerate(units)
            ])
        return out

    def judge(self, units: Sequence[str], claims: Sequence[Claim],
              unit_vectors: Matrix | None = None) -> list[Verdict]:
        """One verdict per claim: the unit most likely to state it, and how likely."""
        if not units:
            return [Verdict(c.id, 0.0, None, "absent", {}) for c in claims]
        model = self.model
        verdicts = []
        for claim, rows in zip(claims, self.feature_rows(units, claims, unit_vectors), strict=True):
            x = np.asarray([[r[n] for n in model.features] for r in rows], dtype=np.float64)
            probs = model.probability(x)
            best = int(np.argmax(probs))
            p = float(probs[best])
            feats = rows[best]
            if p >= model.threshold:
                verdicts.append(Verdict(claim.id, p, best, "asserts", feats))
                continue
            # A unit that would state the claim were it not negated denies it.
            if "negated" in model.features:
                flipped = x.copy()
                flipped[:, model.features.index("negated")] = 0.0
                denied = model.probability(flipped) * x[:, model.features.index("negated")]
                k = int(np.argmax(denied))
                if denied[k] >= model.threshold:
                    verdicts.append(Verdict(claim.id, float(probs[k]), k, "denies", rows[k]))
                    continue
            verdicts.append(Verdict(claim.id, p, None, "absent", feats))
        return verdicts
