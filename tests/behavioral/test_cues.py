"""Lexical cues: I versus we, measured results in digits and words, vague phrases."""

from __future__ import annotations

import pytest

from loopcoach.areas.behavioral.cues import count_first_person, cue_vector, is_quantified, vague_phrases


def test_first_person_counts_subjects_not_every_pronoun() -> None:
    assert count_first_person("I rewrote the job and I added tests.") == {"i": 2, "we": 0}
    assert count_first_person("We moved it to Spark, then the team added partitions.") == {"i": 0, "we": 2}
    # "my" and "us" are not the subject of an action
    assert count_first_person("My manager asked us to help.") == {"i": 0, "we": 0}


@pytest.mark.parametrize("text", [
    "Latency went from 300 to 45 milliseconds.",
    "Costs fell by a third.",
    "Conversion rose 1.2 percent.",
    "Throughput doubled.",
    "We saved about 400 thousand dollars.",
    "Breakages went from about one a month to zero.",
])
def test_quantified(text: str) -> None:
    assert is_quantified(text)


@pytest.mark.parametrize("text", [
    "It became much faster and users were happier.",
    "The project shipped in 2021 on Python 3.11.",
    "The team liked it.",
])
def test_not_quantified(text: str) -> None:
    assert not is_quantified(text)


def test_vague_phrases_are_found_in_order() -> None:
    text = "I helped with the migration and was involved in the design, and it went well."
    assert vague_phrases(text) == ["helped with", "was involved in", "went well"]
    assert vague_phrases("I rewrote the loader.") == []


def test_cue_vector_is_bounded() -> None:
    vector = cue_vector("I was asked to cut latency by 40% and as a result we shipped it. " * 5)
    assert vector.min() >= 0.0 and vector.max() <= 1.0
