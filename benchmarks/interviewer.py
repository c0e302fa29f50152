"""Does the follow-up interviewer ask about what the answer really left out? And how fast is a turn?

Usage: .venv/bin/python benchmarks/interviewer.py [--model-sample N]

On the project's labelled theory answers (tests/data/theory_answers: a
person marked which key points each answer covers), for the held-out
questions (never used to calibrate the grader) and for all of them:

- first gap follow-up on target: the first key point the rule-based
  interviewer asks about is one the person marked missing; beside it the
  trivial baselines "a random key point" (expected share) and "the
  rubric's first key point";
- all gap follow-ups on target (precision) and the share of labelled
  missing points that get a follow-up (recall);
- own-word follow-ups: probes on a metric, model or absolute claim the
  answer states (grounded by construction: the phrase is in the answer);
- the warm time of one rule-based turn (re-grade the text, plan the probe).

With LOOPCOACH_LLM_URL or LOOPCOACH_LLM_GGUF set, also, on a sample of
held-out answers: the share of model replies that pass the grounding gate,
the reply latency and, for the embedded model, the time to the first token.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from calibrate_theory import Labelled, load_labelled, load_question, make_grader, split  # noqa: E402

from loopcoach.areas.interview import gate  # noqa: E402
from loopcoach.areas.interview.contexts import theory_context  # noqa: E402
from loopcoach.areas.interview.prompting import build_messages  # noqa: E402
from loopcoach.areas.interview.rules import gap_probes, next_probe, plan  # noqa: E402
from loopcoach.areas.interview.turns import InterviewContext  # noqa: E402
from loopcoach.areas.theory.grader import TheoryGrader  # noqa: E402
from loopcoach.areas.theory.rubric import rubric_from_question  # noqa: E402
from loopcoach.config import load_settings  # noqa: E402
from loopcoach.llm.factory import model_from_settings  # noqa: E402


def contexts(grader: TheoryGrader, answers: list[Labelled]) -> list[tuple[Labelled, InterviewContext, int]]:
    """(labelled answer, interview context, number of rubric points) for each answer."""
    out = []
    for a in answers:
        rubric = rubric_from_question(load_question(a.question_id))
        out.append((a, theory_context(rubric, grader.grade(rubric, a.text), a.text), len(rubric.points)))
    return out


def report(name: str, rows: list[tuple[Labelled, InterviewContext, int]]) -> None:
    """Print the on-target figures of one split, with the baselines."""
    with_gap = [(a, c, n) for a, c, n in rows if n - len(a.covers) > 0]
    first_hits, first_rubric, random_expect = 0, 0, 0.0
    probes = probe_hits = labelled_missing = missing_probed = own_words = 0
    for a, c, n in with_gap:
        rubric_ids = [p.id for p in rubric_from_question(load_question(a.question_id)).points]
        gaps = gap_probes(c)
        if gaps and gaps[0].target.removeprefix("gap:") not in a.covers:
            first_hits += 1
        first_rubric += rubric_ids[0] not in a.covers
        random_expect += (n - len(a.covers)) / n
        asked = {g.target.removeprefix("gap:") for g in gaps}
        probes += len(asked)
        probe_hits += len(asked - a.covers)
        truly_missing = set(rubric_ids) - a.covers
        labelled_missing += len(truly_missing)
        missing_probed += len(truly_missing & asked)
    for _, c, _ in rows:
        own_words += any(p.kind in ("metric", "model", "claim") for p in plan(c))
    k = len(with_gap)
    print(f"\n{name}: {len(rows)} answers, {k} with at least one key point labelled missing")
    print(f"  first gap follow-up on a labelled-missing point: {first_hits / k:.3f} ({first_hits}/{k})")
    print(f"    baselines: a random key point {random_expect / k:.3f} (expected); "
          f"the rubric's first key point {first_rubric / k:.3f}")
    print(f"  all gap follow-ups on a labelled-missing point (precision): {probe_hits / max(1, probes):.3f} "
          f"({probe_hits}/{probes})")
    print(f"  labelled-missing points that get a follow-up (recall): {missing_probed / max(1, labelled_missing):.3f} "
          f"({missing_probed}/{labelled_missing})")
    print(f"  answers with a follow-up on their own words (metric, model, absolute claim): {own_words}/{len(rows)}")


def speed(grader: TheoryGrader, answers: list[Labelled]) -> None:
    """Median warm time of one rule-based turn: grade the text, build the context, choose the probe."""
    times = []
    for a in answers:
        rubric = rubric_from_question(load_question(a.question_id))
        start = time.perf_counter()
        next_probe(theory_context(rubric, grader.grade(rubric, a.text), a.text), [])
        times.append((time.perf_counter() - start) * 1000)
    print(f"\nrule-based turn (grade + plan), warm: median {statistics.median(times):.1f} ms over {len(times)} answers")


def model_figures(grader: TheoryGrader, answers: list[Labelled], sample: int) -> None:
    """Gate pass rate, reply latency and (embedded) time to first token of the configured model."""
    settings = load_settings()
    model = model_from_settings(settings)
    if model is None:
        print("\nno language model configured (LOOPCOACH_LLM_URL / LOOPCOACH_LLM_GGUF): model figures skipped")
        return
    print(f"\nmodel: {model.name}")
    load = getattr(model, "load", None)
    if load is not None:
        start = time.perf_counter()
        llama = load()
        print(f"  load: {time.perf_counter() - start:.2f} s")
    passed, latencies, first_tokens, reasons = 0, [], [], {}
    rows = contexts(grader, answers[:sample])
    for _, c, _ in rows:
        probe = next_probe(c, [])
        if probe is None:
            continue
        messages = build_messages(c, probe)
        if load is not None:
            start = time.perf_counter()
            for _chunk in llama.create_chat_completion(messages=[m.to_dict() for m in messages], max_tokens=8,
                                                       temperature=0.2, stream=True):
                first_tokens.append(time.perf_counter() - start)
                break
        start = time.perf_counter()
        reply = model.complete(messages, max_tokens=80)
        latencies.append(time.perf_counter() - start)
        verdict = gate.check(reply, c, probe)
        passed += verdict.ok
        if not verdict.ok:
            reasons[verdict.reason] = reasons.get(verdict.reason, 0) + 1
        print(f"  {'PASS' if verdict.ok else 'SET ASIDE'}: {verdict.text[:140]!r}")
    n = len(latencies)
    print(f"  replies passing the gate: {passed}/{n}; the rest fall back to the rule-based wording")
    for reason, count in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"    set aside {count}x: {reason}")
    print(f"  reply latency: median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s")
    if first_tokens:
        print(f"  time to first token: median {statistics.median(first_tokens):.2f} s, "
              f"max {max(first_tokens):.2f} s")


def main() -> None:
    """Run every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-sample", type=int, default=20, help="held-out answers sent to the model")
    args = parser.parse_args()
    grader = make_grader()
    answers = load_labelled()
    _, held = split(answers)
    report("held-out questions (the grader never saw them)", contexts(grader, held))
    report("all labelled answers", contexts(grader, answers))
    speed(grader, held)
    model_figures(grader, held, args.model_sample)


if __name__ == "__main__":
    main()
