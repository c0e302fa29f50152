"""From measured features to a grade: decisions, score and feedback.

``decide`` applies the calibrated thresholds to an :class:`AnswerAnalysis`;
``score_features`` is the answer-level feature vector the fitted score model
reads (shared with ``tools/calibrate_theory.py`` so training and grading
compute exactly the same thing); ``build_result`` assembles the
:class:`GradeResult` with its feedback.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from loopcoach.areas.theory.calibration import Calibration
from loopcoach.areas.theory.explain import unexplained_terms
from loopcoach.areas.theory.rubric import Rubric

if TYPE_CHECKING:
    from loopcoach.areas.theory.grader import AnswerAnalysis, MisconceptionFeatures

BUZZWORD_CAP = 4
MIN_MISCONCEPTION_MARGIN = 0.0  # a flagged sentence is closer to the wrong claim than to any key point


@dataclass(frozen=True)
class PointResult:
    """One key point: covered or not, how sure, and the sentence that covers it."""

    id: str
    text: str
    covered: bool
    probability: float
    evidence: str | None
    evidence_index: int | None


@dataclass(frozen=True)
class MisconceptionResult:
    """A wrong claim the answer states, where, and the correction."""

    index: int
    claim: str
    correction: str
    sentence: str
    sentence_index: int


@dataclass(frozen=True)
class GradeResult:
    """The grade of one answer."""

    question_id: str | None
    score: int
    points: tuple[PointResult, ...]
    misconceptions: tuple[MisconceptionResult, ...]
    buzzwords: tuple[str, ...]
    has_intuition: bool
    has_example: bool
    off_topic: bool
    coverage: float
    sentences: tuple[str, ...]
    feedback: tuple[str, ...]
    next_step: str
    follow_ups: tuple[str, ...] = field(default=())

    def to_contract(self) -> dict[str, Any]:
        """The ``theory grade --json`` object: the contract's fields plus extras."""
        return {
            "question_id": self.question_id,
            "score": self.score,
            "key_points": [
                {
                    "text": p.text,
                    "covered": p.covered,
                    "id": p.id,
                    "evidence": p.evidence,
                    "probability": round(p.probability, 3),
                }
                for p in self.points
            ],
            "feedback": list(self.feedback),
            "misconceptions": [asdict(m) for m in self.misconceptions],
            "buzzwords": list(self.buzzwords),
            "has_intuition": self.has_intuition,
            "has_example": self.has_example,
            "off_topic": self.off_topic,
            "next_step": self.next_step,
        }


@dataclass(frozen=True)
class Decisions:
    """Thresholded decisions on one analysed answer."""

    probabilities: tuple[float, ...]
    covered: tuple[bool, ...]
    misconceptions: tuple[int, ...]  # indices of stated misconceptions
    buzzwords: tuple[str, ...]
    off_topic: bool


def misconception_values(m: MisconceptionFeatures) -> dict[str, float]:
    """The features of the misconception model."""
    return {"sim": m.sim, "margin": m.margin, "overlap": m.overlap}


def decide(rubric: Rubric, analysis: AnswerAnalysis, cal: Calibration) -> Decisions:
    """Apply the calibrated thresholds."""
    off_topic = analysis.topicality < cal.off_topic_threshold
    # A point the answer calls false ("X, which is false", "it is a myth that X") is never covered.
    probs = tuple(0.0 if off_topic or p.values.get("denied") else cal.point_probability(p.values)
                  for p in analysis.points)
    covered = tuple(p >= cal.point_threshold for p in probs)
    # A sentence that is closer to one of the rubric's key points than to the wrong claim states that point
    # ("F1 is the harmonic mean" is near "F1 is the arithmetic average" in meaning, nearer still to the key
    # point): it is never flagged. On the training split this removes 4 of 7 false flags and no catch.
    miscs = tuple(
        i
        for i, m in enumerate(analysis.misconceptions)
        if not off_topic and not m.negated and m.margin > MIN_MISCONCEPTION_MARGIN
        and cal.misconception_probability(misconception_values(m)) >= cal.misconception_threshold
    )
    evidence = frozenset(p.evidence for p, c in zip(analysis.points, covered, strict=True) if c)
    buzz = tuple(unexplained_terms(analysis.terms, analysis.explanatory, evidence, analysis.listy))
    return Decisions(probs, covered, miscs, buzz, off_topic)


def score_features(rubric: Rubric, analysis: AnswerAnalysis, d: Decisions) -> dict[str, float]:
    """The answer-level features of the score model (coverage, correctness, explanation)."""
    weights = [p.weight for p in rubric.points]
    total = sum(weights) or 1.0
    return {
        "coverage_soft": sum(w * p for w, p in zip(weights, d.probabilities, strict=True)) / total,
        "coverage_hard": sum(w for w, c in zip(weights, d.covered, strict=True) if c) / total,
        "misconceptions": float(len(d.misconceptions)),
        "buzzwords": min(len(d.buzzwords), BUZZWORD_CAP) / BUZZWORD_CAP,
        "intuition": 1.0 if analysis.intuition else 0.0,
        "example": 1.0 if analysis.example else 0.0,
        "off_topic": 1.0 if d.off_topic else 0.0,
        "holistic": analysis.holistic,
    }


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def next_step(rubric: Rubric, points: tuple[PointResult, ...], d: Decisions,
              analysis: AnswerAnalysis) -> str:
    """One concrete thing to do next, the most important first."""
    if d.off_topic:
        return f"Answer the question asked ({rubric.title.rstrip('.?')}): start from {_lower_first(rubric.points[0].text)}."
    if d.misconceptions:
        m = rubric.misconceptions[d.misconceptions[0]]
        return f"Correct the wrong claim first: {m.correction}"
    missing = [p for p in points if not p.covered]
    if missing:
        by_weight = {rp.id: rp.weight for rp in rubric.points}
        top = max(missing, key=lambda p: by_weight.get(p.id, 1.0))
        return f"Add one sentence that explains this point in your own words: {top.text}"
    if not analysis.example:
        return "Add a concrete example (a dataset, a model, numbers) that shows the idea at work."
    if not analysis.intuition:
        return "Add the intuition: one plain sentence on why it works, as you would tell a colleague."
    if d.buzzwords:
        return f"Explain what {d.buzzwords[0]} means and why it matters here, or leave it out."
    if rubric.follow_ups:
        return f"Go deeper: {rubric.follow_ups[0]}"
    return "Say it again in under two minutes, out loud, without notes."


def build_result(rubric: Rubric, analysis: AnswerAnalysis, cal: Calibration) -> GradeResult:
    """Decide, score and write the feedback for one analysed answer."""
    d = decide(rubric, analysis, cal)
    features = score_features(rubric, analysis, d)
    points = tuple(
        PointResult(
            id=rp.id,
            text=rp.text,
            covered=c,
            probability=p,
            evidence=analysis.sentences[pf.evidence] if c else None,
            evidence_index=pf.evidence if c else None,
        )
        for rp, pf, p, c in zip(rubric.points, analysis.points, d.probabilities, d.covered, strict=True)
    )
    miscs = tuple(
        MisconceptionResult(
            index=i,
            claim=rubric.misconceptions[i].claim,
            correction=rubric.misconceptions[i].correction,
            sentence=analysis.sentences[analysis.misconceptions[i].sentence],
            sentence_index=analysis.misconceptions[i].sentence,
        )
        for i in d.misconceptions
    )
    feedback: list[str] = []
    if d.off_topic:
        feedback.append("The answer does not address this question; none of its key points is covered.")
    for p in points:
        if p.covered and p.evidence is not None:
            feedback.append(f"Covered: {p.text} Evidence: {_quote(p.evidence)}.")
    for p in points:
        if not p.covered:
            feedback.append(f"Missing: {p.text}")
    for m in miscs:
        feedback.append(f"Wrong claim: {_quote(m.sentence)}. {m.correction}")
    if d.buzzwords:
        feedback.append(
            "Named but never explained: " + ", ".join(d.buzzwords)
            + ". An interviewer will ask what each means; explain it or drop it."
        )
    if not d.off_topic and not analysis.intuition:
        feedback.append("No intuition: say in plain words why it works, not only what it is.")
    if not d.off_topic and not analysis.example:
        feedback.append("No concrete example: ground the idea in a dataset, a model or numbers.")
    step = next_step(rubric, points, d, analysis)
    feedback.append(f"Next step: {step}")
    return GradeResult(
        question_id=rubric.question_id,
        score=cal.score(features),
        points=points,
        misconceptions=miscs,
        buzzwords=d.buzzwords,
        has_intuition=analysis.intuition,
        has_example=analysis.example,
        off_topic=d.off_topic,
        coverage=features["coverage_hard"],
        sentences=analysis.sentences,
        feedback=tuple(feedback),
        next_step=step,
        follow_ups=rubric.follow_ups,
    )


@dataclass(frozen=True)
class SentenceMark:
    """One answer sentence and what it did: the key points it covers (1-based), a wrong claim."""

    text: str
    points: tuple[int, ...]
    wrong: bool


def sentence_marks(result: GradeResult) -> list[SentenceMark]:
    """The answer's sentences annotated for highlighting (which sentence covered which point)."""
    marks = []
    wrong = {m.sentence_index for m in result.misconceptions}
    for i, sentence in enumerate(result.sentences):
        points = tuple(n for n, p in enumerate(result.points, start=1) if p.covered and p.evidence_index == i)
        marks.append(SentenceMark(sentence, points, i in wrong))
    return marks
