"""Design pages in-process: listing, session posts with CSRF, escaping, errors, report."""

from __future__ import annotations

from typing import Any

import pytest

from .design_labelled import load_cases


def _start(client: Any, prompt_id: str = "hate-speech-detection") -> str:
    r = client.post("/design/sessions", data={"prompt_id": prompt_id, "minutes": 45}, follow_redirects=False)
    assert r.status_code == 303
    return str(r.headers["location"])


def test_index_lists_prompts_by_category(client: Any) -> None:
    r = client.get("/design")
    assert r.status_code == 200
    for text in ("Hate speech detection on a social platform", "Moderation", "LLM applications", "Start 45 min"):
        assert text in r.text


def test_posts_need_the_csrf_token(client: Any) -> None:
    r = client.request("POST", "/design/sessions", data={"prompt_id": "hate-speech-detection"}, csrf=False,
                       follow_redirects=False)
    assert r.status_code == 403
    wrong = client.request("POST", "/design/sessions", data={"prompt_id": "hate-speech-detection"}, csrf=False,
                           headers={"X-CSRF-Token": "forged"}, follow_redirects=False)
    assert wrong.status_code == 403


def test_unknown_prompt_and_session_are_404(client: Any) -> None:
    r = client.post("/design/sessions", data={"prompt_id": "nope"}, follow_redirects=False)
    assert r.status_code == 404 and "There is no design prompt" in r.text
    assert client.get("/design/sessions/999").status_code == 404


@pytest.mark.model
def test_session_flow_escapes_user_text(client: Any) -> None:
    url = _start(client)
    page = client.get(url)
    assert page.status_code == 200 and 'id="timer"' in page.text and "mermaid.min.js" in page.text
    hx = {"HX-Request": "true"}
    r = client.post(f"{url}/ask", data={"question": "<script>alert(1)</script> how many posts per day?"},
                    headers=hx)
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;" in r.text
    assert "500 million" in r.text
    empty = client.post(f"{url}/ask", data={"question": "  "}, headers=hx)
    assert "empty" in empty.text
    saved = client.post(f"{url}/notes", data={"notes": "## Clarify\n- assume 300M users"}, headers=hx)
    assert saved.status_code == 200 and "Saved at" in saved.text
    bad = client.post(f"{url}/finish", data={"notes": ""}, headers=hx)
    assert bad.status_code == 400 and "empty" in bad.text
    notes = next(c for c in load_cases() if c.name == "hate-speech-complete").answer
    notes += "\n<img src=x onerror=alert(2)>\n"
    done = client.post(f"{url}/finish", data={"notes": notes}, headers=hx)
    assert done.status_code == 204 and done.headers["hx-redirect"] == f"{url}/report"
    report = client.get(f"{url}/report")
    assert report.status_code == 200
    assert "Reference outline" in report.text and "Hiring rubric" in report.text
    assert "onerror=alert(2)" not in report.text.replace("&lt;img src=x onerror=alert(2)&gt;", "")
    assert client.get(url, follow_redirects=False).headers["location"] == f"{url}/report"
    after = client.post(f"{url}/ask", data={"question": "How many users?"}, headers=hx)
    assert "finished" in after.text
