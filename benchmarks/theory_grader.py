"""Accuracy and speed of the ML theory grader on the labelled answers.

Usage: .venv/bin/python benchmarks/theory_grader.py [--details] [--speed-only]

Grades every labelled answer in tests/data/theory_answers with the bundled
calibration (fitted on the training split only by tools/calibrate_theory.py)
and prints, for the training and the held-out questions separately:
Spearman correlation between grader score and human grade, per-point
coverage accuracy, misconception detection accuracy, off-topic detection;
then the baselines "embedding similarity to the model answer alone" and
"word count alone" for comparison, the --reference mode (model answer used as the user's reference),
and the warm time per graded answer.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from calibrate_theory import analyse_all, load_labelled, load_question, make_grader, split  # noqa: E402

from loopcoach.areas.theory.result import build_result, decide  # noqa: E402
from loopcoach.areas.theory.rubric import rubric_from_reference  # noqa: E402


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman rank correlation."""
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def evaluate(name: str, grader, answers, details: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Print the accuracy figures of one split (with ``details``, every answer's score and misses)."""
    analysed = analyse_all(grader, answers)
    cal = grader.calibration
    scores, grades = [], []
    point_hits = point_total = 0
    tp = fp = fn = tn = 0
    misc_hits = misc_total = 0
    off_hits = 0
    for label, rubric, analysis in analysed:
        result = build_result(rubric, analysis, cal)
        d = decide(rubric, analysis, cal)
        scores.append(result.score)
        grades.append(label.grade)
        for p in result.points:
            truth = p.id in label.covers
            point_hits += truth == p.covered
            point_total += 1
            tp += truth and p.covered
            fp += (not truth) and p.covered
            fn += truth and not p.covered
            tn += (not truth) and not p.covered
        for i in range(len(rubric.misconceptions)):
            misc_hits += (i in d.misconceptions) == (i in label.misconceptions)
            misc_total += 1
        off_hits += d.off_topic == (label.level == "off-topic")
        if details:
            wrong_pts = sorted(p.id for p in result.points if (p.id in label.covers) != p.covered)
            miscs = (sorted(label.misconceptions), sorted(d.misconceptions))
            print(f"    {label.id:<10} {label.level:<13} grade {label.grade:>3} score {result.score:>3} "
                  f"point errors {wrong_pts} misconceptions labelled/found {miscs[0]}/{miscs[1]}")
    stated = sum(len(lab.misconceptions) for lab, _, _ in analysed)
    caught = sum(len(lab.misconceptions & set(decide(r, a, cal).misconceptions)) for lab, r, a in analysed)
    false_flags = sum(len(set(decide(r, a, cal).misconceptions) - lab.misconceptions) for lab, r, a in analysed)
    mae = float(np.mean(np.abs(np.asarray(scores) - np.asarray(grades))))
    print(f"[{name}] {len(answers)} answers, {len({a.question_id for a in answers})} questions")
    print(f"  Spearman(score, human grade) = {spearman(scores, grades):.3f}   mean |score - grade| = {mae:.1f}")
    print(f"  per-point coverage accuracy = {point_hits / point_total:.3f} ({point_total} points; "
          f"precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f})")
    print(f"  misconception accuracy = {misc_hits / misc_total:.3f} ({misc_total} answer x misconception pairs; "
          f"{caught}/{stated} stated caught, {false_flags} false flags)")
    print(f"  off-topic detection accuracy = {off_hits / len(analysed):.3f}")
    base = []
    for label, _rubric, _analysis in analysed:
        q = load_question(label.question_id)
        vecs = grader.embedder.encode([q.model_answer.answer, label.text])
        base.append(float(vecs[0] @ vecs[1]))
    print(f"  baseline: Spearman(cosine to model answer, grade) = {spearman(base, grades):.3f}")
    length = [len(label.text.split()) for label, _, _ in analysed]
    print(f"  baseline: Spearman(word count alone, grade) = {spearman(length, grades):.3f}")
    ref_scores = []
    for label, _rubric, _analysis in analysed:
        q = load_question(label.question_id)
        ref = rubric_from_reference(q.model_answer.answer)
        ref_scores.append(grader.grade(ref, label.text).score)
    print(f"  --reference (model answer as the user's card): Spearman = {spearman(ref_scores, grades):.3f}")


def timing(grader, answers) -> None:  # type: ignore[no-untyped-def]
    """Warm milliseconds per graded answer (rubric vectors cached, model loaded)."""
    from loopcoach.areas.theory.rubric import rubric_from_question

    rubrics = {a.question_id: rubric_from_question(load_question(a.question_id)) for a in answers}
    for a in answers[:5]:
        grader.grade(rubrics[a.question_id], a.text)
    times = []
    for a in answers:
        t0 = time.perf_counter()
        grader.grade(rubrics[a.question_id], a.text)
        times.append((time.perf_counter() - t0) * 1000)
    arr = np.asarray(times)
    print(f"[speed] warm grading: median {np.median(arr):.1f} ms, mean {arr.mean():.1f} ms, "
          f"p95 {np.percentile(arr, 95):.1f} ms per answer over {len(arr)} answers (goal < 50 ms)")


def main() -> int:
    """Run every figure."""
    answers = load_labelled()
    train, held = split(answers)
    grader = make_grader()
    print(f"calibration fitted on: {grader.calibration.fitted_on}")
    details = "--details" in sys.argv
    if "--speed-only" not in sys.argv:
        evaluate("held-out", grader, held, details)
        evaluate("train", grader, train, details)
    timing(grader, answers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
