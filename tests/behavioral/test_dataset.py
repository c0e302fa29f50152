"""The STAR labelled set: size, split by story, labels, and agreement with the sentence splitter."""

from __future__ import annotations

import pytest

from loopcoach.areas.behavioral.cues import is_quantified
from loopcoach.areas.behavioral.dataset import LABELS, LabelledStory, parse_stories, training_stories
from loopcoach.errors import ContentError
from loopcoach.text.sentences import split_sentences


def test_size_and_split(heldout: list[LabelledStory]) -> None:
    train = training_stories()
    stories = train + heldout
    assert len(stories) >= 120
    assert sum(len(s.sentences) for s in stories) >= 800
    assert len(heldout) / len(stories) >= 0.2
    assert not {s.id for s in train} & {s.id for s in heldout}, "a story is in both splits"
    assert not {x for s in train for x in s.sentences} & {x for s in heldout for x in s.sentences}


def test_every_label_and_quality_is_represented(heldout: list[LabelledStory]) -> None:
    for split in (training_stories(), heldout):
        assert {label for s in split for label in s.labels} == set(LABELS)
    qualities = {s.quality for s in training_stories()}
    assert {"great", "vague_we", "rambling_situation", "no_result", "unquantified", "filler"} <= qualities


def test_ml_engineering_stories_are_present() -> None:
    text = " ".join(s.text.lower() for s in training_stories())
    for topic in ("deploy", "pipeline", "label", "latency", "a/b test", "language model"):
        assert topic in text, topic


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_splitter_finds_the_gold_sentences(split: str, heldout: list[LabelledStory]) -> None:
    stories = training_stories() if split == "train" else heldout
    for story in stories:
        assert [s.text for s in split_sentences(story.text)] == list(story.sentences), story.id


def test_quantified_gold_matches_the_rule_on_gold_result_sentences() -> None:
    for story in training_stories():
        results = [x for x, label in zip(story.sentences, story.labels, strict=True) if label == "result"]
        assert any(is_quantified(x) for x in results) == story.quantified_result, story.id


def test_parse_rejects_unlabelled_lines_and_duplicates() -> None:
    bad_line = "stories:\n  - id: a\n    quality: great\n    quantified_result: false\n    text: |\n      no tag here\n"
    with pytest.raises(ContentError, match="without a"):
        parse_stories(bad_line, "x.yaml")
    one = "  - id: a\n    quality: great\n    quantified_result: false\n    text: |\n      [S] Hi there.\n"
    with pytest.raises(ContentError, match="twice"):
        parse_stories("stories:\n" + one + one, "x.yaml")
    with pytest.raises(ContentError):
        parse_stories("- just a list", "x.yaml")
