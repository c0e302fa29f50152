"""Map grading signals to the interviewer rubric on a hire / no-hire scale, with reasons."""

from __future__ import annotations

from collections.abc import Sequence

from loopcoach.areas.design.report import Check, RubricLine, StepResult

LEVELS: tuple[tuple[float, str], ...] = (
    (0.8, "strong_hire"), (0.6, "hire"), (0.4, "lean_no_hire"), (0.0, "no_hire"),
)


def level_for(score: float) -> str:
    """Hire level of a 0..1 score."""
    return next(name for cut, name in LEVELS if score >= cut)


CHECK_NAMES = {
    "clarified_first": "clarifying questions before the design",
    "baseline_first": "a simple baseline before a complex model",
    "offline_online_metrics": "both offline and online metrics",
    "tradeoffs": "trade-offs with reasons",
}


def _reasons(steps: Sequence[StepResult], checks: dict[str, Check], ids: Sequence[str],
             check_ids: Sequence[str]) -> list[str]:
    """Why a dimension got its level: what the notes cover, how much is left, which checks are met.

    The missing points themselves are listed once, in the step table; here they are only counted.
    """
    out: list[str] = []
    for s in steps:
        if s.id not in ids:
            continue
        got = [m.point.text.rstrip(".") for m in s.matches if m.credit >= 1.0][:2]
        gaps = len(s.missing)
        if got:
            out.append(f"{s.title}, covered: " + "; ".join(got) + ".")
        if gaps:
            out.append(f"{s.title}: {gaps} of {len(s.matches)} key points still open (listed in the step table).")
    for cid in check_ids:
        name = CHECK_NAMES.get(cid, cid.replace("_", " "))
        out.append(f"Met: {name}." if checks[cid].passed else f"Not met: {name}.")
    return out


def rubric_for(
    steps: Sequence[StepResult], checks: Sequence[Check], buzz_share: float, n_sentences: int, overall: int
) -> tuple[list[RubricLine], str]:
    """Five rubric lines (problem understanding, data and features, modelling, deployment, communication)."""
    by = {s.id: s.score for s in steps}
    ck = {c.id: c for c in checks}
    passed = {c.id: 1.0 if c.passed else 0.0 for c in checks}
    structured = sum(1 for s in steps if s.covered) / len(steps)
    dims = [
        ("problem_understanding", "Problem understanding",
         0.7 * by["clarify"] + 0.3 * passed["clarified_first"], ["clarify"], ["clarified_first"]),
        ("data_and_features", "Data and features",
         0.5 * by["data"] + 0.5 * by["features"], ["data", "features"], []),
        ("modelling", "Modelling",
         0.45 * by["model"] + 0.35 * by["training_evaluation"]
         + 0.1 * passed["baseline_first"] + 0.1 * passed["offline_online_metrics"],
         ["model", "training_evaluation"], ["baseline_first", "offline_online_metrics"]),
        ("deployment", "Deployment and operations",
         0.35 * by["high_level_design"] + 0.65 * by["deployment_monitoring"],
         ["high_level_design", "deployment_monitoring"], []),
        ("communication", "Communication",
         max(0.0, 0.45 * structured + 0.35 * passed["tradeoffs"] + 0.2 * min(1.0, n_sentences / 25)
             - 1.5 * max(0.0, buzz_share - 0.1)),
         [], ["tradeoffs"]),
    ]
    lines: list[RubricLine] = []
    for did, title, score, step_ids, check_ids in dims:
        reasons = _reasons(steps, ck, step_ids, check_ids)
        if did == "communication":
            reasons.insert(0, f"{round(structured * 7)} of the 7 framework steps are covered in the notes.")
            if buzz_share > 0.1:
                reasons.append(f"{round(buzz_share * 100)}% of sentences are strings of buzzwords without reasons.")
            if n_sentences < 12:
                reasons.append(f"The notes hold only {n_sentences} sentences; an interviewer expects more depth.")
        score = max(0.0, min(1.0, score))
        lines.append(RubricLine(did, title, score, level_for(score), reasons))
    return lines, level_for(overall / 100.0)
