"""Sentence splitting on the cases that break naive splitters."""

from loopcoach.text.sentences import split_sentences


def texts(source: str) -> list[str]:
    return [s.text for s in split_sentences(source)]


def test_plain_sentences() -> None:
    assert texts("I built it. It worked! Did it scale? Yes.") == ["I built it.", "It worked!", "Did it scale?", "Yes."]


def test_abbreviations_do_not_split() -> None:
    source = "Use a tree model, e.g. XGBoost, vs. a linear one, i.e. logistic regression. Then compare."
    assert texts(source) == [
        "Use a tree model, e.g. XGBoost, vs. a linear one, i.e. logistic regression.",
        "Then compare.",
    ]


def test_decimals_and_versions_do_not_split() -> None:
    source = "Accuracy rose from 0.85 to 0.92 on Python 3.11 with v2.1.0 of the model. Latency fell."
    assert texts(source) == [
        "Accuracy rose from 0.85 to 0.92 on Python 3.11 with v2.1.0 of the model.",
        "Latency fell.",
    ]


def test_bullets_are_their_own_sentences_even_without_periods() -> None:
    source = "Projects\n- Built a RAG assistant\n- Cut latency by 40%\n* Led a team of 3\n1. Shipped it"
    assert texts(source) == ["Projects", "Built a RAG assistant", "Cut latency by 40%", "Led a team of 3", "Shipped it"]


def test_soft_wrapped_paragraph_is_joined() -> None:
    source = "The model was trained on\nten million rows. It was then\ndeployed."
    assert texts(source) == ["The model was trained on ten million rows.", "It was then deployed."]


def test_initials_and_headings() -> None:
    source = "# Clarify\nWe met J. Smith from sales. He asked for more."
    assert texts(source) == ["Clarify", "We met J. Smith from sales.", "He asked for more."]


def test_offsets_point_into_the_source() -> None:
    source = "First one.  Second   one.\n- third"
    for sentence in split_sentences(source):
        assert " ".join(source[sentence.start:sentence.end].split()) == sentence.text


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n  ") == []


def test_a_unit_after_a_number_ends_a_sentence() -> None:
    source = "I cut p95 latency from 120 ms to 35 ms. Then I wrote the runbook. It took 5 min. We shipped."
    assert texts(source) == [
        "I cut p95 latency from 120 ms to 35 ms.",
        "Then I wrote the runbook.",
        "It took 5 min.",
        "We shipped.",
    ]


def test_units_without_a_space_and_sizes() -> None:
    assert texts("Inference took 35ms. The index used 2 GB. Recall stayed flat.") == [
        "Inference took 35ms.", "The index used 2 GB.", "Recall stayed flat."]


def test_the_same_words_as_abbreviations_still_do_not_split() -> None:
    source = "I asked Ms. Lee about it. We waited approx. 5 min for it. See No. 4 in the list."
    assert texts(source) == ["I asked Ms. Lee about it.", "We waited approx. 5 min for it.", "See No. 4 in the list."]


def test_a_unit_before_a_lowercase_word_does_not_split() -> None:
    assert texts("It ran in 35 ms. on average, which was fine.") == ["It ran in 35 ms. on average, which was fine."]
