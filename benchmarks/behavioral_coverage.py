"""Story-to-question matching benchmark: do a story's best-matching questions probe its competencies?

Run: .venv/bin/python benchmarks/behavioral_coverage.py
Uses the stories listed in tests/data/star/competencies.yaml (texts from the
STAR labelled set) with their gold competencies and prints:
- top-1: the best-matching question's competency is one of the story's gold competencies;
- main-1: it is the story's main (first) competency;
- detection precision/recall of the competencies read from the wording;
- a suggestion check: in a bank of one story per competency, how often the suggested
  story for a question has that question's competency.
The matching has no fitted parameters; its weights were set by hand before this file existed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from loopcoach.areas.behavioral.coverage import StoryRef, build_coverage, detect_competencies, question_text
from loopcoach.areas.behavioral.dataset import parse_stories, training_stories
from loopcoach.config import load_settings
from loopcoach.content.loader import load_bank
from loopcoach.text.embeddings import get_embedder

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "star"


def main() -> None:
    """Print the matching figures."""
    gold: dict[str, list[str]] = yaml.safe_load((DATA / "competencies.yaml").read_text(encoding="utf-8"))["stories"]
    heldout = parse_stories((DATA / "heldout.yaml").read_text(encoding="utf-8"), "heldout.yaml")
    texts = {s.id: s.text for s in [*training_stories(), *heldout] if s.id in gold}
    settings = load_settings({"LOOPCOACH_HOME": tempfile.mkdtemp(prefix="loopcoach-bench-")})
    questions = load_bank("behavioral", settings).items
    embedder = get_embedder(settings)
    ids = sorted(gold)
    refs = [StoryRef(i, sid, texts[sid]) for i, sid in enumerate(ids)]
    cov = build_coverage(refs, questions, embedder.encode([r.text for r in refs]),
                         embedder.encode([question_text(q) for q in questions]))
    by_id = {q.id: q for q in questions}
    top1 = main1 = 0
    tp = fp = fn = 0
    for ref in refs:
        matches = sorted(cov.by_story_all(ref.id), key=lambda m: -m.score)
        best = by_id[matches[0].question_id].competency
        top1 += best in gold[ref.title]
        main1 += best == gold[ref.title][0]
        found = set(detect_competencies(ref.text))
        tp += len(found & set(gold[ref.title]))
        fp += len(found - set(gold[ref.title]))
        fn += len(set(gold[ref.title]) - found)
    n = len(refs)
    print(f"stories: {n}, questions: {len(questions)}")
    print(f"top-1 question competency is one of the story's: {top1 / n:.3f}")
    print(f"top-1 question competency is the story's main one: {main1 / n:.3f}")
    print(f"competencies read from wording: precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f}")
    right = total = 0
    for competency in sorted({g[0] for g in gold.values()}):
        members = [r for r in refs if gold[r.title][0] == competency]
        bank = [members[0]] + [next(r for r in refs if gold[r.title][0] == other)
                               for other in sorted({g[0] for g in gold.values()}) if other != competency]
        sub = build_coverage(bank, questions, embedder.encode([r.text for r in bank]),
                             embedder.encode([question_text(q) for q in questions], cache=True))
        for q in questions:
            if q.competency != competency:
                continue
            ranked = sub.by_question[q.id]
            total += 1
            right += competency in gold[next(r.title for r in bank if r.id == ranked[0].story_id)]
    print(f"suggested story (one story per competency in the bank) has the question's competency: "
          f"{right / total:.3f} ({right}/{total} questions)")


if __name__ == "__main__":
    main()
