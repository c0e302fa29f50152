"""Isolation in group mode, route by route: no account reads or changes another's data.

The walk takes every route the app serves (``app.routes``, so a route added
later is walked too) and sends it, signed in as another account, with the ids,
tokens and names of alice's data in its path, query and form. Nothing alice
wrote (each piece carries ``CANARY``) may appear in any answer, every route
that names one of her records must answer 404 after reaching its handler, and
her rows must be exactly as they were afterwards. A route whose path parameter
the walk does not know, or an unsafe route on her records without a sample
body, fails the test until it is added here: that is the point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from starlette.routing import Mount
from starlette.websockets import WebSocketDisconnect

from loopcoach.services import accounts, behavioral, design, loop, peer, pitch, plan, tracker
from loopcoach.services.context import AppContext
from loopcoach.store.work import WorkStore
from loopcoach.web.auth import is_public
from loopcoach.web.routes.peer import HOST_COOKIE
from tests.accounts.conftest import as_user
from tests.conftest import CSRFClient

CANARY = "CANARY-alice-5b1f"
STORY = (f"In my last role our nightly training job kept failing ({CANARY}). I owned the fix: I profiled the "
         "loader, I rewrote the sharding and I added a retry. As a result failures fell from 9 a week to 0.")
# Path parameters naming alice's records, by the prefix of the route that takes them.
OWNED_PARAMS = {"app_id", "session_id", "story_id", "token", "attempt_id", "name", "work_id", "spoken_id"}


def walk_routes(app: Any) -> Iterator[Any]:
    """Every route of the app, through included routers."""
    stack = list(app.routes)
    while stack:
        route = stack.pop(0)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            stack[:0] = list(inner.routes)
        else:
            yield route


@pytest.fixture
def alice(group_ctx: AppContext, signed_in: Callable[[str], CSRFClient]) -> dict[str, Any]:
    """alice's data in every area that stores any, each piece carrying CANARY; nora (her coach) is the peer guest."""
    a = as_user(group_ctx, "alice")
    story_id = behavioral.add_story(a, f"Pipeline story {CANARY}", STORY)["id"]
    app_id = tracker.add(a, f"Acme {CANARY}", "ML Engineer", notes=CANARY, job_description=f"PyTorch {CANARY}")["id"]
    pitch.save_background(a, f"My background {CANARY}")
    pitch.save_company_note(a, "Acme", f"Why Acme {CANARY}")
    design_id = design.start_session(a, "hate-speech-detection")
    design.save_notes(a, design_id, f"Clarify the labels first {CANARY}")
    loop_id = loop.start(a, "phone_screen", seed=3)["id"]
    loop.save_answer(a, loop_id, 0, "answer", f"My answer {CANARY}")
    resume = f"# Alice\nalice@example.org\n\n## Experience\n- Cut latency by 40% {CANARY}\n".encode()
    uploaded = signed_in("alice").post("/resume/check", files={"resume": ("resume.md", resume, "text/markdown")})
    assert uploaded.status_code == 200  # through the web: the saved HTML report is the web's
    attempt_id = a.store.list_attempts(area="resume")[0].id
    started = peer.start(a, "coding", "two-sum")
    peer.update_pad(a, started["token"], "code", f"# {CANARY}\nclass Solution: pass\n")
    peer.mark_joined(as_user(group_ctx, "nora"), started["token"])
    plan.save_settings(a, (date.today() + timedelta(days=60)).isoformat(), 10)
    spoken_id = a.store.add_spoken("pitch", f"My spoken pitch {CANARY}", {"wpm": 140}, audio=b"RIFF" + CANARY.encode(),
                                   audio_name="pitch.wav")
    work = WorkStore(group_ctx.store.engine)
    work_id = work.create(a.store.user_id, "coding_submission", "two-sum", {"source": f"# {CANARY}"})
    work.finish(work_id, {"verdict": "wrong_answer", "message": f"got {CANARY}"}, None)
    return {"work_id": work_id, "account": a.account, "story_id": story_id, "app_id": app_id, "design_id": design_id,
            "loop_id": loop_id, "attempt_id": attempt_id, "token": started["token"], "key": started["host_key"],
            "spoken_id": spoken_id}


def path_values(path: str, data: dict[str, Any]) -> dict[str, str]:
    """alice's value for each parameter of a route path."""
    values = {"problem_id": "two-sum", "app_id": data["app_id"], "story_id": data["story_id"],
              "attempt_id": data["attempt_id"], "token": data["token"], "name": "alice", "action": "pause",
              "work_id": data["work_id"], "spoken_id": data["spoken_id"],
              "session_id": data["loop_id"] if path.startswith("/loop/") else data["design_id"]}
    return {k: str(v) for k, v in values.items()}


def samples(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Form bodies that pass validation, so a request on alice's records reaches the handler's check."""
    return {
        ("POST", "/applications/{app_id}"): {"company": "Evil", "role": "x", "notes": "overwritten"},
        ("POST", "/applications/{app_id}/move"): {"stage": "offer"},
        ("POST", "/applications/{app_id}/delete"): {},
        ("POST", "/design/sessions/{session_id}/ask"): {"question": "How many users?"},
        ("POST", "/design/sessions/{session_id}/notes"): {"notes": "overwritten"},
        ("POST", "/design/sessions/{session_id}/finish"): {"notes": "overwritten"},
        ("POST", "/loop/{session_id}/save"): {"item": "0", "answer": "overwritten"},
        ("POST", "/loop/{session_id}/ask"): {"item": "0", "question": "Is the input sorted?"},
        ("POST", "/loop/{session_id}/run"): {"item": "0", "answer": "print(1)", "input": "1"},
        ("POST", "/loop/{session_id}/{action}"): {},
        ("POST", "/behavioral/stories/{story_id}"): {"title": "overwritten", "text": STORY.replace(CANARY, "x")},
        ("POST", "/behavioral/stories/{story_id}/delete"): {},
        ("POST", "/speech/history/{spoken_id}/delete"): {"what": "answer"},
        ("POST", "/interview/design/{session_id}"): {"reply": "I would monitor it."},
        ("POST", "/peer/{token}/feedback"): {"key": data["key"], "problem_solving": "1", "code_quality": "1",
                                              "complexity_analysis": "1", "communication": "1",
                                              "signal": "no_hire", "comments": "overwritten"},
        ("POST", "/signup/{token}"): {"password": "a takeover password", "repeat": "a takeover password"},
        ("POST", "/behavioral/recruiter/company/delete"): {"company": "Acme"},
        ("POST", "/behavioral/practice"): {"question_id": "conflict-with-teammate", "text": "x",
                                           "story_id": str(data["story_id"])},
        # The admin's forms, which would hand over alice's account: refused to everyone else.
        ("POST", "/admin/users"): {"name": "mallory", "role": "admin"},
        ("POST", "/admin/users/link"): {"name": "alice"},
        ("POST", "/admin/users/disable"): {"name": "alice"},
    }


def queries(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, str]]:
    """Query parameters that name alice's records."""
    return {("GET", "/resume"): {"application": str(data["app_id"])},
            ("GET", "/behavioral/stories/{story_id}"): {"version": "1"}}


def alice_rows(ctx: AppContext, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row that belongs to alice, table by table."""
    tables = ctx.store.export_all()["tables"]
    own = {name: [r for r in rows if r.get("user_id") == user_id] for name, rows in tables.items()
           if rows and "user_id" in rows[0]}
    stories = {r["id"] for r in own.get("stories", [])}
    cards = {r["id"] for r in own.get("review_cards", [])}
    own["story_versions"] = [r for r in tables["story_versions"] if r["story_id"] in stories]
    own["review_logs"] = [r for r in tables["review_logs"] if r["card_id"] in cards]
    own["users"] = [r for r in tables["users"] if r["id"] == user_id]
    return own


def _call(client: CSRFClient, method: str, url: str, params: dict[str, str], body: dict[str, Any]) -> Any:
    if method == "GET":
        return client.get(url, params=params, follow_redirects=False)
    return client.request(method, url, params=params, data=body, follow_redirects=False)


def _owned(route_path: str) -> bool:
    return any(f"{{{p}}}" in route_path for p in OWNED_PARAMS) and not route_path.startswith("/signup/")


@pytest.mark.parametrize("intruder", ["bob", "carol", "sam"])
def test_no_route_shows_or_changes_another_accounts_data(group_ctx: AppContext, group_app: Any, alice: dict[str, Any],
                                                         signed_in: Callable[[str], CSRFClient],
                                                         intruder: str) -> None:
    """bob shares alice's cohort, carol does not, sam coaches another cohort: none of them gets in."""
    before = alice_rows(group_ctx, alice["account"].id)
    client = signed_in(intruder)
    client.cookies.set(HOST_COOKIE + alice["token"], alice["key"])  # even alice's host key opens nothing
    bodies, query = samples(alice), queries(alice)
    walked = 0
    # Signing out ends the intruder's session: walk it last.
    for route in sorted(walk_routes(group_app), key=lambda r: r.path == "/signout"):
        if isinstance(route, Mount):
            continue
        params = getattr(route, "param_convertors", {})
        values = path_values(route.path, alice)
        unknown = set(params) - set(values)
        assert not unknown, f"{route.path}: the isolation walk does not know the parameter(s) {unknown}; add them"
        url = route.path.format(**{k: values[k] for k in params})
        if not hasattr(route, "methods"):  # a WebSocket
            with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect(url):
                pass
            assert closed.value.code in (4401, 4403, 4404), url
            walked += 1
            continue
        for method in sorted(set(route.methods) - {"HEAD"}):
            key = (method, route.path)
            if method != "GET" and _owned(route.path):
                assert key in bodies, f"{method} {route.path} names a record: give the walk a sample body for it"
            res = _call(client, method, url, query.get(key, {}), bodies.get(key, {}))
            walked += 1
            assert res.status_code < 500, f"{method} {url} as {intruder}: {res.status_code} {res.text[:300]}"
            assert CANARY not in res.text, f"{method} {url} showed alice's data to {intruder}"
            assert CANARY not in res.headers.get("location", ""), f"{method} {url} redirected into alice's data"
            if _owned(route.path) and route.path != "/cohort/{name}":
                assert res.status_code == 404, f"{method} {url} as {intruder}: {res.status_code}, not 404"
            if route.path == "/cohort/{name}":
                assert res.status_code in (403, 404), f"{url} as {intruder}: {res.status_code}"
            if route.path.startswith("/admin/"):
                assert res.status_code == 403, f"{method} {url} as {intruder}: {res.status_code}"
    assert walked > 70
    assert alice_rows(group_ctx, alice["account"].id) == before, f"{intruder} changed alice's rows"
    assert accounts.accounts(group_ctx).find("mallory") is None


def test_alice_sees_her_own_data_on_the_same_routes(alice: dict[str, Any],
                                                    signed_in: Callable[[str], CSRFClient]) -> None:
    """The walk above could pass on a server that shows nothing: the owner does see each piece."""
    client = signed_in("alice")
    client.cookies.set(HOST_COOKIE + alice["token"], alice["key"])  # what starting the mock on the web sets
    pages = [f"/behavioral/stories/{alice['story_id']}", f"/applications/{alice['app_id']}",
             f"/design/sessions/{alice['design_id']}", f"/loop/{alice['loop_id']}",
             f"/resume/report/{alice['attempt_id']}", "/behavioral/recruiter", "/applications",
             f"/peer/{alice['token']}/host", f"/api/work/{alice['work_id']}"]
    for page in pages:
        res = client.get(page)
        assert res.status_code == 200 and CANARY in res.text, page


def test_every_route_needs_a_signed_in_account(group_app: Any) -> None:
    with CSRFClient(group_app) as stranger:
        for route in walk_routes(group_app):
            if isinstance(route, Mount) or is_public(route.path) or route.path.startswith("/signup/"):
                continue
            url = route.path.format(**dict.fromkeys(getattr(route, "param_convertors", {}), "1"))
            if not hasattr(route, "methods"):
                with pytest.raises(WebSocketDisconnect) as closed, stranger.websocket_connect(url):
                    pass
                assert closed.value.code == 4401
                continue
            for method in sorted(set(route.methods) - {"HEAD"}):
                res = _call(stranger, method, url, {}, {})
                assert res.status_code in (303, 401), f"{method} {url}: {res.status_code}"
                if res.status_code == 303:
                    assert res.headers["location"].startswith("/signin?next=")


def test_the_coach_sees_the_cohort_and_nobody_else_does(alice: dict[str, Any], group_ctx: AppContext,
                                                        signed_in: Callable[[str], CSRFClient]) -> None:
    nora, sam, bob, ada = signed_in("nora"), signed_in("sam"), signed_in("bob"), signed_in("ada")
    overview = nora.get("/api/cohort").json()
    assert [c["name"] for c in overview["candidates"]] == ["alice", "bob"]
    row = overview["candidates"][0]
    assert row["attempts"] >= 2 and row["readiness"] is not None
    assert any(m["kind"] == "peer" for m in overview["recent_mocks"])
    page = nora.get("/cohort/alice")
    assert page.status_code == 200 and "Readiness of alice" in page.text
    assert CANARY not in page.text  # the dashboard shows scores and topics, never the text of the work
    assert [c["name"] for c in sam.get("/api/cohort").json()["candidates"]] == ["carol"]
    assert sam.get("/cohort/alice").status_code == 404
    assert bob.get("/cohort").status_code == 403 and bob.get("/api/cohort").status_code == 403
    assert {c["name"] for c in ada.get("/api/cohort").json()["candidates"]} == {"alice", "bob", "carol"}
    assert nora.get("/cohort/nora").status_code == 404  # coaches are not candidates


def test_a_peer_link_opens_for_one_guest_of_the_owners_cohort(group_ctx: AppContext,
                                                             signed_in: Callable[[str], CSRFClient]) -> None:
    nora = signed_in("nora")
    made = nora.post("/peer", data={"kind": "coding", "item_id": "two-sum"}, follow_redirects=False)
    assert made.status_code == 303
    token = made.headers["location"].removeprefix("/peer/").removesuffix("/host")
    assert nora.cookies.get(HOST_COOKIE + token)  # the host key stays in nora's browser, not in the address
    link = f"/peer/{token}"
    carol, alice, bob = signed_in("carol"), signed_in("alice"), signed_in("bob")
    assert carol.get(link).status_code == 404  # another cohort
    assert alice.get(link).status_code == 200  # the first of nora's cohort becomes the guest
    assert bob.get(link).status_code == 404  # the seat is taken
    assert alice.get(link).status_code == 200
    with alice.websocket_connect(f"/ws/peer/{token}") as ws:
        assert ws.receive_json()["type"] == "presence"
        ws.send_json({"field": "code", "text": "class Solution: pass"})
    assert bob.post(f"{link}/feedback", data={"problem_solving": "1", "code_quality": "1", "complexity_analysis": "1",
                                              "communication": "1", "signal": "no_hire"}).status_code == 404
    res = nora.post(f"{link}/feedback", data={"problem_solving": "3", "code_quality": "3",
                                              "complexity_analysis": "2", "communication": "4",
                                              "signal": "lean_hire", "comments": "good"})
    assert res.status_code == 200 and "Interviewer feedback" in res.text, res.text[:300]  # back on the host page
    mine = as_user(group_ctx, "alice").store.list_attempts(area="peer")
    assert len(mine) == 1 and mine[0].result["signal"] == "lean_hire"  # the rating is the candidate's
    assert as_user(group_ctx, "nora").store.list_attempts(area="peer") == []


def test_the_admin_manages_accounts_on_the_web(group_ctx: AppContext,
                                               signed_in: Callable[[str], CSRFClient]) -> None:
    ada = signed_in("ada")
    page = ada.get("/admin/users")
    assert page.status_code == 200 and "carol" in page.text
    added = ada.post("/admin/users", data={"name": "dora", "role": "candidate", "cohort": "north"})
    assert added.status_code == 200 and "/signup/" in added.text
    assert accounts.accounts(group_ctx).get("dora").cohort == "north"
    again = ada.post("/admin/users", data={"name": "dora", "role": "candidate"})
    assert again.status_code == 400 and "There is already an account named" in again.text
    link = ada.post("/admin/users/link", data={"name": "bob"})
    assert link.status_code == 200 and "/signup/" in link.text
    assert ada.post("/admin/users/disable", data={"name": "ada"}).status_code == 400
    assert ada.post("/admin/users/disable", data={"name": "bob"}).status_code == 200
    assert accounts.accounts(group_ctx).get("bob").disabled
    nora = signed_in("nora")
    assert nora.get("/admin/users").status_code == 403
