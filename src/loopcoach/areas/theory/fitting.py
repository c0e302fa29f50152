"""Fitting the grader's constants from labelled answers (used by tools/calibrate_theory.py).

Pure functions over already-measured answers: the point model (logistic
regression), the misconception and off-topic thresholds (grid search for
accuracy) and the score model (bounded least squares). scikit-learn and
scipy are imported inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from loopcoach.areas.theory.calibration import (
    MISCONCEPTION_FEATURES,
    POINT_FEATURES,
    SCORE_FEATURES,
    Calibration,
)
from loopcoach.areas.theory.result import decide, misconception_values, score_features
from loopcoach.areas.theory.rubric import Rubric

if TYPE_CHECKING:
    from loopcoach.areas.theory.grader import AnswerAnalysis

# Sign constraints of the score model: coverage and explanation can only
# raise a score, misconceptions, buzzwords and being off-topic only lower it.
SCORE_BOUNDS: dict[str, tuple[float, float]] = {
    "coverage_soft": (0.0, np.inf),
    "coverage_hard": (0.0, np.inf),
    "misconceptions": (-np.inf, 0.0),
    "buzzwords": (-np.inf, 0.0),
    "intuition": (0.0, np.inf),
    "example": (0.0, np.inf),
    "off_topic": (-np.inf, 0.0),
    "holistic": (0.0, np.inf),
}


class LabelledAnswer(Protocol):
    """What the fitting needs to know about a labelled answer."""

    @property
    def grade(self) -> int: ...
    @property
    def covers(self) -> frozenset[str]: ...
    @property
    def misconceptions(self) -> frozenset[int]: ...
    @property
    def level(self) -> str: ...


Analysed = Sequence[tuple[LabelledAnswer, Rubric, "AnswerAnalysis"]]


def point_rows(analysed: Analysed) -> tuple[np.ndarray, np.ndarray]:
    """(features, covered labels) over every key point of every answer."""
    xs, ys = [], []
    for label, rubric, analysis in analysed:
        for point, pf in zip(rubric.points, analysis.points, strict=True):
            xs.append([pf.values[n] for n in POINT_FEATURES])
            ys.append(1 if point.id in label.covers else 0)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=int)


def _best_threshold(values: np.ndarray, labels: np.ndarray, balanced: bool = False) -> tuple[float, float]:
    """The cut (value >= cut means positive) with the best (balanced) accuracy; midpoints between values."""
    grid = np.unique(values)
    cuts = np.concatenate([[grid[0] - 1e-6], (grid[:-1] + grid[1:]) / 2, [grid[-1] + 1e-6]])
    best_cut, best_acc = float(cuts[0]), -1.0
    for cut in cuts:
        pred = values >= cut
        if balanced:
            pos, neg = labels == 1, labels == 0
            tpr = pred[pos].mean() if pos.any() else 1.0
            tnr = (~pred[neg]).mean() if neg.any() else 1.0
            acc = float((tpr + tnr) / 2)
        else:
            acc = float((pred == (labels == 1)).mean())
        if acc > best_acc + 1e-12:
            best_cut, best_acc = float(cut), acc
    return best_cut, best_acc


def fit_calibration(analysed: Analysed, fitted_on: str = "") -> tuple[Calibration, list[str]]:
    """Fit every constant on ``analysed`` (the training split); return it and a short report."""
    from scipy.optimize import lsq_linear
    from sklearn.linear_model import LogisticRegression

    report: list[str] = []
    x, y = point_rows(analysed)
    # Negated evidence must never raise P(covered): when the fitted weight on "negated" comes out
    # positive (the negation detector also fires on sentences that assert), refit without it (weight 0).
    neg = POINT_FEATURES.index("negated")
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(x, y)
    coef = model.coef_[0].copy()
    if coef[neg] > 0:
        x = x.copy()
        x[:, neg] = 0.0
        model.fit(x, y)
        coef = model.coef_[0].copy()
        coef[neg] = 0.0
    probs = model.predict_proba(x)[:, 1]
    # Plain accuracy, not balanced: calling a missing point "covered" hides a gap from the
    # candidate, so the cut should not be pulled down to favour recall.
    point_cut, point_acc = _best_threshold(probs, y)
    report.append(f"point model: accuracy {point_acc:.3f} at P >= {point_cut:.3f} (train)")

    mx, mlabels = [], []
    for label, _rubric, analysis in analysed:
        for i, m in enumerate(analysis.misconceptions):
            if m.negated:  # a denial is never a stated misconception; the rule, not the model, handles it
                continue
            values = misconception_values(m)
            mx.append([values[n] for n in MISCONCEPTION_FEATURES])
            mlabels.append(1 if i in label.misconceptions else 0)
    misc_model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced")
    misc_model.fit(np.asarray(mx), np.asarray(mlabels))
    mprobs = misc_model.predict_proba(np.asarray(mx))[:, 1]
    misc_cut, misc_acc = _best_threshold(mprobs, np.asarray(mlabels))
    report.append(f"misconceptions: accuracy {misc_acc:.3f} at P >= {misc_cut:.3f} over {len(mlabels)} "
                  f"non-negated (answer, misconception) pairs (train)")

    topical = np.asarray([a.topicality for _, _, a in analysed])
    on_topic = np.asarray([0 if lab.level == "off-topic" else 1 for lab, _, _ in analysed])
    off_cut, off_acc = _best_threshold(topical, on_topic)
    report.append(f"off-topic: accuracy {off_acc:.3f} below topicality {off_cut:.3f} (train)")

    provisional = Calibration(
        point_weights=tuple(float(w) for w in coef),
        point_bias=float(model.intercept_[0]),
        point_threshold=point_cut,
        misconception_weights=tuple(float(w) for w in misc_model.coef_[0]),
        misconception_bias=float(misc_model.intercept_[0]),
        misconception_threshold=misc_cut,
        off_topic_threshold=off_cut,
        score_weights=tuple(0.0 for _ in SCORE_FEATURES),
        score_bias=0.0,
        fitted_on=fitted_on,
    )
    rows, grades = [], []
    for label, rubric, analysis in analysed:
        feats = score_features(rubric, analysis, decide(rubric, analysis, provisional))
        rows.append([feats[n] for n in SCORE_FEATURES] + [1.0])
        grades.append(float(label.grade))
    lower = [SCORE_BOUNDS[n][0] for n in SCORE_FEATURES] + [-np.inf]
    upper = [SCORE_BOUNDS[n][1] for n in SCORE_FEATURES] + [np.inf]
    fit = lsq_linear(np.asarray(rows), np.asarray(grades), bounds=(lower, upper))
    weights = [float(w) for w in fit.x]
    calibration = Calibration(
        point_weights=provisional.point_weights,
        point_bias=provisional.point_bias,
        point_threshold=point_cut,
        misconception_weights=provisional.misconception_weights,
        misconception_bias=provisional.misconception_bias,
        misconception_threshold=misc_cut,
        off_topic_threshold=off_cut,
        score_weights=tuple(round(w, 4) for w in weights[:-1]),
        score_bias=round(weights[-1], 4),
        fitted_on=fitted_on,
    )
    report.append(
        "score model: " + ", ".join(f"{n}={w:+.1f}" for n, w in zip(SCORE_FEATURES, weights, strict=False))
        + f", bias={weights[-1]:+.1f}"
    )
    return calibration, report
