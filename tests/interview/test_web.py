"""The follow-up interview pages in the real app: turn by turn, re-graded, with htmx partials and full pages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from loopcoach.services import design
from loopcoach.services.context import AppContext

pytestmark = pytest.mark.model

ANSWER = "Precision is TP over TP plus FP: of the items we flagged, the share that is really positive."
RECALL_REPLY = "Recall is TP over TP plus FN: of all the real positives, the share the model catches."
HTMX = {"HX-Request": "true"}


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def test_the_drill_result_offers_the_interview(client: Any) -> None:
    r = client.post("/theory/drill/answer", data={"question_id": "precision-recall-f1", "answer": ANSWER},
                    headers=HTMX)
    assert r.status_code == 200 and 'id="start-interview"' in r.text and 'action="/interview/theory"' in r.text


def test_a_theory_interview_turn_by_turn(client: Any) -> None:
    first = client.post("/interview/theory", data={"question_id": "precision-recall-f1", "answer": ANSWER},
                        headers=HTMX)
    assert first.status_code == 200
    assert 'data-target="gap:recall-definition"' in first.text and "No language model is configured" in first.text
    assert "<html" not in first.text  # a partial for htmx
    data = {"question_id": "precision-recall-f1", "answer": ANSWER, "current_q": _hidden(first.text, "current_q"),
            "current_t": _hidden(first.text, "current_t"), "reply": RECALL_REPLY}
    second = client.post("/interview/theory", data=data, headers=HTMX)
    assert second.status_code == 200
    assert 'id="interview-covered"' in second.text and "Recall is the fraction" in second.text
    assert RECALL_REPLY in second.text and 'id="interview-grade"' in second.text
    assert 'data-target="gap:recall-definition"' not in second.text
    assert second.text.count('name="q"') == 1  # the conversation travels in the form


def test_an_empty_reply_keeps_the_thread_and_says_one_sentence(client: Any) -> None:
    first = client.post("/interview/theory", data={"question_id": "precision-recall-f1", "answer": ANSWER},
                        headers=HTMX)
    data = {"question_id": "precision-recall-f1", "answer": ANSWER, "current_q": _hidden(first.text, "current_q"),
            "current_t": _hidden(first.text, "current_t"), "reply": "   "}
    r = client.post("/interview/theory", data=data, headers=HTMX)
    assert r.status_code == 200 and "The reply to the follow-up is empty" in r.text
    assert 'data-target="gap:recall-definition"' in r.text  # the same question is still asked
    full = client.post("/interview/theory", data=data)
    assert full.status_code == 400 and "The reply to the follow-up is empty" in full.text


def test_without_javascript_the_form_gets_a_full_page(client: Any) -> None:
    r = client.post("/interview/theory", data={"question_id": "precision-recall-f1", "answer": ANSWER})
    assert r.status_code == 200 and "<html" in r.text and "Follow-up interview" in r.text


def test_unknown_question_and_broken_form_are_4xx(client: Any) -> None:
    assert client.post("/interview/theory", data={"question_id": "nope", "answer": ANSWER}).status_code == 404
    r = client.post("/interview/theory", data={"question_id": "precision-recall-f1", "answer": ANSWER, "q": "x"})
    assert r.status_code == 400 and "incomplete" in r.text


def test_a_design_report_interview(client: Any, ctx: AppContext) -> None:
    sid = design.start_session(ctx, "hate-speech-detection")
    design.finish_session(ctx, sid, "We see 500M posts per day and classify them with BERT. Measure precision.")
    report = client.get(f"/design/sessions/{sid}/report")
    assert f'action="/interview/design/{sid}"' in report.text
    r = client.post(f"/interview/design/{sid}", headers=HTMX)
    assert r.status_code == 200 and 'id="interview-question"' in r.text
    assert client.post("/interview/design/999999", headers=HTMX).status_code == 404
