"""Story-to-question coverage with the real embedder: suggestions follow the story's content."""

from __future__ import annotations

from typing import Any

from loopcoach.areas.behavioral.coverage import StoryRef, build_coverage, detect_competencies, question_text
from loopcoach.config import Settings
from loopcoach.content.loader import load_bank

CONFLICT = ("A senior colleague wanted to ship a ranking model because offline NDCG improved, and I disagreed. "
            "I met him one on one, showed that the gain came from rare queries, and proposed an A/B test. "
            "The test showed no online gain, so we did not ship, and we still work well together.")
LATENCY = ("Our fraud model added 300 ms to checkout. I was asked to cut latency. I cached features in Redis "
           "and served the model with ONNX. Latency fell from 300 to 45 ms.")
LEARNING = ("I moved to a genomics company knowing no biology. I read the team's key papers with a glossary, "
            "rewrote the data loaders to learn the formats, and asked a scientist questions every Friday. "
            "In two months I shipped features that raised AUC by 0.04.")


def test_detect_competencies() -> None:
    assert "conflict" in detect_competencies(CONFLICT)
    assert "learning" in detect_competencies(LEARNING)
    assert "impact" in detect_competencies(LATENCY)


def test_suggestions_follow_content(embedder: Any, model_settings: Settings) -> None:
    questions = load_bank("behavioral", model_settings).items
    stories = [StoryRef(1, "Ranking launch disagreement", CONFLICT), StoryRef(2, "Fraud latency", LATENCY),
               StoryRef(3, "Learning genomics", LEARNING)]
    cov = build_coverage(stories, questions, embedder.encode([s.text for s in stories]),
                         embedder.encode([question_text(q) for q in questions]))
    best = {q.id: cov.by_question[q.id][0].story_id for q in questions}
    assert best["conflict-teammate-disagreement"] == 1
    assert best["impact-cost-latency"] == 2
    assert best["learning-new-technology"] == 3
    assert cov.suggestion("conflict-teammate-disagreement") is not None
    assert any(m.question_id == "conflict-teammate-disagreement" for m in cov.by_story[1])
    assert "motivation" in cov.uncovered


def test_tags_add_a_competency(embedder: Any, model_settings: Settings) -> None:
    questions = [q for q in load_bank("behavioral", model_settings).items if q.competency == "customer-focus"]
    plain = [StoryRef(2, "Fraud latency", LATENCY)]
    tagged = [StoryRef(2, "Fraud latency", LATENCY, ("customer-focus",))]
    vs, vq = embedder.encode([LATENCY]), embedder.encode([question_text(q) for q in questions])
    a, b = build_coverage(plain, questions, vs, vq), build_coverage(tagged, questions, vs, vq)
    q = questions[0].id
    assert b.by_question[q][0].score > a.by_question[q][0].score
    assert "customer-focus" in b.story_competencies[2]
