"""Fit the theory grader's constants on the training split of the labelled answers.

Usage: .venv/bin/python tools/calibrate_theory.py [--check]

Reads tests/data/theory_answers/*.yaml (answers written for this purpose with
a human-style grade, the key points each covers and the misconceptions it
states), splits them by QUESTION (sorted question ids; every third one is
held out, so held-out questions are never seen here), measures every answer
with the real embedding model and writes
src/loopcoach/areas/theory/data/calibration.json:

* a logistic regression (scikit-learn) from point features to P(covered),
  and the probability threshold that maximises accuracy,
* the misconception similarity threshold and the off-topic threshold
  (grid search for accuracy),
* a bounded least-squares fit of the 0-100 score on coverage, correctness
  and explanation features (signs constrained so a misconception can only
  lower a score).

``--check`` fits without writing and prints the figures. The module also
exposes the loading and split helpers the benchmark reuses.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "theory_answers"
OUTPUT = ROOT / "src" / "loopcoach" / "areas" / "theory" / "data" / "calibration.json"
sys.path.insert(0, str(ROOT / "src"))

from loopcoach.areas.theory.calibration import Calibration  # noqa: E402
from loopcoach.areas.theory.fitting import fit_calibration, point_rows  # noqa: E402
from loopcoach.areas.theory.grader import AnswerAnalysis, TheoryGrader  # noqa: E402
from loopcoach.areas.theory.rubric import Rubric, rubric_from_question  # noqa: E402
from loopcoach.content.schemas.theory import TheoryQuestion  # noqa: E402


@dataclass(frozen=True)
class Labelled:
    """One labelled answer."""

    id: str
    question_id: str
    level: str
    grade: int
    covers: frozenset[str]
    misconceptions: frozenset[int]
    text: str


def load_labelled(folder: Path = LABELS) -> list[Labelled]:
    """Every labelled answer, in file then list order."""
    out: list[Labelled] = []
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8"))
        for a in doc["answers"]:
            out.append(
                Labelled(
                    id=a["id"],
                    question_id=doc["question_id"],
                    level=a["level"],
                    grade=int(a["grade"]),
                    covers=frozenset(a.get("covers") or []),
                    misconceptions=frozenset(int(i) for i in a.get("misconceptions") or []),
                    text=a["text"],
                )
            )
    return out


def split(answers: list[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """(train, held_out) by question: every third question in sorted order is held out."""
    questions = sorted({a.question_id for a in answers})
    held = {q for i, q in enumerate(questions) if i % 3 == 2}
    return [a for a in answers if a.question_id not in held], [a for a in answers if a.question_id in held]


def load_question(question_id: str) -> TheoryQuestion:
    """A bundled bank question, validated by its schema."""
    ref = resources.files("loopcoach.content").joinpath(f"data/theory/{question_id}.yaml")
    return TheoryQuestion.model_validate(yaml.safe_load(ref.read_text("utf-8")))


def make_grader(calibration: Calibration | None = None) -> TheoryGrader:
    """A grader on the real embedding model of a throwaway data folder."""
    import tempfile

    from loopcoach.config import load_settings
    from loopcoach.text.embeddings import get_embedder

    home = Path(tempfile.gettempdir()) / "loopcoach-calibration"
    settings = load_settings({"LOOPCOACH_HOME": str(home)})
    return TheoryGrader(get_embedder(settings), calibration)


def analyse_all(grader: TheoryGrader, answers: list[Labelled]) -> list[tuple[Labelled, Rubric, AnswerAnalysis]]:
    """Measure every answer against its question's rubric."""
    rubrics: dict[str, Rubric] = {}
    out = []
    for a in answers:
        if a.question_id not in rubrics:
            rubrics[a.question_id] = rubric_from_question(load_question(a.question_id))
        rubric = rubrics[a.question_id]
        unknown = a.covers - {p.id for p in rubric.points}
        if unknown:
            raise SystemExit(f"{a.id}: unknown key point ids {sorted(unknown)}")
        out.append((a, rubric, grader.analyze(rubric, a.text)))
    return out


def main() -> int:
    """Fit on the training split, print the figures, write the calibration file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fit and print, do not write")
    args = parser.parse_args()
    answers = load_labelled()
    train, held = split(answers)
    grader = make_grader()
    analysed = analyse_all(grader, train)
    print(f"training on {len(train)} answers from {len({a.question_id for a in train})} questions "
          f"({len(point_rows(analysed)[0])} point labels); held out: {len(held)} answers, "
          f"{len({a.question_id for a in held})} questions")
    calibration, report = fit_calibration(
        analysed, fitted_on=f"{len(train)} answers / {len({a.question_id for a in train})} questions"
    )
    for line in report:
        print(line)
    if not args.check:
        OUTPUT.write_text(calibration.to_json(), encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
