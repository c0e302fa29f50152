"""The theory grader on tricky answers: negation, plain words, buzzwords, off-topic, empty."""

from __future__ import annotations

import pytest

from loopcoach.areas.theory.grader import TheoryGrader
from loopcoach.areas.theory.rubric import Rubric, rubric_from_question
from loopcoach.errors import EmptyInputError, TooLargeError

from .conftest import bundled_question

pytestmark = pytest.mark.model

STRONG = (
    "Bias is the error from a model whose assumptions are too simple, so it underfits even the training data. "
    "Variance is the error from being too sensitive to the particular training sample, so it overfits. "
    "Expected test error decomposes into bias squared plus variance plus irreducible noise. "
    "Making the model more complex lowers bias but raises variance, so the best test error is in between. "
    "For example, a straight line fit to a curved trend underfits, while a degree-15 polynomial on 20 points "
    "chases noise. I compare training and validation error to tell which one I have."
)


def test_strong_answer_covers_points_with_the_right_evidence(grader: TheoryGrader, bvt: Rubric) -> None:
    result = grader.grade(bvt, STRONG)
    covered = {p.id: p for p in result.points if p.covered}
    assert {"bias-definition", "variance-definition", "decomposition", "complexity-tradeoff"} <= set(covered)
    assert covered["decomposition"].evidence is not None
    assert "irreducible" in covered["decomposition"].evidence
    assert result.has_example
    assert result.score >= 70
    assert not result.misconceptions


def test_stated_misconception_is_flagged_and_lowers_the_score(grader: TheoryGrader, bvt: Rubric) -> None:
    clean = grader.grade(bvt, STRONG)
    wrong = grader.grade(bvt, STRONG + " If the model underfits, adding more training data lowers its bias.")
    assert [m.index for m in wrong.misconceptions] == [0]
    assert "more training data" in wrong.misconceptions[0].sentence.lower()
    assert wrong.score < clean.score


@pytest.mark.parametrize(
    "denial",
    [
        "More training data does not reduce bias; it mainly reduces variance.",
        "A common myth is that more data fixes bias, but it only helps with variance.",
        "Training error near zero doesn't mean the model generalizes.",
    ],
)
def test_denying_a_misconception_is_not_flagged(grader: TheoryGrader, bvt: Rubric, denial: str) -> None:
    result = grader.grade(bvt, STRONG + " " + denial)
    assert result.misconceptions == ()


def test_plain_words_without_textbook_terms_get_credit(grader: TheoryGrader, bvt: Rubric) -> None:
    plain = (
        "If your model is too basic it gets things wrong in a consistent way, even on the examples it learned "
        "from, because it cannot represent the real relationship. If it is too flexible it memorises the quirks "
        "of its examples and its predictions change a lot depending on which sample you trained it on."
    )
    result = grader.grade(bvt, plain)
    covered = {p.id for p in result.points if p.covered}
    assert {"bias-definition", "variance-definition"} <= covered


def test_buzzword_stuffing_is_named_and_scores_low(grader: TheoryGrader, bvt: Rubric) -> None:
    stuffed = (
        "The bias-variance tradeoff is about generalization error, overfitting, underfitting, model complexity, "
        "regularization and the sweet spot. Learning curves, irreducible error and more data."
    )
    result = grader.grade(bvt, stuffed)
    assert len(result.buzzwords) >= 3
    assert result.score < 40
    assert any("Named but never explained" in line for line in result.feedback)


def test_off_topic_answer_scores_near_zero(grader: TheoryGrader, bvt: Rubric) -> None:
    result = grader.grade(bvt, "I enjoy hiking in the mountains and cooking pasta with my family on weekends.")
    assert result.off_topic
    assert result.score <= 15
    assert not any(p.covered for p in result.points)
    assert result.next_step.startswith("Answer the question asked")


def test_missing_example_and_intuition_are_reported(grader: TheoryGrader, bvt: Rubric) -> None:
    result = grader.grade(bvt, "Bias is underfitting error. Variance is overfitting error.")
    assert not result.has_example
    assert any(line.startswith("No concrete example") for line in result.feedback)
    assert result.feedback[-1].startswith("Next step:")


def test_scores_rank_excellent_above_partial_above_wrong(grader: TheoryGrader) -> None:
    rubric = rubric_from_question(bundled_question("precision-recall-f1"))
    excellent = grader.grade(rubric, (
        "Precision is the share of predicted positives that are truly positive, TP over TP plus FP. Recall is "
        "the share of actual positives the model finds, TP over TP plus FN. Raising the threshold usually "
        "raises precision and lowers recall. F1 is their harmonic mean, high only when both are high. For "
        "example, in cancer screening misses are costly so I favour recall; for spam, precision."))
    partial = grader.grade(rubric, "F1 combines precision and recall into one number.")
    wrong = grader.grade(rubric, "F1 is the simple average of precision and recall. Accuracy is a fine metric "
                                 "even when positives are very rare.")
    assert excellent.score > partial.score
    assert excellent.score >= wrong.score + 40
    assert {m.index for m in wrong.misconceptions} == {0, 1}


def test_empty_and_huge_answers_are_bad_input(grader: TheoryGrader, bvt: Rubric) -> None:
    with pytest.raises(EmptyInputError):
        grader.grade(bvt, "   \n\t ")
    with pytest.raises(TooLargeError):
        grader.grade(bvt, "word " * 10_000)


def test_contract_shape(grader: TheoryGrader, bvt: Rubric) -> None:
    out = grader.grade(bvt, STRONG).to_contract()
    assert out["question_id"] == "bias-variance-tradeoff"
    assert isinstance(out["score"], int) and 0 <= out["score"] <= 100
    assert all(set(p) >= {"text", "covered"} and isinstance(p["covered"], bool) for p in out["key_points"])
    assert all(isinstance(line, str) for line in out["feedback"])
