"""Peer mock: tokens guard every page and socket, pads sync live, feedback reaches history."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from loopcoach.errors import BadInputError, NotFoundError
from loopcoach.services import peer
from loopcoach.services.context import AppContext


def _start(client: TestClient, kind: str = "design", item: str = "hate-speech-detection") -> tuple[str, str]:
    r = client.post("/peer", data={"kind": kind, "item_id": item, "minutes": "30"}, follow_redirects=False)
    assert r.status_code == 303
    m = re.fullmatch(r"/peer/([A-Za-z0-9_-]{43})/host", r.headers["location"])  # no key in the address
    assert m, r.headers["location"]
    token = m.group(1)
    key = client.cookies.get(f"loopcoach_host_{token}")  # the host key lives in an HttpOnly cookie
    assert key and re.fullmatch(r"[A-Za-z0-9_-]{43}", key) and "httponly" in r.headers["set-cookie"].lower()
    return token, key


def test_roles_see_different_things(client: TestClient, ctx: AppContext) -> None:
    token, key = _start(client)
    prompt = ctx.content("design").get("hate-speech-detection")
    host = client.get(f"/peer/{token}/host")
    assert host.status_code == 200 and host.headers["referrer-policy"] == "no-referrer"
    assert "Hidden facts" in host.text and "Rubric" in host.text and f"/peer/{token}" in host.text
    cand = client.get(f"/peer/{token}")
    assert cand.status_code == 200 and "you are the candidate" in cand.text
    for secret in ("Hidden facts", "Reference outline", "Rubric", key, prompt.facts[0].answer[:40]):
        assert secret not in cand.text
    assert prompt.prompt[:40] in cand.text


def test_coding_candidate_never_sees_reference(client: TestClient, ctx: AppContext) -> None:
    token, _key = _start(client, "coding", "two-sum")
    problem = ctx.content("coding").get("two-sum")
    cand = client.get(f"/peer/{token}").text
    assert problem.hints[0] not in cand and "Reference solution" not in cand
    host = client.get(f"/peer/{token}/host").text
    assert "Reference solution" in host and "class Solution" in host


def test_nobody_without_the_token(client: TestClient) -> None:
    token, key = _start(client)
    cookie = f"loopcoach_host_{token}"
    assert client.get("/peer/" + "x" * 43).status_code == 404
    assert client.get(f"/peer/{token[:-1]}").status_code == 404
    client.cookies.delete(cookie)
    assert client.get(f"/peer/{token}/host").status_code == 404
    assert client.get(f"/peer/{token}/host?key={key}").status_code == 404  # a key in the address is ignored
    client.cookies.set(cookie, token)
    assert client.get(f"/peer/{token}/host").status_code == 404
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/ws/peer/" + "y" * 43) as ws:
        ws.receive_text()
    with pytest.raises(WebSocketDisconnect), client.websocket_connect(f"/ws/peer/{token}") as ws:
        ws.receive_text()  # the wrong host key in the cookie
    client.cookies.set(cookie, key)
    with pytest.raises(WebSocketDisconnect), client.websocket_connect(f"/ws/peer/{token}", headers={"origin": "http://evil.example"}) as ws:
        ws.receive_text()
    r = client.post(f"/peer/{token}/feedback", data={"key": "nope", "signal": "hire"})
    assert r.status_code == 404


def test_pads_sync_between_sockets_and_persist(client: TestClient, ctx: AppContext) -> None:
    token, _key = _start(client)
    with client.websocket_connect(f"/ws/peer/{token}") as host:  # the host key from its cookie
        assert host.receive_json() == {"type": "presence", "count": 1}
        with client.websocket_connect(f"/ws/peer/{token}") as cand:
            assert cand.receive_json()["count"] == 2
            assert host.receive_json()["count"] == 2
            cand.send_json({"field": "notes", "text": "clarify: languages? scale?"})
            assert host.receive_json() == {"type": "pad", "field": "notes", "text": "clarify: languages? scale?"}
            host.send_json({"field": "secret", "text": "x"})
            assert host.receive_json()["type"] == "error"
            cand.send_text("not json")
            assert cand.receive_json()["type"] == "error"
    assert peer.open_session(ctx, token).state["notes"] == "clarify: languages? scale?"


def test_feedback_saved_and_pushed(client: TestClient, ctx: AppContext) -> None:
    token, key = _start(client)
    ratings = {"problem_understanding": "3", "data_and_features": "2", "modelling": "3", "deployment": "1",
               "communication": "4"}
    bad = client.post(f"/peer/{token}/feedback", data={"key": key, **ratings, "deployment": "9",
                                                       "signal": "hire"})
    assert bad.status_code == 400 and "from 1 to 4" in bad.text
    outline = ctx.content("design").get("hate-speech-detection").reference_outline
    peer.update_pad(ctx, token, "notes", outline)
    with client.websocket_connect(f"/ws/peer/{token}") as cand:
        cand.receive_json()
        r = client.post(f"/peer/{token}/feedback", data={"key": key, **ratings, "signal": "lean_no_hire",
                                                         "comments": "Skipped <monitoring>."},
                        headers={"HX-Request": "true"})
        assert r.status_code == 200 and "Lean no hire" in r.text
        pushed = cand.receive_json()
        assert pushed["type"] == "feedback" and "Lean no hire" in pushed["html"]
        assert "Skipped &lt;monitoring&gt;." in pushed["html"]
    attempt = ctx.store.list_attempts(area="peer")[0]
    design = ctx.store.list_attempts(area="design")[0]  # the automatic analysis, recorded by the design area
    assert attempt.result["analysis"] == {"tool": "design grader", "score": design.score,
                                          "missing_steps": [s["id"] for s in design.result["steps"]
                                                            if not s["covered"]]}
    assert attempt.input_text == outline
    assert attempt.score == round((3 + 2 + 3 + 1 + 4) / 20 * 100) and attempt.meta["signal"] == "lean_no_hire"
    assert attempt.result["ratings"][3] == {"id": "deployment", "label": "Deployment", "rating": 1,
                                            "words": "strong concerns"}
    with pytest.raises(BadInputError, match="finished"):
        peer.update_pad(ctx, token, "notes", "late edit")
    assert "Lean no hire" in client.get(f"/peer/{token}").text


def test_service_bad_input(ctx: AppContext) -> None:
    with pytest.raises(BadInputError):
        peer.start(ctx, "theory", "cnn-vs-rnn")
    with pytest.raises(NotFoundError):
        peer.start(ctx, "coding", "no-such-problem")
    with pytest.raises(BadInputError, match="5 to 180"):
        peer.start(ctx, "coding", "two-sum", 500)
    created = peer.start(ctx, "coding", "two-sum")
    with pytest.raises(BadInputError, match="limited"):
        peer.update_pad(ctx, created["token"], "code", "x" * 200_000)
    with pytest.raises(NotFoundError):
        peer.open_session(ctx, "")
