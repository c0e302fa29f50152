"""The four interviewer checks: clarified first, baseline first, offline and online metrics, tradeoffs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from loopcoach.areas.design.buzz import BASELINES, COMPLEX_MODELS, count_hits, first_hit
from loopcoach.areas.design.lexical import tokens
from loopcoach.areas.design.matching import PointMatch, Sentence
from loopcoach.areas.design.report import Check

if TYPE_CHECKING:
    from loopcoach.areas.design.grader import AskedQuestion

#: A question asked while the notes held at most this many words counts as "before designing".
EARLY_NOTES_WORDS = 40
_STRONG_TRADEOFF = tuple(
    tuple(tokens(p))
    for p in (
        "tradeoff", "trade-off", "trade off", "at the cost of", "pros and cons", "downside", "drawback",
        "on the other hand", "whereas", "rather than", "instead of", "but slower", "but more expensive",
        "cheaper but", "more accurate but", "balance between", "in exchange", "the cost is", "comes at",
        "more expensive", "harder to", "easier to", "but less", "but higher", "but lower",
    )
)
_WEAK_TRADEOFF: tuple[tuple[str, ...], ...] = (("versus",), ("vs",))


def _covered(matches: Sequence[PointMatch], point_id: str) -> PointMatch | None:
    return next((m for m in matches if m.point.id == point_id and m.credit > 0), None)


def _clarified_first(
    sentences: Sequence[Sentence], all_matches: dict[str, list[PointMatch]], questions: Sequence[AskedQuestion]
) -> Check:
    early = [q for q in questions if q.notes_words <= EARLY_NOTES_WORDS]
    if early:
        return Check("clarified_first", True,
                     f"You clarified before designing: the interviewer answered {len(early)} "
                     f"question{'' if len(early) == 1 else 's'} before you wrote the design.")
    clar = [m for m in all_matches["clarify"] if m.credit > 0]
    design_pos = [
        m.position for step in ("high_level_design", "features", "model") for m in all_matches[step]
        if m.credit > 0 and m.position is not None
    ]
    clar_notes = [m.position for m in clar if m.position is not None and m.position >= 0]
    if len(clar) >= 2 and clar_notes and (not design_pos or min(clar_notes) < min(design_pos)):
        return Check("clarified_first", True,
                     "You pinned down requirements (scale, latency, goal, data) before designing.")
    if questions:
        return Check("clarified_first", False,
                     "Your clarifying questions came after most of the design was written; ask them first.")
    return Check("clarified_first", False,
                 "The design starts without clarifying scale, latency, success metrics or available data.")


def _baseline_first(sentences: Sequence[Sentence], toks: Sequence[list[str]]) -> Check:
    idx = [i for i, s in enumerate(sentences) if s.source == "notes"]
    in_model = [i for i in idx if sentences[i].section == "model"]
    scope = in_model or [i for i in idx if sentences[i].section != "clarify"]
    scoped = [toks[i] for i in scope]
    base, deep = first_hit(scoped, BASELINES), first_hit(scoped, COMPLEX_MODELS)
    if base is None:
        if deep is None:
            return Check("baseline_first", False, "No model is named; start with a simple baseline and say why.")
        return Check("baseline_first", False,
                     "You go straight to a complex model; start with a simple baseline to beat.")
    if deep is not None and deep < base:
        return Check("baseline_first", False,
                     "The complex model comes before any baseline; lead with the simple one.")
    return Check("baseline_first", True, "You start from a simple baseline before anything more complex.")


def _metrics(all_matches: dict[str, list[PointMatch]]) -> Check:
    te = all_matches["training_evaluation"]
    off, on = _covered(te, "offline_metrics"), _covered(te, "online_metrics")
    if off and on:
        return Check("offline_online_metrics", True, "You name both offline and online metrics.")
    if off:
        return Check("offline_online_metrics", False,
                     "Only offline metrics are named; say which online metric and experiment decide the launch.")
    if on:
        return Check("offline_online_metrics", False,
                     "Only online metrics are named; add the offline metric used to compare models.")
    return Check("offline_online_metrics", False, "No evaluation metrics are named, offline or online.")


def _tradeoffs(sentences: Sequence[Sentence], toks: Sequence[list[str]]) -> Check:
    weight = 0.0
    for s, t in zip(sentences, toks, strict=True):
        if s.source != "notes":
            continue
        if count_hits(t, _STRONG_TRADEOFF):
            weight += 1.0
        elif count_hits(t, _WEAK_TRADEOFF):
            weight += 0.5
    if weight >= 1.5:
        return Check("tradeoffs", True, "You discuss tradeoffs of your choices.")
    if weight > 0:
        return Check("tradeoffs", False, "Tradeoffs are mentioned once at most; argue the main choices both ways.")
    return Check("tradeoffs", False, "No tradeoffs are discussed (accuracy vs latency, cost, complexity).")


def run_checks(
    sentences: Sequence[Sentence],
    toks: Sequence[list[str]],
    all_matches: dict[str, list[PointMatch]],
    questions: Sequence[AskedQuestion],
) -> list[Check]:
    """Run the four checks, in a fixed order."""
    return [
        _clarified_first(sentences, all_matches, questions),
        _baseline_first(sentences, toks),
        _metrics(all_matches),
        _tradeoffs(sentences, toks),
    ]
