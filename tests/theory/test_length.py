"""Length does not pay: on-topic sentences that state nothing do not raise a weak answer (issue #12)."""

from __future__ import annotations

import pytest

from loopcoach.areas.theory.grader import TheoryGrader
from loopcoach.areas.theory.lexicon import disavows, is_meta_talk, topic_words
from loopcoach.areas.theory.rubric import rubric_from_question

from .conftest import bundled_question

# (question, a weak two-sentence answer, four on-topic sentences that say nothing about the concept)
PADDED = {
    "cross-validation": (
        "Cross-validation splits the data into parts. You train on some and test on the rest.",
        ("Cross-validation is one of the most important ideas in machine learning.",
         "Every data scientist needs to know cross-validation well.",
         "It comes up all the time in interviews and in real projects.",
         "Understanding cross-validation is key to building good models."),
    ),
    "batch-normalization": (
        "Batch normalization normalizes the activations. It makes training faster.",
        ("Batch normalization is a very popular technique that everyone uses in deep learning.",
         "It is a fundamental concept that every engineer should understand.",
         "Batch normalization is discussed a lot in interviews.",
         "Knowing batch normalization well is essential for building good networks."),
    ),
    "attention-mechanism": (
        "Attention lets the model look at other tokens. It uses queries and keys.",
        ("Attention is a central idea of modern machine learning.",
         "Everyone talks about attention these days.",
         "Every machine learning engineer should understand attention well.",
         "Attention is important to know for interviews and for real work."),
    ),
    "overfitting-and-regularization": (
        "Overfitting is when the model memorises the training data. Regularization helps.",
        ("Overfitting is a very common and important topic in machine learning.",
         "Every data scientist has to understand overfitting and regularization.",
         "Overfitting and regularization come up in many interviews.",
         "Knowing regularization is essential to building good models in real projects."),
    ),
}


@pytest.mark.model
@pytest.mark.parametrize("question_id", sorted(PADDED))
def test_padding_a_weak_answer_with_on_topic_filler_does_not_raise_it(grader: TheoryGrader,
                                                                     question_id: str) -> None:
    weak, filler = PADDED[question_id]
    first, second = weak.split(". ", 1)
    padded = " ".join([filler[0], first + ".", filler[1], filler[2], second, filler[3]])
    assert len(padded.split()) >= 3 * len(weak.split())
    rubric = rubric_from_question(bundled_question(question_id))
    before, after = grader.grade(rubric, weak), grader.grade(rubric, padded)
    assert after.score <= before.score + 5, (question_id, before.score, after.score)
    # No filler sentence is the evidence of a key point.
    evidence = {p.evidence for p in after.points if p.covered}
    assert not evidence & set(filler), evidence & set(filler)


# A correct, complete answer to each question of PADDED, shorter than its padded weak answer.
CORRECT = {
    "cross-validation": "K-fold cross-validation splits the data into k folds, trains on k-1 of them and tests on "
    "the held-out fold, rotating so every row is tested once. Averaging the k scores gives a less noisy estimate "
    "of performance on unseen data than one split. Preprocessing must be fitted inside each fold to avoid leakage.",
    "batch-normalization": "Batch normalization standardises each layer's activations with the mean and variance "
    "of the mini-batch, then applies a learned scale and shift. It lets you train with higher learning rates and "
    "makes training less sensitive to initialisation. At inference it uses running averages of the statistics "
    "instead of batch statistics. With very small batches the statistics are noisy, which is why transformers "
    "use layer normalization.",
    "attention-mechanism": "Attention computes, for each token, a weighted sum of value vectors, with weights from "
    "the softmax of the dot products between its query and every key, scaled by the square root of the "
    "dimension. It lets every position look directly at every other position, so long-range dependencies do "
    "not have to pass through a recurrent state.",
    "overfitting-and-regularization": "Overfitting is when a model fits noise in the training data, so training "
    "error is low but validation error is high. Regularization such as an L2 penalty on the weights, dropout or "
    "early stopping limits the model's effective complexity so it generalises better. More training data also "
    "reduces overfitting.",
}


@pytest.mark.model
@pytest.mark.parametrize("question_id", sorted(PADDED))
def test_a_short_correct_answer_beats_a_long_vague_one(grader: TheoryGrader, question_id: str) -> None:
    weak, filler = PADDED[question_id]
    vague = " ".join([*filler[:2], weak, *filler[2:], *reversed(filler)])
    short = CORRECT[question_id]
    assert len(short.split()) < len(vague.split())
    rubric = rubric_from_question(bundled_question(question_id))
    good, long_vague = grader.grade(rubric, short).score, grader.grade(rubric, vague).score
    assert good >= long_vague + 10, (question_id, good, long_vague)


def test_talk_about_a_topic_is_told_from_a_statement_in_it() -> None:
    topic = topic_words("Explain the bias-variance tradeoff")
    assert is_meta_talk("The bias-variance tradeoff is a very important concept in machine learning.", topic)
    assert is_meta_talk("Every data scientist should understand bias and variance well.", topic)
    assert not is_meta_talk("Variance is when the predictions change a lot with the sample.", topic)
    assert not is_meta_talk("The key idea is that a flexible model overfits the noise.", topic)


def test_wrong_denies_only_when_said_of_a_claim() -> None:
    assert disavows("Some say variance is how much the model changes, which is wrong.")
    assert disavows("More data fixes high bias is false.")
    assert disavows("It is wrong to say that recall is the share of flagged items.")
    assert not disavows("A straight line through curved points is wrong even on the points it was fitted to.")
    assert not disavows("False positives lower precision.")
