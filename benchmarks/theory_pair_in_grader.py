"""The SemEval pair model inside today's theory grader, on the project's same-author (legacy) answers.

Usage: .venv/bin/python benchmarks/theory_pair_in_grader.py

An experiment for issue #12 (not the grader's wiring, which is phase 2): the
labelled answers in tests/data/theory_answers (one author, 156 answers to 12
questions) with the grader's question-held-out split (8 questions fit, 4 held
out). For each variant the point model and the score model are refitted on the
training questions exactly as tools/calibrate_theory.py does (nothing else is
tuned on these answers), and the held-out figures are printed:

* today: the bundled grader features,
* + pair feature: today's features plus the pair model's probability that the
  point's best unit states it (the judge over sentences and two-sentence windows),
* pair decides: the pair probability alone is the point model's feature,

beside length alone (word count), word overlap with the model answer (share of
its content words) and embedding cosine to the model answer (Spearman with the
human grade), and the majority / tuned-cosine decision per key point. The real
evaluation is on the many-writer set (phase 2).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from calibrate_theory import analyse_all, load_labelled, load_question, make_grader, split  # noqa: E402
from theory_grader import spearman  # noqa: E402

import loopcoach.areas.theory.calibration as calibration_module  # noqa: E402
import loopcoach.areas.theory.fitting as fitting_module  # noqa: E402
from loopcoach.areas.theory.calibration import POINT_FEATURES  # noqa: E402
from loopcoach.areas.theory.fitting import fit_calibration  # noqa: E402
from loopcoach.areas.theory.lexicon import content_lemmas  # noqa: E402
from loopcoach.areas.theory.pairmodel import Claim, PairJudge  # noqa: E402
from loopcoach.areas.theory.result import build_result  # noqa: E402


def with_pair(grader, judge: PairJudge, analysed):  # type: ignore[no-untyped-def]
    """The analyses with a ``pair`` point feature: the judge's probability over the answer's units."""
    out = []
    for label, rubric, analysis in analysed:
        sents = list(analysis.sentences)
        units = sents + [f"{sents[i]} {sents[i + 1]}" for i in range(len(sents) - 1)]
        claims = [Claim(p.id, p.text, p.phrasings, p.keywords) for p in rubric.points]
        verdicts = judge.judge(units, claims)
        points = tuple(
            replace(pf, values={**pf.values, "pair": v.probability})
            for pf, v in zip(analysis.points, verdicts, strict=True)
        )
        out.append((label, rubric, replace(analysis, points=points)))
    return out


def evaluate(name: str, features: tuple[str, ...], train, held) -> None:  # type: ignore[no-untyped-def]
    """Refit the grader's constants on ``train`` with point features ``features``; print held-out figures."""
    with mock.patch.object(calibration_module, "POINT_FEATURES", features), \
            mock.patch.object(fitting_module, "POINT_FEATURES", features):
        cal, _ = fit_calibration(train, fitted_on="train split")
        scores, grades, hits, total = [], [], 0, 0
        for label, rubric, analysis in held:
            result = build_result(rubric, analysis, cal)
            scores.append(result.score)
            grades.append(label.grade)
            for p in result.points:
                hits += (p.id in label.covers) == p.covered
                total += 1
    mae = float(np.mean(np.abs(np.asarray(scores) - np.asarray(grades))))
    print(f"  {name:<34} Spearman {spearman(scores, grades):.3f}  MAE {mae:5.1f}  "
          f"key-point accuracy {hits / total:.3f} ({total} points)")


def main() -> int:
    """Print the comparison."""
    answers = load_labelled()
    train_answers, held_answers = split(answers)
    grader = make_grader()
    judge = PairJudge(grader.embedder)
    train = with_pair(grader, judge, analyse_all(grader, train_answers))
    held = with_pair(grader, judge, analyse_all(grader, held_answers))
    print(f"held out: {len(held)} answers, {len({a.question_id for a in held_answers})} questions "
          f"(same-author legacy set; fits on {len(train)} answers of the other questions)")
    evaluate("today (refit, as calibrate_theory)", POINT_FEATURES, train, held)
    evaluate("today + pair feature", (*POINT_FEATURES, "pair"), train, held)
    evaluate("pair decides (pair feature alone)", ("pair",), train, held)

    grades = [lab.grade for lab, _, _ in held]
    length = [len(lab.text.split()) for lab, _, _ in held]
    overlap, cosine = [], []
    for lab, _, _ in held:
        ref = load_question(lab.question_id).model_answer.answer
        rl = set(content_lemmas(ref))
        overlap.append(len(rl & set(content_lemmas(lab.text))) / len(rl))
        vecs = grader.embedder.encode([ref, lab.text])
        cosine.append(float(vecs[0] @ vecs[1]))
    print(f"  baseline length alone              Spearman {spearman(length, grades):.3f}")
    print(f"  baseline word overlap w/ model ans Spearman {spearman(overlap, grades):.3f}")
    print(f"  baseline cosine to model answer    Spearman {spearman(cosine, grades):.3f}")

    def point_rows(data):  # type: ignore[no-untyped-def]
        xs, ys = [], []
        for lab, rubric, analysis in data:
            for point, pf in zip(rubric.points, analysis.points, strict=True):
                xs.append(pf.values["sim"])
                ys.append(point.id in lab.covers)
        return np.asarray(xs), np.asarray(ys)

    tx, ty = point_rows(train)
    hx, hy = point_rows(held)
    grid = np.unique(tx)
    cut = grid[int(np.argmax([((tx >= c) == ty).mean() for c in grid]))]
    majority = ty.mean() >= 0.5
    print(f"  baseline key points: majority ({'covered' if majority else 'not covered'}) "
          f"{(hy == majority).mean():.3f}; best cosine >= {cut:.3f} (tuned on train) {((hx >= cut) == hy).mean():.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
