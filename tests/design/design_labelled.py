"""Load the labelled design answers and questions, and score the grader and interviewer on them.

Shared by the tests in this folder and by ``benchmarks/design_grader.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from loopcoach.areas.design.calibration import Calibration
from loopcoach.areas.design.grader import AskedQuestion, grade_design
from loopcoach.areas.design.interviewer import Interviewer
from loopcoach.content.schemas.design import STEP_IDS, DesignPrompt

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "tests" / "data" / "design_answers"
QUESTIONS = Path(__file__).parent / "data" / "questions.yaml"
PROMPTS = ROOT / "src" / "loopcoach" / "content" / "data" / "design"


@dataclass
class Case:
    """One labelled answer."""

    name: str
    prompt_id: str
    kind: str
    split: str
    grade: int
    steps: dict[str, bool]
    questions: list[str]
    answer: str


@dataclass
class QuestionCase:
    """One labelled clarifying question: the intent it asks for (or design_choice / none)."""

    prompt_id: str
    text: str
    intent: str
    split: str


@dataclass
class Scores:
    """Figures of one evaluation."""

    step_accuracy: float
    per_step: dict[str, float]
    spearman: float
    n: int
    rows: list[dict[str, Any]] = field(default_factory=list)


def load_cases() -> list[Case]:
    """Every labelled answer, sorted by file name."""
    out = []
    for path in sorted(ANSWERS.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = {k: bool(v) for k, v in raw["steps"].items()}
        assert tuple(steps) == STEP_IDS, path.name
        out.append(Case(path.stem, raw["prompt_id"], raw["kind"], raw["split"], int(raw["grade"]), steps,
                        list(raw.get("questions") or []), raw["answer"]))
    return out


def load_questions() -> list[QuestionCase]:
    """Every labelled interviewer question."""
    raw = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [QuestionCase(q["prompt_id"], q["text"], q["intent"], q["split"]) for q in raw["questions"]]


def load_prompts() -> dict[str, DesignPrompt]:
    """The bundled prompts, read straight from the package folder."""
    return {p.stem: DesignPrompt.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
            for p in sorted(PROMPTS.glob("*.yaml"))}


class MemoEmbedder:
    """Wraps the real embedder and remembers every vector, so repeated gradings re-encode nothing."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str], cache: bool = False) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            for t, v in zip(todo, self.inner.encode(todo, cache=cache), strict=True):
                self.memo[t] = v
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def asked(case: Case, prompt: DesignPrompt, embedder: Any, cal: Calibration) -> list[AskedQuestion]:
    """The case's chat questions with the intent the interviewer recognises, asked before any notes."""
    if not case.questions:
        return []
    iv = Interviewer(prompt, embedder, cal)
    out = []
    for q in case.questions:
        replies = iv.answer(q)
        out.append(AskedQuestion(q, replies[0].intent if replies else None, 0))
    return out


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman rank correlation (average ranks for ties)."""
    from scipy.stats import spearmanr

    if len(a) < 3:
        return float("nan")
    return float(spearmanr(a, b).statistic)


def evaluate(cases: list[Case], prompts: dict[str, DesignPrompt], embedder: Any, cal: Calibration) -> Scores:
    """Grade every case and compare with its labels."""
    hits = {s: 0 for s in STEP_IDS}
    predicted: list[float] = []
    labels: list[float] = []
    rows: list[dict[str, Any]] = []
    for case in cases:
        prompt = prompts[case.prompt_id]
        result = grade_design(prompt, case.answer, embedder, asked(case, prompt, embedder, cal), cal)
        got = {s.id: s.covered for s in result.steps}
        for s in STEP_IDS:
            hits[s] += got[s] == case.steps[s]
        predicted.append(result.score)
        labels.append(case.grade)
        rows.append({"name": case.name, "grade": case.grade, "score": result.score,
                     "wrong_steps": [s for s in STEP_IDS if got[s] != case.steps[s]],
                     "coverage": {s.id: s.coverage for s in result.steps}, "labels": dict(case.steps),
                     # a step with fewer credited points than cal.min_points is never covered, whatever its coverage
                     "eligible": {s.id: sum(m.credit > 0 for m in s.matches) >= min(cal.min_points, len(s.matches))
                                  for s in result.steps}})
    n = len(cases)
    per_step = {s: hits[s] / n for s in STEP_IDS} if n else {}
    acc = sum(hits.values()) / (n * len(STEP_IDS)) if n else float("nan")
    return Scores(acc, per_step, spearman(predicted, labels), n, rows)


def evaluate_questions(qs: list[QuestionCase], prompts: dict[str, DesignPrompt], embedder: Any,
                       cal: Calibration) -> tuple[float, list[tuple[str, str, str]]]:
    """Share of questions whose reply has the labelled intent ("none" = not understood); and the misses."""
    interviewers: dict[str, Interviewer] = {}
    ok = 0
    misses = []
    for q in qs:
        iv = interviewers.setdefault(q.prompt_id, Interviewer(prompts[q.prompt_id], embedder, cal))
        intent, _, _ = iv.classify(q.text)
        got = intent or "none"
        ok += got == q.intent
        if got != q.intent:
            misses.append((q.text, q.intent, got))
    return (ok / len(qs) if qs else float("nan")), misses
