"""Scorecards from area analyses, hire signals, the loop report, adaptive choice and the loop clock."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from loopcoach.areas.loop import formats, scorecard
from loopcoach.areas.loop.recruiter import compensation_answer
from loopcoach.areas.loop.select import Candidate, Seen, choose, item_weight
from loopcoach.errors import BadInputError

TODAY = date(2026, 11, 30)


def test_signal_bands_and_cap() -> None:
    assert scorecard.signal_of([4, 4, 3, 4]) == "hire"
    assert scorecard.signal_of([3, 3, 3, 2]) == "lean_hire"
    assert scorecard.signal_of([2, 2, 3, 2]) == "lean_no_hire"
    assert scorecard.signal_of([4, 4, 4, 1]) == "lean_no_hire"  # a 1 caps it
    assert scorecard.signal_of([1, 2, 1]) == "no_hire"


def test_coding_card_uses_the_judge_and_the_claim() -> None:
    accepted = {"verdict": "accepted", "passed": 30, "total": 30, "complexity": {"time": "O(n)"},
                "feedback": ["Your claim O(n) matches the measured growth O(n)."]}
    card = scorecard.coding_card(accepted, "O(n)", "I scan once with a hash map; O(n) time; "
                                                   "edge cases: empty list and duplicates.", "O(n)")
    assert [r["rating"] for r in card] == [4, 4, 4, 4]
    wrong = {"verdict": "wrong_answer", "passed": 12, "total": 30, "message": "Input [1] expected 1 got 0",
             "complexity": None, "feedback": []}
    card = scorecard.coding_card(wrong, "", "loop", "O(n)")
    ratings = {r["id"]: r for r in card}
    assert ratings["problem_solving"]["rating"] == 2 and "12/30 tests passed" in ratings["problem_solving"]["evidence"][0]
    assert ratings["complexity_analysis"]["rating"] == 1 and ratings["communication"]["rating"] == 1
    slow = {"verdict": "accepted", "passed": 5, "total": 5, "complexity": {"time": "O(n^2)"}, "feedback": []}
    ratings = {r["id"]: r["rating"] for r in scorecard.coding_card(slow, "O(n^2)", "", "O(n)")}
    assert ratings["code_quality"] == 3 and ratings["complexity_analysis"] == 3


def test_theory_and_behavioral_and_design_cards() -> None:
    good = {"score": 82, "key_points": [{"text": "a", "covered": True}] * 4, "misconceptions": [],
            "has_intuition": True, "has_example": True}
    bad = {"score": 40, "key_points": [{"text": "b", "covered": False}] * 4,
           "misconceptions": [{"claim": "more data always fixes bias", "correction": "It does not."}],
           "has_intuition": False, "has_example": False}
    card = {r["id"]: r for r in scorecard.theory_card([good, bad], ["Q1", "Q2"])}
    assert card["correctness"]["rating"] == 2  # a misconception caps it
    assert any("more data always fixes bias" in e for e in card["correctness"]["evidence"])
    assert card["depth"]["rating"] == 2 and card["intuition_and_examples"]["rating"] == 3
    star = {"components": {"situation": True, "task": True, "action": True, "result": True},
            "quantified_result": True, "first_person": {"i": 8, "we": 2}}
    vague = {"components": {"situation": True, "task": False, "action": True, "result": False},
             "quantified_result": False, "first_person": {"i": 1, "we": 9}}
    assert [r["rating"] for r in scorecard.behavioral_card([star], ["T"])] == [4, 4, 4]
    weak = {r["id"]: r for r in scorecard.behavioral_card([vague], ["T"])}
    assert weak["structure"]["rating"] == 2 and weak["ownership"]["rating"] == 1 and weak["impact"]["rating"] == 1
    steps = [{"id": s, "covered": s != "deployment_monitoring", "score": 0.0 if s == "deployment_monitoring" else 0.9,
              "missing": ["monitoring and retraining"] if s == "deployment_monitoring" else []}
             for s in ("clarify", "high_level_design", "data", "features", "model", "training_evaluation",
                       "deployment_monitoring")]
    design = {r["id"]: r for r in scorecard.design_card({"steps": steps})}
    assert design["deployment"]["rating"] == 1 and design["problem_understanding"]["rating"] == 4
    assert "missing monitoring and retraining" in " ".join(design["deployment"]["evidence"])


def test_loop_report_ranks_gaps_by_outcome() -> None:
    cards = [scorecard.scorecard("coding", "Coding", [{"id": "a", "label": "A", "rating": 4, "evidence": ["x"]}] * 4),
             scorecard.scorecard("design", "Design", [
                 {"id": "deployment", "label": "Deployment", "rating": 1, "evidence": ["no monitoring"]},
                 {"id": "modelling", "label": "Modelling", "rating": 3, "evidence": []},
                 {"id": "communication", "label": "Communication", "rating": 3, "evidence": []}]),
             scorecard.scorecard("theory", "Theory", [{"id": "depth", "label": "Depth", "rating": 2, "evidence": []},
                                                      {"id": "c", "label": "C", "rating": 3, "evidence": []},
                                                      {"id": "i", "label": "I", "rating": 3, "evidence": []}])]
    report = scorecard.loop_report(cards)
    assert report["decision"] == "lean_no_hire"
    first = report["gaps"][0]
    assert first["label"] == "Deployment" and first["decision_change"] > 0
    assert report["strengths"] == ["Coding: A"] * 4


def test_compensation_answers() -> None:
    assert compensation_answer("")["rating"] == 1
    assert compensation_answer("From my research, 180k to 200k base plus equity.")["rating"] == 4
    assert compensation_answer("I want $150,000.")["rating"] == 2
    assert compensation_answer("I'm flexible and would like to learn more about the role first.")["rating"] == 3


def test_item_weight_and_choice_prefer_weak_unseen_unmastered() -> None:
    topics = {"graphs": 30.0, "arrays": 95.0}
    weak, strong = Candidate("weak", ("graphs",)), Candidate("strong", ("arrays",))
    assert item_weight(weak, None, topics, TODAY) > item_weight(strong, None, topics, TODAY)
    fresh = Seen(TODAY, 60)
    assert item_weight(weak, fresh, topics, TODAY) < 0.2 * item_weight(weak, None, topics, TODAY)
    mastered = Seen(TODAY - timedelta(days=30), 95)
    assert item_weight(weak, mastered, topics, TODAY) == pytest.approx(0.25 * item_weight(weak, None, topics, TODAY))
    pool = [weak, strong, Candidate("seen", ("graphs",))]
    counts: Counter[str] = Counter()
    rng = random.Random(7)
    for _ in range(2000):
        counts.update(choose(pool, {"seen": fresh}, topics, TODAY, 1, rng))
    assert counts["weak"] > counts["strong"] > counts["seen"]
    two = choose(pool, {}, topics, TODAY, 5, random.Random(1))
    assert sorted(two) == ["seen", "strong", "weak"]  # distinct, capped by the pool


def test_formats_and_clock() -> None:
    assert [s.area for s in formats.specs("phone_screen")] == ["coding", "theory"]
    assert len(formats.specs("onsite", ["coding", "coding", "theory", "design", "behavioral"], 50)) == 5
    with pytest.raises(BadInputError, match="4 or 5"):
        formats.specs("onsite", ["coding", "theory"])
    with pytest.raises(BadInputError, match="not installed"):
        formats.specs("onsite", ["coding", "theory", "design", "behavioral"], available={"coding", "theory"})
    with pytest.raises(BadInputError, match="not a mock format"):
        formats.specs("final_round")
    t0 = datetime(2026, 11, 30, 10, tzinfo=UTC)
    iv = formats.run({"minutes": 30, "elapsed_s": 0.0, "running_since": None}, t0)
    paused = formats.pause(iv, t0 + timedelta(minutes=10))
    assert paused["elapsed_s"] == 600 and paused["running_since"] is None
    # time while paused does not count
    assert formats.remaining(paused, t0 + timedelta(hours=5)) == 1200
    again = formats.run(paused, t0 + timedelta(hours=5))
    assert formats.remaining(again, t0 + timedelta(hours=5, minutes=25)) == -300


def test_intuition_advice_names_only_the_answers_that_lack_it() -> None:
    # Q1 has an intuition but no example, Q2 the other way round: "Intuition in 1 of 2 answers" must not sit
    # next to advice that reads as "add an intuition to both".
    base = {"score": 70, "key_points": [{"text": "a", "covered": True}], "misconceptions": []}
    q1 = {**base, "has_intuition": True, "has_example": False}
    q2 = {**base, "has_intuition": False, "has_example": True}
    card = {r["id"]: r for r in scorecard.theory_card([q1, q2], ["Dropout", "Batch norm"])}
    evidence = card["intuition_and_examples"]["evidence"]
    assert evidence[0] == "Intuition in 1 of 2 answers, a concrete example in 1."
    assert "Add an intuition to: Batch norm." in evidence
    assert "Add a concrete example to: Dropout." in evidence
    assert not any("Dropout" in e and "intuition" in e.lower() for e in evidence[1:])
    both = {**base, "has_intuition": True, "has_example": True}
    full = {r["id"]: r for r in scorecard.theory_card([both, both], ["A", "B"])}
    assert full["intuition_and_examples"]["evidence"] == ["Intuition in 2 of 2 answers, a concrete example in 2."]
