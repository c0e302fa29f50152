"""STAR analyzer benchmark on the HELD-OUT split (tests/data/star/heldout.yaml).

Run: .venv/bin/python benchmarks/behavioral_star.py
Prints sentence-label accuracy (goal >= 0.9), component-detection accuracy
(goal >= 0.95), quantified-result accuracy (goal >= 0.95), a confusion table,
and the warm time to analyse a 300-word story (goal < 50 ms). The labeller
is fitted on the training split only; the held-out stories are never used
for training or tuning (tuning: benchmarks/behavioral_star_tune.py).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path

from loopcoach.areas.behavioral.analysis import analyse_story
from loopcoach.areas.behavioral.dataset import (
    COMPONENTS,
    LABELS,
    LabelledStory,
    parse_stories,
    training_stories,
)
from loopcoach.areas.behavioral.labeller import fit_labeller, position_vector

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "star" / "heldout.yaml"


def story_of_words(stories: list[LabelledStory], target: int) -> str:
    """A story of about ``target`` words built from whole held-out stories' sentences (a long, rambling one)."""
    sentences: list[str] = []
    for story in stories:
        for sentence in story.sentences:
            if sum(len(s.split()) for s in sentences) >= target:
                return " ".join(sentences)
            sentences.append(sentence)
    return " ".join(sentences)


def position_baseline(train: list[LabelledStory]) -> list[str]:
    """The trivial labeller: the most common training label in each fifth of a story, whatever the words."""
    counts: list[Counter[str]] = [Counter() for _ in range(5)]
    for story in train:
        for i, label in enumerate(story.labels):
            counts[_bin(i, len(story.labels))][label] += 1
    return [c.most_common(1)[0][0] for c in counts]


def _bin(index: int, count: int) -> int:
    return int(position_vector(index, count)[3:8].argmax())


def main() -> None:
    """Fit on training, evaluate on held-out, print the figures."""
    train = training_stories()
    heldout = parse_stories(HELDOUT.read_text(encoding="utf-8"), HELDOUT.name)
    started = time.perf_counter()
    labeller = fit_labeller(train)
    fit_seconds = time.perf_counter() - started
    by_bin = position_baseline(train)
    base_right = base_comp = base_quant = 0
    right = total = comp_right = comp_total = quant_right = stories_all_components = 0
    confusion: Counter[tuple[str, str]] = Counter()
    per_quality: dict[str, list[int]] = {}
    for story in heldout:
        analysis = analyse_story(story.text, labeller)
        predicted = [s.label for s in analysis.sentences]
        if len(predicted) != len(story.labels):
            raise SystemExit(f"{story.id}: the splitter found {len(predicted)} sentences, gold has {len(story.labels)}")
        hits = sum(p == g for p, g in zip(predicted, story.labels, strict=True))
        right += hits
        total += len(predicted)
        confusion.update(zip(story.labels, predicted, strict=True))
        stats = per_quality.setdefault(story.quality, [0, 0])
        stats[0] += hits
        stats[1] += len(predicted)
        gold_components = story.components
        comp_hits = sum(analysis.components[c] == gold_components[c] for c in COMPONENTS)
        comp_right += comp_hits
        comp_total += len(COMPONENTS)
        stories_all_components += comp_hits == len(COMPONENTS)
        quant_right += analysis.quantified_result == story.quantified_result
        base_right += sum(by_bin[_bin(i, len(story.labels))] == g for i, g in enumerate(story.labels))
        base_comp += sum(gold_components[c] for c in COMPONENTS)  # trivial: "all four components present"
        base_quant += story.quantified_result  # trivial: "the result is always quantified"
    print(f"training split: {len(train)} stories, {sum(len(s.sentences) for s in train)} sentences; "
          f"fitted in {fit_seconds:.2f} s")
    print(f"held-out split: {len(heldout)} stories, {total} sentences")
    print(f"sentence-label accuracy (goal >= 0.90): {right / total:.3f} "
          f"(trivial baseline, label by position only: {base_right / total:.3f})")
    print(f"component-detection accuracy (goal >= 0.95): {comp_right / comp_total:.3f} "
          f"(stories with all four right: {stories_all_components}/{len(heldout)}; "
          f"trivial baseline, 'all four components present': {base_comp / comp_total:.3f})")
    print(f"quantified-result accuracy (goal >= 0.95): {quant_right / len(heldout):.3f} "
          f"(trivial baseline, 'always quantified': {base_quant / len(heldout):.3f})")
    print("\nconfusion (rows gold, columns predicted):")
    print(" " * 10 + "".join(f"{lab[:6]:>8}" for lab in LABELS))
    for gold in LABELS:
        print(f"{gold:<10}" + "".join(f"{confusion[(gold, p)]:>8}" for p in LABELS))
    print("\naccuracy by how the story was written:")
    for quality, (hits, count) in sorted(per_quality.items()):
        print(f"  {quality:<20} {hits / count:.3f} ({count} sentences)")
    text = story_of_words(heldout, 300)
    analyse_story(text, labeller)  # warm
    timings = []
    for _ in range(30):
        t0 = time.perf_counter()
        analyse_story(text, labeller)
        timings.append((time.perf_counter() - t0) * 1000)
    print(f"\nanalyse a {len(text.split())}-word story, warm (goal < 50 ms): median {statistics.median(timings):.1f} ms, "
          f"best {min(timings):.1f} ms over {len(timings)} runs")


if __name__ == "__main__":
    main()
