"""Theory web pages in-process: list, drill (answer -> feedback -> rate -> next card), stats, go deep."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.model

ANSWER = (
    "Bias is error from assumptions that are too simple, so the model underfits even the training data. "
    "Variance is error from sensitivity to the training sample, so the model overfits. "
    "More complexity lowers bias and raises variance, so the best test error is in between. "
    "For example a linear model on a curved trend underfits. <script>alert(1)</script>"
)


def test_index_lists_questions_by_topic(client: Any) -> None:
    res = client.get("/theory")
    assert res.status_code == 200
    assert "Explain the bias-variance tradeoff." in res.text
    assert 'id="topic-fundamentals"' in res.text
    filtered = client.get("/theory", params={"topic": "transformers"})
    assert "attention" in filtered.text.lower() and 'id="topic-fundamentals"' not in filtered.text


def test_drill_answer_rate_next(client: Any, ctx: Any) -> None:
    page = client.get("/theory/drill", params={"q": "bias-variance-tradeoff"})
    assert page.status_code == 200 and 'name="answer"' in page.text
    res = client.post("/theory/drill/answer", data={"question_id": "bias-variance-tradeoff", "answer": ANSWER},
                      headers={"HX-Request": "true"})
    assert res.status_code == 200
    assert 'id="result"' in res.text and 'id="model-answer"' in res.text
    assert "<script>alert(1)</script>" not in res.text and "&lt;script&gt;" in res.text
    assert re.search(r'class="sent hit"', res.text)
    assert len(ctx.store.list_attempts(area="theory")) == 1
    nxt = client.post("/theory/drill/rate", data={"question_id": "bias-variance-tradeoff", "rating": "good",
                                                   "score": "70"}, headers={"HX-Request": "true"})
    assert nxt.status_code == 200 and "Scheduled" in nxt.text
    shown = re.search(r'data-question="([a-z0-9-]+)"', nxt.text)
    assert shown and shown.group(1) != "bias-variance-tradeoff"
    card = ctx.store.get_card("theory", "bias-variance-tradeoff")
    assert card is not None and ctx.store.review_logs("theory")[0][1].rating == 3


def test_empty_answer_is_an_inline_error(client: Any, ctx: Any) -> None:
    res = client.post("/theory/drill/answer", data={"question_id": "cnn-vs-rnn", "answer": "   "},
                      headers={"HX-Request": "true"})
    assert res.status_code == 200 and "flash error" in res.text
    assert ctx.store.list_attempts(area="theory") == []
    full = client.post("/theory/drill/answer", data={"question_id": "cnn-vs-rnn", "answer": ""})
    assert full.status_code == 400


def test_unknown_question_is_404(client: Any) -> None:
    assert client.get("/theory/drill", params={"q": "no-such-question"}).status_code == 404
    res = client.post("/theory/drill/answer", data={"question_id": "nope", "answer": "text"})
    assert res.status_code == 404


def test_post_without_csrf_is_refused(client: Any) -> None:
    res = client.request("POST", "/theory/drill/answer", data={"question_id": "cnn-vs-rnn", "answer": "x"},
                         csrf=False)
    assert res.status_code in (400, 403)


def test_stats_and_deep_pages(client: Any) -> None:
    assert "Mastery per topic" in client.get("/theory/stats").text
    res = client.post("/theory/deep", data={"text": "We fine-tuned a transformer with attention and used "
                                                    "retrieval-augmented generation over our docs."})
    assert res.status_code == 200
    assert "/theory/drill?deck=" in res.text and "retrieval-augmented-generation" in res.text
    assert client.post("/theory/deep", data={"text": "  "}).status_code == 400
