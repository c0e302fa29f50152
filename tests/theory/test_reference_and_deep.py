"""Key points derived from a user's reference answer; concepts found in a project text."""

from __future__ import annotations

import pytest

from loopcoach.areas.theory.deep import find_concepts
from loopcoach.areas.theory.explain import find_terms, unexplained_terms
from loopcoach.areas.theory.lexicon import has_example_cue, has_intuition_cue, is_negated_relative_to
from loopcoach.areas.theory.rubric import rubric_from_question, rubric_from_reference
from loopcoach.errors import EmptyInputError

from .conftest import bundled_question


def test_reference_sentences_and_clauses_become_points() -> None:
    rubric = rubric_from_reference(
        "Key ideas:\n"
        "- Dropout randomly zeroes activations during training.\n"
        "- It prevents co-adaptation of units; at inference it is switched off and outputs are rescaled.\n"
        "OK."
    )
    texts = [p.text for p in rubric.points]
    assert texts[0].startswith("Dropout randomly zeroes")
    assert any("co-adaptation" in t for t in texts) and any("inference" in t for t in texts)
    assert all(len(t.split()) >= 3 for t in texts)  # "OK." and the heading are not points
    assert rubric.question_id is None


def test_reference_without_content_is_refused() -> None:
    with pytest.raises(EmptyInputError):
        rubric_from_reference("Yes. OK. Fine.")


def test_reference_is_capped_at_eight_points() -> None:
    text = " ".join(f"Claim number {i} about gradient topic {i} matters greatly." for i in range(20))
    assert len(rubric_from_reference(text).points) == 8


@pytest.mark.parametrize(
    ("sentence", "claim", "negated"),
    [
        ("More data does not fix bias.", "more data fixes bias", True),
        ("It's a myth that more data fixes bias.", "more data fixes bias", True),
        ("More data fixes bias.", "more data fixes bias", False),
        ("Adam doesn't remove the need to tune the learning rate.", "Adam removes the need to tune it", True),
        ("Shuffled k-fold is not fine for time series.", "Shuffled k-fold is not a problem for time series",
         False),
        ("F1 is the harmonic mean, not the arithmetic mean, so it is 0, not 0.5.", "F1 is the arithmetic mean",
         True),
    ],
)
def test_negation_is_relative_to_the_claim(sentence: str, claim: str, negated: bool) -> None:
    assert is_negated_relative_to(sentence, claim) is negated


def test_intuition_and_example_cues() -> None:
    assert has_example_cue("For example, a degree-15 polynomial on 20 points chases noise.")
    assert has_example_cue("Accuracy went from 85% to 92% on the churn data.")
    assert not has_example_cue("Bias is error from simple assumptions.")
    assert has_intuition_cue("Think of it like throwing darts at a board.")
    assert not has_intuition_cue("Variance is error from sensitivity to the sample.")


def test_listed_terms_are_unexplained_but_explained_terms_are_not() -> None:
    rubric = rubric_from_question(bundled_question("bias-variance-tradeoff"))
    sentences = (
        "Overfitting, underfitting, regularization and the sweet spot all matter.",
        "Bias is the error that comes from assumptions that are too simple, so the model misses the pattern.",
    )
    terms, explanatory, listy = find_terms(rubric, sentences)
    assert listy == (True, False)
    missing = unexplained_terms(terms, explanatory, frozenset({0}), listy)
    assert {"regularization", "sweet spot"} <= set(missing)
    assert "bias" not in missing


def test_deep_finds_the_questions_of_mentioned_concepts_only() -> None:
    questions = [bundled_question(q) for q in ("attention-mechanism", "batch-normalization",
                                               "retrieval-augmented-generation", "bias-variance-tradeoff")]
    text = ("Our RAG pipeline embeds chunks into a vector index; a transformer with multi-head attention "
            "answers. Batch norm layers were removed.")
    found = find_concepts(questions, text)
    ids = [m.question.id for m in found.matches]
    assert "retrieval-augmented-generation" in ids and "attention-mechanism" in ids
    assert "bias-variance-tradeoff" not in ids
    assert found.concepts
