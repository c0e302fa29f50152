"""Pitch checker benchmark on the labelled pitches (tests/data/star/pitches.yaml).

Run: .venv/bin/python benchmarks/behavioral_pitch.py
Prints the accuracy of each "covers" judgement (project, own contribution,
outcome, metric) against the gold labels, with the trivial baseline ("every
item is covered") beside each, the mean of the four per-item accuracies, the
share of pitches with all four right, the pitches it gets wrong, and the warm
time to check one pitch. Honest provenance: the own-contribution rule was
changed after it was measured on the first 22 labelled pitches, so only the
pitches marked ``fresh`` (written after the last rule change) are unseen.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from loopcoach.areas.behavioral.dataset import training_stories
from loopcoach.areas.behavioral.labeller import fit_labeller
from loopcoach.areas.behavioral.pitch import analyse_pitch

PITCHES = Path(__file__).resolve().parent.parent / "tests" / "data" / "star" / "pitches.yaml"
KEYS = ("project", "own_contribution", "outcome", "metric")


def main() -> None:
    """Check every labelled pitch and print per-item accuracy."""
    pitches = yaml.safe_load(PITCHES.read_text(encoding="utf-8"))["pitches"]
    labeller = fit_labeller(training_stories())
    right = dict.fromkeys(KEYS, 0)
    misses: list[str] = []
    all_right = 0
    for pitch in pitches:
        covers = analyse_pitch(pitch["text"], labeller).covers
        all_right += all(covers[k] == pitch["covers"][k] for k in KEYS)
        for key in KEYS:
            if covers[key] == pitch["covers"][key]:
                right[key] += 1
            else:
                misses.append(f"{pitch['id']}: {key} predicted {covers[key]}, gold {pitch['covers'][key]}")
    n = len(pitches)
    print(f"labelled pitches: {n} ({sum(bool(p.get('fresh')) for p in pitches)} written after the last rule change)")
    base = {k: sum(bool(p["covers"][k]) for p in pitches) / n for k in KEYS}
    for key in KEYS:
        print(f"{key:<17} accuracy {right[key] / n:.3f} (trivial baseline, 'covered': {base[key]:.3f})")
    print(f"mean of the four per-item accuracies {sum(right.values()) / (n * len(KEYS)):.3f} "
          f"(baseline {sum(base.values()) / len(KEYS):.3f})")
    gold_all = sum(all(p["covers"][k] for k in KEYS) for p in pitches)
    print(f"pitches with all four items right {all_right}/{n} = {all_right / n:.3f} "
          f"(baseline, 'all four present': {gold_all / n:.3f})")
    fresh = [p for p in pitches if p.get("fresh")]
    fresh_right = sum(analyse_pitch(p["text"], labeller).covers[k] == p["covers"][k] for p in fresh for k in KEYS)
    if fresh:
        fresh_base = sum(bool(p["covers"][k]) for p in fresh for k in KEYS)
        print(f"fresh pitches only: mean per-item accuracy {fresh_right / (len(fresh) * len(KEYS)):.3f} "
              f"(baseline {fresh_base / (len(fresh) * len(KEYS)):.3f})")
    for miss in misses:
        print("  miss:", miss)
    text = pitches[0]["text"]
    timings = []
    for _ in range(30):
        t0 = time.perf_counter()
        analyse_pitch(text, labeller)
        timings.append((time.perf_counter() - t0) * 1000)
    print(f"check a {len(text.split())}-word pitch, warm: median {statistics.median(timings):.1f} ms")


if __name__ == "__main__":
    main()
