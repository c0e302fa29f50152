"""Choose the STAR labeller's hyperparameters by story-grouped cross-validation on the TRAINING split only.

Run: .venv/bin/python benchmarks/behavioral_star_tune.py
Prints sentence-label and component accuracy for each (C, prior weight,
transition weight), with and without the Viterbi step. The held-out split is
never read here; the chosen constants live in areas/behavioral/labeller.py.
"""

from __future__ import annotations

import itertools

from loopcoach.areas.behavioral import labeller
from loopcoach.areas.behavioral.dataset import COMPONENTS, LABELS, LabelledStory, training_stories

FOLDS = 5


def cross_validate(stories: list[LabelledStory], c: float, prior_w: float, trans_w: float) -> tuple[float, float, float]:
    """(sentence accuracy with Viterbi, component accuracy, sentence accuracy without Viterbi)."""
    right = right_plain = total = comp_right = comp_total = 0
    for fold in range(FOLDS):
        train = [s for i, s in enumerate(stories) if i % FOLDS != fold]
        test = [s for i, s in enumerate(stories) if i % FOLDS == fold]
        model = labeller.fit_labeller(train, c=c, prior_weight=prior_w, transition_weight=trans_w)
        for story in test:
            probs = model.probabilities(labeller.story_features(story.sentences))
            pred = [LABELS[i] for i in model.decode(probs)]
            plain = [LABELS[i] for i in probs.argmax(axis=1)]
            right += sum(p == g for p, g in zip(pred, story.labels, strict=True))
            right_plain += sum(p == g for p, g in zip(plain, story.labels, strict=True))
            total += len(pred)
            comp_right += sum((c_ in pred) == (c_ in story.labels) for c_ in COMPONENTS)
            comp_total += len(COMPONENTS)
    return right / total, comp_right / comp_total, right_plain / total


def main() -> None:
    """Print the grid."""
    stories = training_stories()
    print(f"training split: {len(stories)} stories, {sum(len(s.sentences) for s in stories)} sentences")
    print(f"{'C':>5} {'prior_w':>7} {'trans_w':>7}  {'acc':>6} {'comp':>6} {'acc_no_viterbi':>14}")
    for c, pw, tw in itertools.product((1.0, 4.0, 16.0), (0.0, 0.3), (0.0, 0.3, 0.6)):
        acc, comp, plain = cross_validate(stories, c, pw, tw)
        print(f"{c:>5} {pw:>7} {tw:>7}  {acc:6.3f} {comp:6.3f} {plain:14.3f}", flush=True)


if __name__ == "__main__":
    main()
