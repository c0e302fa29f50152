"""Train the theory pair model on SemEval-2013 Task 7 (2-way) and write it into the package.

Usage: .venv/bin/python tools/train_theory.py --data /work/data/semeval2013 [--check]
       make train-theory DATA=/work/data/semeval2013

Reads the training splits of Beetle and SciEntsBank only (never a test split),
measures every (student answer, reference answers) pair with the same code the
grader runs (``loopcoach.areas.theory.pairmodel.pair_features`` on the bundled
all-MiniLM-L6-v2 vectors), fits a logistic regression (scikit-learn, fixed
solver, no randomness), folds the standardisation into the coefficients and
writes ``src/loopcoach/areas/theory/data/pair_model.json`` in the calibration
format of the analyzer seam. The threshold is the one that maximises accuracy
on the training pairs (as tools/calibrate_theory.py does for the grader).
Figures on the test splits come from benchmarks/theory_semeval.py, not from here.

``--check`` fits and prints without writing. The same data on disk gives the
same coefficients and figures (only ``trained_on.date`` changes).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "loopcoach" / "areas" / "theory" / "data" / "pair_model.json"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import semeval2013 as S  # noqa: E402

from loopcoach.areas.theory.pairmodel import PAIR_FEATURES, PairJudge, PairModel  # noqa: E402

C = 1.0  # inverse L2 strength; the features are few and standardised, so the fit barely depends on it


def feature_matrix(judge: PairJudge, items: list[S.Item]) -> np.ndarray:
    """One row of ``PAIR_FEATURES`` per item: the answer as the unit, its references as the claim."""
    rows = []
    for it in items:
        (row,), = judge.feature_rows([it.answer], [S.claim_of(it)])
        rows.append([row[n] for n in PAIR_FEATURES])
    return np.asarray(rows, dtype=np.float64)


def best_threshold(probs: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The probability cut with the best accuracy (midpoints between observed values)."""
    grid = np.unique(probs)
    cuts = np.concatenate([[0.0], (grid[:-1] + grid[1:]) / 2, [1.0]])
    accs = [float(((probs >= c) == labels).mean()) for c in cuts]
    k = int(np.argmax(accs))
    return float(cuts[k]), accs[k]


def fit(x: np.ndarray, y: np.ndarray) -> tuple[list[float], float]:
    """Logistic regression on standardised features, returned in the raw feature scale."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    model.fit((x - mean) / scale, y)
    coef = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / scale))
    return [float(c) for c in coef], intercept


def document(coef: list[float], intercept: float, threshold: float, n: dict[str, int],
             metrics: dict[str, float], fingerprint: str) -> dict[str, object]:
    """The calibration document (the seam's format: format, analyzer, models, thresholds, ...)."""
    return {
        "format": 1,
        "analyzer": "theory.pair",
        "models": {
            "pair": {
                "kind": "logistic",
                "features": list(PAIR_FEATURES),
                "coef": [round(c, 6) for c in coef],
                "intercept": round(intercept, 6),
                "classes": [0, 1],
            }
        },
        "thresholds": {"pair": round(threshold, 6)},
        "bands": [],
        "trained_on": {
            "datasets": ["semeval2013-task7/beetle/train", "semeval2013-task7/sciEntsBank/train"],
            "cards": ["docs/data/semeval2013.md"],
            "writers": "school and university students (Beetle: 73 students; SciEntsBank: grades 3-6)",
            "split": "official training splits only; test splits unseen",
            "n": n,
            "data_sha256": fingerprint,
            "script": "tools/train_theory.py",
            "date": datetime.now(UTC).date().isoformat(),
        },
        "metrics": {k: round(v, 4) for k, v in metrics.items()},
    }


def main() -> int:
    """Fit on the SemEval training splits, print the fit, write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of the SemEval-2013 Task 7 corpora")
    parser.add_argument("--check", action="store_true", help="fit and print, do not write")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the model file")
    args = parser.parse_args()
    items = {c: S.load(args.data, c, "train") for c in S.CORPORA}
    every = [it for c in S.CORPORA for it in items[c]]
    encoder = S.real_encoder()
    S.warm(encoder, every)
    judge = PairJudge(encoder, model=None)
    x = feature_matrix(judge, every)
    y = np.asarray([int(it.correct) for it in every])
    coef, intercept = fit(x, y)
    fitted = PairModel(tuple(PAIR_FEATURES), tuple(coef), intercept, 0.5)
    probs = fitted.probability(x)
    threshold, acc = best_threshold(probs, y)
    metrics = {"train_accuracy": acc}
    at = 0
    for c in S.CORPORA:
        part = slice(at, at + len(items[c]))
        metrics[f"train_accuracy_{c}"] = float(((probs[part] >= threshold) == y[part]).mean())
        at += len(items[c])
    n = {c: len(items[c]) for c in S.CORPORA}
    print(f"training pairs: {n}; positives {int(y.sum())} of {len(y)}")
    for name, w in zip(PAIR_FEATURES, coef, strict=True):
        print(f"  {name:<16} {w:+.3f}")
    print(f"  intercept        {intercept:+.3f}; threshold P >= {threshold:.3f}; train accuracy {acc:.3f}")
    doc = document(coef, intercept, threshold, n, metrics, S.fingerprint(args.data))
    if not args.check:
        args.out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
