"""Specific words and repeated sentences: what the STAR and pitch scores credit."""

from __future__ import annotations

from loopcoach.areas.behavioral.substance import measure, repeats, specific_words


def test_generic_sentences_have_no_specific_words_and_concrete_ones_do() -> None:
    assert specific_words("I looked at the problem carefully.") == frozenset()
    assert specific_words("I leveraged best practices and drove alignment across stakeholders.") == frozenset()
    concrete = specific_words("I added a composite index on city and check-in date.")
    assert {"composite", "index", "city"} <= concrete
    assert "300" in specific_words("p99 latency fell to 300 ms")


def test_a_sentence_said_again_is_a_repeat_and_a_new_one_is_not() -> None:
    said = ["I rewrote the retry logic in the payment worker.", "I added an alert on double charges.",
            "I rewrote the retry logic in the payment worker!", "The retry logic in the payment worker I rewrote."]
    assert repeats(said) == [False, False, True, True]
    sub = measure(said)
    assert sub.substantive == (True, True, False, False)
    assert 0.4 < sub.repeated_share < 0.6
    assert sub.detail([0, 2, 3], 8) == sub.detail([0], 8)
