"""Story analysis on tricky cases: missing parts, unmeasured results, 'we', long context, vagueness."""

from __future__ import annotations

import pytest

from loopcoach.areas.behavioral.analysis import analyse_story, speaking_seconds
from loopcoach.areas.behavioral.labeller import StarLabeller
from loopcoach.errors import EmptyInputError

GREAT = (
    "At a payments startup, our fraud model ran inside checkout and added 300 milliseconds to every purchase. "
    "I was asked to bring p99 latency under 80 milliseconds without losing recall. "
    "I profiled the service and found that most of the time went into three database calls for features. "
    "I moved those features into a Redis cache refreshed by a nightly job. "
    "I converted the model to ONNX and served it in the same process as the API. "
    "I replayed a week of traffic through both versions to check that the scores matched. "
    "The p99 latency dropped from 300 to 45 milliseconds and recall stayed within half a point."
)


def ids(analysis: object) -> list[str]:
    return [issue.id for issue in analysis.issues]  # type: ignore[attr-defined]


def test_contract_fields(labeller: StarLabeller) -> None:
    d = analyse_story(GREAT, labeller).to_dict()
    assert set(d) >= {"sentences", "components", "quantified_result", "first_person", "words",
                      "speaking_seconds", "score", "feedback"}
    assert set(d["components"]) == {"situation", "task", "action", "result"}
    assert all(s["label"] in {"situation", "task", "action", "result", "other"} for s in d["sentences"])
    assert isinstance(d["score"], int) and 0 <= d["score"] <= 100
    assert d["components"] == {"situation": True, "task": True, "action": True, "result": True}
    assert d["quantified_result"] is True
    assert d["first_person"] == {"i": 4, "we": 0}
    assert d["words"] == len(GREAT.split())
    assert d["speaking_seconds"] == speaking_seconds(d["words"]) == round(d["words"] * 0.4, 1)
    start, end = d["sentences"][1]["start"], d["sentences"][1]["end"]
    assert GREAT[start:end] == d["sentences"][1]["text"]


def test_no_result(labeller: StarLabeller) -> None:
    text = ("Our support team read long threads before every call. I was asked to summarise threads with a "
            "language model. I wrote a prompt that asked for the problem and the open question. "
            "I built an evaluation set of 200 threads and compared three prompts on it.")
    a = analyse_story(text, labeller)
    assert a.components["result"] is False
    assert a.quantified_result is False
    assert ids(a)[0] == "missing_result"


def test_unquantified_result_points_at_the_sentence(labeller: StarLabeller) -> None:
    text = ("Our image tagging model was slow on phones. I had to make it faster. "
            "I quantised the model to int8 and pruned the last two layers. "
            "It became much faster and users were happier.")
    a = analyse_story(text, labeller)
    assert a.components["result"] and not a.quantified_result
    issue = next(i for i in a.issues if i.id == "unquantified_result")
    assert issue.sentences == (3,)
    assert "sentence 4" in issue.message


def test_we_heavy_action(labeller: StarLabeller) -> None:
    text = ("Our embedding search was too slow at peak. The team had to get it under 100 milliseconds. "
            "We looked at options and we chose an approximate index. We switched to HNSW and we tuned it. "
            "Latency went from 400 to 70 milliseconds.")
    a = analyse_story(text, labeller)
    assert a.first_person["we"] > a.first_person["i"]
    assert "we_heavy" in ids(a)


def test_rambling_situation(labeller: StarLabeller) -> None:
    text = ("So this was at my second job, an online furniture shop that had grown out of catalogue sales. "
            "The company had been around for ten years and the data team had only four people. "
            "We reported to the head of marketing rather than to engineering, which was unusual. "
            "There was a lot of legacy code written in R by a contractor who had left years before. "
            "The recommendation widget was one of those pieces and nobody understood how it worked. "
            "I was asked to replace it. I trained an item-to-item model on co-purchase data. "
            "Click-through on the widget doubled.")
    a = analyse_story(text, labeller)
    assert a.shares["situation"] > 0.5
    issue = next(i for i in a.issues if i.id == "long_situation")
    assert issue.sentences[:5] == (0, 1, 2, 3, 4)


def test_vague_phrase_feedback_names_the_sentence(labeller: StarLabeller) -> None:
    text = ("There was a big migration to a new warehouse at my last company. "
            "I helped with the migration of some pipelines. It was a success overall.")
    a = analyse_story(text, labeller)
    assert ("helped with", 1) in a.vague
    assert any("'helped with' (sentence 2)" in m for m in a.feedback)


def test_score_orders_good_above_weak(labeller: StarLabeller) -> None:
    weak = ("We had a new ranking model. We needed to test it. We set up an A/B test and looked at results. "
            "We were involved in a lot of meetings. In the end it went well and we launched it.")
    assert analyse_story(GREAT, labeller).score > analyse_story(weak, labeller).score + 25


def test_length_feedback(labeller: StarLabeller) -> None:
    assert "too_short" in ids(analyse_story(GREAT, labeller))
    long_text = " ".join([GREAT] * 5)
    a = analyse_story(long_text, labeller)
    assert a.speaking_seconds > 180 and "too_long" in ids(a)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_story_is_refused(labeller: StarLabeller, text: str) -> None:
    with pytest.raises(EmptyInputError):
        analyse_story(text, labeller)


def test_single_sentence_and_bullets(labeller: StarLabeller) -> None:
    a = analyse_story("I rewrote the loader.", labeller)
    assert len(a.sentences) == 1 and 0 <= a.score <= 100
    bullets = "- Context: our batch job took nine hours.\n- I rewrote it in Spark.\n- It now takes two hours."
    b = analyse_story(bullets, labeller)
    assert [s.label for s in b.sentences] == ["situation", "action", "result"]
