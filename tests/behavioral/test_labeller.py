"""The STAR labeller: tricky orders and phrasings, determinism, the saved arrays, the Viterbi step."""

from __future__ import annotations

import numpy as np

from loopcoach.areas.behavioral.dataset import LABELS, training_stories
from loopcoach.areas.behavioral.labeller import StarLabeller, fit_labeller, story_features


def test_textbook_story(labeller: StarLabeller) -> None:
    labels, probs = labeller.label([
        "Our recommendation service timed out at peak traffic, and the checkout page fell back to bestsellers.",
        "I was responsible for getting p99 latency under 100 milliseconds before the holiday sale.",
        "I profiled the service and found that feature lookups made five round trips to the database.",
        "I batched the lookups into one call and cached the user embeddings in memory.",
        "P99 latency dropped from 420 to 85 milliseconds and revenue per session rose 2 percent.",
    ])
    assert labels == ["situation", "task", "action", "action", "result"]
    assert probs.shape == (5, len(LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0)


def test_result_told_first(labeller: StarLabeller) -> None:
    labels, _ = labeller.label([
        "I cut our model training cost by 70 percent in one quarter, and here is how.",
        "Our team retrained every model from scratch each night on eight GPUs.",
        "I was asked to bring the cloud bill down without slowing the researchers.",
        "I switched the nightly jobs to incremental fine-tuning from the last checkpoint.",
        "I moved the sweeps to spot instances with automatic checkpointing.",
        "The monthly bill fell from 60 thousand to 18 thousand dollars.",
    ])
    assert labels[0] == "result"
    assert labels[1] == "situation"
    assert labels[3:5] == ["action", "action"]
    assert labels[-1] == "result"


def test_filler_and_we_actions(labeller: StarLabeller) -> None:
    labels, _ = labeller.label([
        "Okay, that's a good question, let me think.",
        "At my last job our search results were often irrelevant for long queries.",
        "We added a reranker and we tuned it on click data.",
        "Search clicks went up 9 percent.",
        "So yeah, that's about it.",
    ])
    assert labels == ["other", "situation", "action", "result", "other"]


def test_fit_is_deterministic_and_round_trips() -> None:
    stories = training_stories()[:40]
    a, b = fit_labeller(stories), fit_labeller(stories)
    assert np.array_equal(a.weights, b.weights)
    again = StarLabeller.from_arrays(a.to_arrays())
    feats = story_features(["I rewrote the loader.", "Training got 3x faster."])
    assert np.allclose(again.probabilities(feats), a.probabilities(feats))
    assert again.transition_weight == a.transition_weight


def test_viterbi_uses_the_order(labeller: StarLabeller) -> None:
    # The first sentence's own evidence is split evenly between situation and result; it opens the story
    # and a task follows it, so the learned order makes it the situation.
    probs = np.full((2, len(LABELS)), 0.01)
    probs[0, LABELS.index("situation")] = probs[0, LABELS.index("result")] = 0.48
    probs[1, LABELS.index("task")] = 0.96
    assert labeller.decode(probs) == [LABELS.index("situation"), LABELS.index("task")]
    # Without the sequence step the tie would be broken by the column order alone.
    flat = StarLabeller.from_arrays({**labeller.to_arrays(), "transition_weight": np.asarray(0.0)})
    probs[0, LABELS.index("result")] = 0.49
    assert flat.decode(probs)[0] == LABELS.index("result")
    assert labeller.decode(probs)[0] == LABELS.index("situation")


def test_empty_story(labeller: StarLabeller) -> None:
    labels, probs = labeller.label([])
    assert labels == [] and probs.shape == (0, len(LABELS))
