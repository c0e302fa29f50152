"""Web routes in-process: live analysis partial, story bank, coverage, practice, pitch, recruiter prep, CSRF."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app
from tests.conftest import local_client

STORY = ("Our nightly scoring job for 50 million users took nine hours. I owned the job and had to get it under "
         "four hours. I rewrote the scoring step in Spark and removed a needless shuffle. The job now finishes "
         "in two hours and fifty minutes.")


def test_pages_render_empty(client: TestClient) -> None:
    for url in ("/behavioral", "/behavioral/stories/new", "/behavioral/questions", "/behavioral/coverage",
                "/behavioral/practice", "/behavioral/pitch", "/behavioral/recruiter"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1>" in response.text
    assert "No stories yet" in client.get("/behavioral").text


def test_live_analysis_partial_escapes_user_text(client: TestClient) -> None:
    hostile = STORY + " <script>alert(1)</script> I owned <b>it</b>."
    response = client.post("/behavioral/analyse", data={"text": hostile}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
    labels = re.findall(r'data-label="(\w+)"', response.text)
    assert labels[:4] == ["situation", "task", "action", "result"]
    assert 'id="star-feedback"' in response.text
    empty = client.post("/behavioral/analyse", data={"text": "  "})
    assert "Start typing" in empty.text
    pitch = client.post("/behavioral/analyse", data={"text": STORY, "kind": "pitch"})
    assert 'data-cover="metric"' in pitch.text


def test_csrf_is_required(ctx: AppContext) -> None:
    with local_client(create_app(ctx=ctx)) as raw:
        raw.get("/behavioral")
        response = raw.post("/behavioral/stories", data={"title": "x", "text": STORY})
        assert response.status_code == 403
        assert ctx.store.list_stories() == []


def test_story_create_revise_delete(client: TestClient, ctx: AppContext) -> None:
    response = client.post("/behavioral/stories", data={"title": "Batch scoring", "text": STORY,
                                                        "tags": ["ownership", "impact"]}, follow_redirects=False)
    assert response.status_code == 303
    url = response.headers["location"].split("?")[0]
    page = client.get(url).text
    assert "Batch scoring" in page and "version 1 of 1" in page
    client.post(url, data={"title": "Batch scoring", "text": STORY + " The team now gets reports 3 hours earlier.",
                           "tags": ["ownership"]})
    story = ctx.store.list_stories()[0]
    assert len(ctx.store.story_versions(story.id)) == 2 and story.meta["tags"] == ["ownership"]
    assert "v1" in client.get(url).text and "v2" in client.get(url).text
    assert STORY in client.get(url + "?version=1").text
    client.post(url + "/delete")
    assert ctx.store.list_stories() == []
    assert client.get(url).status_code == 404


def test_empty_story_form_keeps_the_text(client: TestClient) -> None:
    response = client.post("/behavioral/stories", data={"title": "", "text": STORY})
    assert response.status_code == 400
    assert "short title" in response.text and "nine hours" in response.text


def test_coverage_and_practice(client: TestClient, ctx: AppContext) -> None:
    client.post("/behavioral/stories", data={"title": "Batch scoring", "text": STORY})
    cov = client.get("/behavioral/coverage").text
    assert "No story yet for" in cov and "Batch scoring" in cov
    page = client.get("/behavioral/practice?question=impact-cost-latency").text
    assert "significantly faster or cheaper" in page and 'data-timer' in page
    story_id = ctx.store.list_stories()[0].id
    result = client.post("/behavioral/practice", data={"question_id": "impact-cost-latency", "text": STORY,
                                                       "seconds": "125.4", "story_id": str(story_id)})
    assert result.status_code == 200
    assert "2:05" in result.text and "version 2" in result.text
    assert client.post("/behavioral/practice", data={"question_id": "nope", "text": STORY}).status_code == 404


def test_pitch_and_recruiter(client: TestClient, ctx: AppContext) -> None:
    client.post("/behavioral/pitch", data={"text": "I built a churn model that cut churn by 2 points."})
    assert ctx.store.list_attempts(area="pitch")
    assert "Saved pitches" in client.get("/behavioral/pitch").text
    client.post("/behavioral/recruiter/background", data={"body": "Physics, then ML engineering."})
    client.post("/behavioral/recruiter/company", data={"company": "Acme", "body": "Vision models for **robots**."})
    client.post("/behavioral/recruiter/salary", data={"current_base": "100000", "target_base": "110000",
                                                      "currency": "EUR"})
    page = client.get("/behavioral/recruiter").text
    assert "Physics, then ML engineering." in page and "<strong>robots</strong>" in page
    assert "10.0%" in page
    bad = client.post("/behavioral/recruiter/salary", data={"current_base": "a lot"})
    assert bad.status_code == 400 and "must be a number" in bad.text


def test_huge_and_binary_looking_text_in_the_editor(client: TestClient, ctx: AppContext) -> None:
    huge = client.post("/behavioral/analyse", data={"text": "I fixed the pipeline. " * 2000})
    assert huge.status_code == 200 and "the limit is 20,000" in huge.text
    refused = client.post("/behavioral/stories", data={"title": "Huge", "text": "I fixed it. " * 3000})
    assert refused.status_code == 413 and ctx.store.list_stories() == []
    assert "I fixed it. I fixed it." in refused.text and "the limit is" in refused.text
    client.post("/behavioral/stories", data={"title": "Small", "text": "I fixed the pipeline."})
    story_id = ctx.store.list_stories()[0].id
    emptied = client.post(f"/behavioral/stories/{story_id}", data={"title": "Small", "text": "  "})
    assert emptied.status_code == 400 and len(ctx.store.story_versions(story_id)) == 1
    assert client.post("/behavioral/stories/999", data={"title": "x", "text": "y"}).status_code == 404
