"""The design grader with the real embedding model: steps, checks, follow-ups, rubric, bad input."""

from __future__ import annotations

from typing import Any

import pytest

from loopcoach.areas.design.grader import AskedQuestion, grade_design
from loopcoach.content.schemas.design import STEP_IDS, DesignPrompt
from loopcoach.errors import EmptyInputError, TooLargeError

from .design_labelled import MemoEmbedder, evaluate, load_cases

pytestmark = pytest.mark.model


def _case(name: str) -> Any:
    return next(c for c in load_cases() if c.name == name)


def _grade(prompts: dict[str, DesignPrompt], embedder: Any, name: str, **kw: Any) -> Any:
    c = _case(name)
    return grade_design(prompts[c.prompt_id], c.answer, embedder, **kw)


def test_complete_answer_beats_deep_jump_and_buzzwords(prompts: Any, embedder: Any) -> None:
    complete = _grade(prompts, embedder, "hate-speech-complete")
    deep = _grade(prompts, embedder, "hate-speech-deep-jump")
    buzz = _grade(prompts, embedder, "hate-speech-buzzwords")
    assert complete.score >= 75
    assert complete.score > deep.score > buzz.score
    assert all(s.covered for s in complete.steps)
    assert [c.id for c in complete.checks if not c.passed] == []
    assert complete.recommendation in {"hire", "strong_hire"}
    assert buzz.recommendation == "no_hire"
    assert buzz.buzzword_share > 0.5
    assert any("without a reason" in f for f in buzz.feedback)


def test_contract_shape(prompts: Any, embedder: Any) -> None:
    out = _grade(prompts, embedder, "video-recs-no-monitoring").to_dict()
    assert out["prompt_id"] == "video-recommendations"
    assert isinstance(out["score"], int) and 0 <= out["score"] <= 100
    assert [s["id"] for s in out["steps"]] == list(STEP_IDS)
    for s in out["steps"]:
        assert isinstance(s["covered"], bool)
        assert 0.0 <= s["score"] <= 1.0
        assert all(isinstance(m, str) for m in s["missing"])
        for e in s["evidence"]:
            assert e["sentence"] and e["point"]
    dep = next(s for s in out["steps"] if s["id"] == "deployment_monitoring")
    assert not dep["covered"]
    assert any("drift" in m.lower() or "monitor" in m.lower() for m in dep["missing"])
    assert 1 <= len(out["follow_ups"]) <= 5
    assert [r["id"] for r in out["rubric"]] == [
        "problem_understanding", "data_and_features", "modelling", "deployment", "communication"]
    assert out["reference_outline"].startswith("1. Clarify")


def test_follow_ups_probe_the_gaps(prompts: Any, embedder: Any) -> None:
    g = _grade(prompts, embedder, "video-recs-no-monitoring")
    dep_probes = set(prompts["video-recommendations"].step("deployment_monitoring").follow_ups)
    generic = {m.point.probe for s in g.steps if s.id == "deployment_monitoring" for m in s.matches}
    assert set(g.follow_ups) & (dep_probes | generic)
    complete = _grade(prompts, embedder, "video-recs-prose")
    assert not set(complete.follow_ups) & {p for p in generic if p}


def test_baseline_first_check(prompts: Any, embedder: Any) -> None:
    p = prompts["hate-speech-detection"]
    deep_first = "## Model\nFine-tune XLM-R. Later a logistic regression baseline for comparison.\n"
    simple_first = "## Model\nStart with a logistic regression baseline on TF-IDF, then fine-tune XLM-R.\n"
    only_deep = "## Model\nFine-tune a BERT transformer on the posts.\n"
    checks = {name: {c.id: c for c in grade_design(p, text, embedder).checks}["baseline_first"]
              for name, text in (("deep", deep_first), ("simple", simple_first), ("only", only_deep))}
    assert checks["simple"].passed
    assert not checks["deep"].passed
    assert not checks["only"].passed and "straight to a complex model" in checks["only"].message


def test_metrics_and_tradeoff_checks(prompts: Any, embedder: Any) -> None:
    p = prompts["ad-click-prediction"]
    both = ("Offline we measure log loss and AUC on the next day. Online we run an A/B test on revenue per "
            "thousand impressions. The deep model is more accurate but slower, a tradeoff against the 20 ms budget. "
            "Logistic regression is cheaper but misses interactions.")
    offline_only = "We evaluate with AUC and log loss on held-out data."
    c1 = {c.id: c.passed for c in grade_design(p, both, embedder).checks}
    c2 = {c.id: c for c in grade_design(p, offline_only, embedder).checks}
    assert c1["offline_online_metrics"] and c1["tradeoffs"]
    assert not c2["offline_online_metrics"].passed and "online" in c2["offline_online_metrics"].message
    assert not c2["tradeoffs"].passed


def test_clarified_first_from_chat_order(prompts: Any, embedder: Any) -> None:
    p = prompts["restaurant-recommendations"]
    notes = "## Model\nA gradient boosted ranker predicting order probability, with popularity as the baseline.\n"
    early = [AskedQuestion("How many restaurants are there?", "scale", 0),
             AskedQuestion("What is the latency budget?", "latency", 3)]
    late = [AskedQuestion("How many restaurants are there?", "scale", 400)]
    first = {c.id: c for c in grade_design(p, notes, embedder, early).checks}["clarified_first"]
    after = {c.id: c for c in grade_design(p, notes, embedder, late).checks}["clarified_first"]
    none = {c.id: c for c in grade_design(p, notes, embedder).checks}["clarified_first"]
    assert first.passed
    assert not after.passed and "after" in after.message
    assert not none.passed
    clarify = grade_design(p, notes, embedder, early).steps[0]
    assert {m.point.id for m in clarify.matches if m.how == "question"} >= {"scale", "latency"}


def test_bad_input(prompts: Any, embedder: Any) -> None:
    p = prompts["hate-speech-detection"]
    for empty in ("", "   \n\t "):
        with pytest.raises(EmptyInputError, match="empty"):
            grade_design(p, empty, embedder)
    with pytest.raises(TooLargeError):
        grade_design(p, "word " * 20_000, embedder)
    hostile = "<script>alert(1)</script>\n```mermaid\nclick A callback\n```\n" + "\x00" * 3
    out = grade_design(p, hostile, embedder).to_dict()
    assert len(out["steps"]) == 7


def test_held_out_accuracy_meets_a_floor(prompts: Any, embedder: Any) -> None:
    """The held-out labelled answers: step accuracy and rank correlation stay near the documented goals."""
    from loopcoach.areas.design.calibration import load_calibration

    cases = [c for c in load_cases() if c.split == "test"]
    scores = evaluate(cases, prompts, MemoEmbedder(embedder), load_calibration())
    assert scores.step_accuracy >= 0.85
    assert scores.spearman >= 0.75
