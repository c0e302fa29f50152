"""Fitted constants of the theory grader, read from package data.

The numbers in ``data/calibration.json`` are produced by
``tools/calibrate_theory.py`` from the training split of the labelled answers
in ``tests/data/theory_answers``; they are never edited by hand. They hold

* the logistic regression that turns a key point's features into the
  probability that the answer covers it,
* a logistic regression from a sentence's similarity to a wrong claim (and
  its margin over the nearest key point, and word overlap) to P(states it),
* the similarity below which an answer is off-topic,
* the linear model that turns coverage, correctness and explanation into the
  0-100 score.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from importlib import resources

from loopcoach.errors import InternalError

POINT_FEATURES: tuple[str, ...] = ("sim", "sim_all", "keywords", "overlap", "margin", "negated", "listy")
MISCONCEPTION_FEATURES: tuple[str, ...] = ("sim", "margin", "overlap")
SCORE_FEATURES: tuple[str, ...] = (
    "coverage_soft",
    "coverage_hard",
    "misconceptions",
    "buzzwords",
    "intuition",
    "example",
    "off_topic",
    "holistic",
)


@dataclass(frozen=True)
class Calibration:
    """The fitted constants; see the module docstring."""

    point_weights: tuple[float, ...]
    point_bias: float
    point_threshold: float
    misconception_weights: tuple[float, ...]
    misconception_bias: float
    misconception_threshold: float
    off_topic_threshold: float
    score_weights: tuple[float, ...]
    score_bias: float
    fitted_on: str = ""

    def point_probability(self, features: dict[str, float]) -> float:
        """P(covered) of one key point from its features."""
        z = self.point_bias + sum(w * features[n] for w, n in zip(self.point_weights, POINT_FEATURES, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def misconception_probability(self, features: dict[str, float]) -> float:
        """P(the sentence states the misconception) from its features (negation handled by the caller)."""
        z = self.misconception_bias + sum(
            w * features[n] for w, n in zip(self.misconception_weights, MISCONCEPTION_FEATURES, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, features: dict[str, float]) -> int:
        """The 0-100 score from the answer-level features."""
        raw = self.score_bias + sum(
            w * features[n] for w, n in zip(self.score_weights, SCORE_FEATURES, strict=True)
        )
        return round(min(100.0, max(0.0, raw)))

    def to_json(self) -> str:
        """Serialise for ``data/calibration.json``."""
        return json.dumps(asdict(self), indent=2) + "\n"


def load_calibration() -> Calibration:
    """Read the bundled calibration; a missing or broken file is an install problem."""
    try:
        raw = resources.files("loopcoach.areas.theory").joinpath("data/calibration.json").read_text("utf-8")
        doc = json.loads(raw)
        return Calibration(
            point_weights=tuple(float(x) for x in doc["point_weights"]),
            point_bias=float(doc["point_bias"]),
            point_threshold=float(doc["point_threshold"]),
            misconception_weights=tuple(float(x) for x in doc["misconception_weights"]),
            misconception_bias=float(doc["misconception_bias"]),
            misconception_threshold=float(doc["misconception_threshold"]),
            off_topic_threshold=float(doc["off_topic_threshold"]),
            score_weights=tuple(float(x) for x in doc["score_weights"]),
            score_bias=float(doc["score_bias"]),
            fitted_on=str(doc.get("fitted_on", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InternalError(
            "The theory grader's calibration file is missing or broken; run tools/calibrate_theory.py."
        ) from exc
