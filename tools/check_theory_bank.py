"""Validate the bundled ML theory question bank.

Run as ``.venv/bin/python tools/check_theory_bank.py``. Loads every
``src/loopcoach/content/data/theory/*.yaml`` with ``yaml.safe_load``,
validates it with the pydantic schema, and checks bank-level rules:
ids equal file stems, required ids present, at least 120 questions, every
topic has at least 6, model answers are 120-250 words, titles are unique and
no phrasing is shared between two key points of one question. Prints counts
per topic and difficulty; exits 1 when any problem is found.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from loopcoach.content.schemas.theory import (  # noqa: E402
    DIFFICULTIES,
    TOPICS,
    TheoryQuestion,
)

DATA_DIR = ROOT / "src" / "loopcoach" / "content" / "data" / "theory"
REQUIRED_IDS: tuple[str, ...] = (
    "bias-variance-tradeoff",
    "attention-mechanism",
    "cnn-vs-rnn",
    "random-forest-vs-gradient-boosting",
    "overfitting-and-regularization",
    "precision-recall-f1",
    "gradient-descent-variants",
    "batch-normalization",
    "retrieval-augmented-generation",
    "class-imbalance",
    "cross-validation",
    "vanishing-gradients",
)
MIN_QUESTIONS = 120
MIN_PER_TOPIC = 6
ANSWER_WORDS = (120, 250)


@dataclass
class Report:
    """Outcome of checking the bank."""

    questions: list[TheoryQuestion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def load_file(path: Path) -> TheoryQuestion:
    """Load and validate one question file; raises ValueError with the reason."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path.name}: invalid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"{path.name}: top level must be a mapping")
    try:
        question = TheoryQuestion.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    if question.id != path.stem:
        raise ValueError(f"{path.name}: id {question.id!r} differs from file stem")
    return question


def item_problems(question: TheoryQuestion) -> list[str]:
    """Quality rules beyond the schema for one question."""
    problems: list[str] = []
    words = len(question.model_answer.answer.split())
    low, high = ANSWER_WORDS
    if not low <= words <= high:
        problems.append(f"{question.id}: model answer has {words} words (want {low}-{high})")
    owner: dict[str, str] = {}
    for point in question.key_points:
        for phrasing in point.phrasings:
            key = phrasing.lower()
            if key in owner and owner[key] != point.id:
                problems.append(
                    f"{question.id}: phrasing {phrasing!r} used by {owner[key]} and {point.id}"
                )
            owner[key] = point.id
        if len({p.lower() for p in point.phrasings}) != len(point.phrasings):
            problems.append(f"{question.id}/{point.id}: duplicate phrasings")
    return problems


def check_bank(data_dir: Path = DATA_DIR) -> Report:
    """Check every file in ``data_dir`` and the bank as a whole."""
    report = Report()
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            question = load_file(path)
        except ValueError as exc:
            report.problems.append(str(exc))
            continue
        report.questions.append(question)
        report.problems.extend(item_problems(question))
    ids = {q.id for q in report.questions}
    for required in REQUIRED_IDS:
        if required not in ids:
            report.problems.append(f"required id missing: {required}")
    if len(report.questions) < MIN_QUESTIONS:
        report.problems.append(f"only {len(report.questions)} questions (want >= {MIN_QUESTIONS})")
    topics: Counter[str] = Counter(q.topic for q in report.questions)
    for topic in TOPICS:
        if topics[topic] < MIN_PER_TOPIC:
            report.problems.append(f"topic {topic} has {topics[topic]} (want >= {MIN_PER_TOPIC})")
    titles = Counter(q.title.lower() for q in report.questions)
    for title, count in titles.items():
        if count > 1:
            report.problems.append(f"title used {count} times: {title}")
    return report


def main() -> int:
    """Print counts and problems; return the exit status."""
    report = check_bank()
    topics: Counter[str] = Counter(q.topic for q in report.questions)
    levels: Counter[str] = Counter(q.difficulty for q in report.questions)
    print(f"questions: {len(report.questions)}")
    print("per topic: " + ", ".join(f"{t}={topics[t]}" for t in TOPICS))
    print("per difficulty: " + ", ".join(f"{d}={levels[d]}" for d in DIFFICULTIES))
    for problem in report.problems:
        print(f"PROBLEM {problem}")
    print(f"problems: {len(report.problems)}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
