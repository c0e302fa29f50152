"""Services: the cached labeller, the versioned story bank, practice, pitch and recruiter notes, all stored."""

from __future__ import annotations

import numpy as np
import pytest

from loopcoach.areas.behavioral.dataset import training_stories
from loopcoach.areas.behavioral.labeller import fit_labeller
from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError, TooLargeError
from loopcoach.services import behavioral, pitch
from loopcoach.services.context import AppContext

STORY = ("Our nightly scoring job for 50 million users took nine hours. I owned the job and had to get it under "
         "four hours. I rewrote the scoring step in Spark and removed a needless shuffle. The job now finishes "
         "in two hours and fifty minutes.")
BETTER = STORY.replace("I rewrote", "I profiled the stages, found that one join shuffled all the data, and "
                       "rewrote") + " That freed the cluster for the morning reports, which now arrive 3 hours earlier."


def test_shipped_labeller_is_current_and_used_without_fitting(monkeypatch: pytest.MonkeyPatch,
                                                              ctx: AppContext) -> None:
    shipped = behavioral.shipped_labeller()
    assert shipped is not None
    assert shipped[0] == behavioral.labeller_key(), "stale: run tools/fit_star_labeller.py"
    fresh = fit_labeller(training_stories())
    assert np.allclose(shipped[1].weights, fresh.weights, atol=1e-6)
    assert np.allclose(shipped[1].log_trans, fresh.log_trans)
    monkeypatch.setattr(behavioral, "_LABELLERS", {})
    monkeypatch.setattr(behavioral, "fit_labeller", lambda *a, **k: pytest.fail("fitted despite the shipped file"))
    assert np.array_equal(behavioral.get_labeller(ctx).weights, shipped[1].weights)


def test_a_stale_shipped_labeller_is_refitted(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(behavioral, "_LABELLERS", {})
    monkeypatch.setattr(behavioral, "labeller_key", lambda: "star-features-0-changed")
    fitted: list[int] = []
    real_fit = behavioral.fit_labeller
    monkeypatch.setattr(behavioral, "fit_labeller", lambda stories: fitted.append(1) or real_fit(stories))
    labeller = behavioral.get_labeller(ctx)
    assert fitted == [1] and labeller.weights.shape[0] == 5


def test_check_story_is_stored(ctx: AppContext) -> None:
    result = behavioral.check_story(ctx, STORY)
    attempts = ctx.store.list_attempts(area="behavioral")
    assert len(attempts) == 1 and attempts[0].score == result["score"]
    assert attempts[0].input_text == STORY


def test_story_versions(ctx: AppContext) -> None:
    story = behavioral.add_story(ctx, "  Batch   scoring ", STORY, ["ownership", "impact"])
    assert story["title"] == "Batch scoring" and story["versions"] == 1 and story["tags"] == ["ownership", "impact"]
    revised = behavioral.revise_story(ctx, story["id"], BETTER)
    assert revised["versions"] == 2
    assert [h["version"] for h in revised["history"]] == [1, 2]
    assert behavioral.story_version(ctx, story["id"], 1)["text"] == STORY
    assert revised["text"] == BETTER
    assert behavioral.list_stories(ctx)["stories"][0]["versions"] == 2
    with pytest.raises(NotFoundError):
        behavioral.story_version(ctx, story["id"], 9)
    with pytest.raises(NotFoundError):
        behavioral.revise_story(ctx, 999, BETTER)


def test_bad_story_input(ctx: AppContext) -> None:
    with pytest.raises(EmptyInputError):
        behavioral.add_story(ctx, "", STORY)
    with pytest.raises(EmptyInputError):
        behavioral.add_story(ctx, "Title", "   ")
    with pytest.raises(TooLargeError):
        behavioral.check_story(ctx, "I did it. " * 5000)
    with pytest.raises(BadInputError, match="competency"):
        behavioral.add_story(ctx, "Title", STORY, ["charisma"])
    assert behavioral.list_stories(ctx)["stories"] == []


def test_practice_saves_a_new_version(ctx: AppContext) -> None:
    story = behavioral.add_story(ctx, "Batch scoring", STORY)
    out = behavioral.submit_practice(ctx, "impact-cost-latency", BETTER, 95.5, story["id"])
    assert out["seconds"] == 95.5 and out["story"]["versions"] == 2
    assert out["question"]["id"] == "impact-cost-latency"
    practice = [a for a in ctx.store.list_attempts(area="behavioral") if a.meta.get("kind") == "practice"]
    assert practice[0].item_id == "impact-cost-latency" and practice[0].started_at is not None
    assert behavioral.practice_history(ctx)[0]["seconds"] == 95.5
    with pytest.raises(NotFoundError):
        behavioral.submit_practice(ctx, "no-such-question", BETTER)


def test_pick_question(ctx: AppContext) -> None:
    assert behavioral.pick_question(ctx, competency="conflict", seed=1).competency in {"conflict"} | set(
        behavioral.pick_question(ctx, competency="conflict", seed=1).also)
    assert behavioral.pick_question(ctx, "motivation-why-company").id == "motivation-why-company"
    with pytest.raises(BadInputError):
        behavioral.list_questions(ctx, "charisma")


def test_pitch_and_recruiter_notes(ctx: AppContext) -> None:
    result = pitch.check_pitch(ctx, "I built a churn model that cut churn by 2 points. I loved the project.")
    assert ctx.store.list_attempts(area="pitch")[0].score == result["score"]
    pitch.save_background(ctx, "Physics, then three years of ML engineering.")
    assert pitch.background(ctx).startswith("Physics")
    pitch.save_company_note(ctx, "  Acme  Robotics ", "Their warehouse robots use the vision models I work on.")
    assert pitch.company_notes(ctx)[0]["company"] == "Acme Robotics"
    with pytest.raises(EmptyInputError):
        pitch.save_company_note(ctx, "Acme", " ")
    pitch.delete_company_note(ctx, "Acme Robotics")
    assert pitch.company_notes(ctx) == []
    with pytest.raises(NotFoundError):
        pitch.delete_company_note(ctx, "Acme Robotics")


def test_salary_worksheet_uses_only_the_candidates_numbers(ctx: AppContext) -> None:
    empty = pitch.salary(ctx)
    assert empty["derived"]["current_total"] is None and empty["worksheet"]["target_base"] is None
    sheet = pitch.save_salary(ctx, {"current_base": "100,000", "current_bonus": "10000", "target_base": "115000",
                                    "minimum_base": "120000", "currency": "EUR"})
    assert sheet["derived"]["current_total"] == 110000
    assert sheet["derived"]["raise_percent"] == 15.0
    assert any("walk-away" in c for c in sheet["derived"]["checks"])
    with pytest.raises(BadInputError, match="current_base"):
        pitch.save_salary(ctx, {"current_base": "lots"})
    assert pitch.salary(ctx)["worksheet"]["current_base"] == 100000
