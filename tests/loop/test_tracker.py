"""Application tracker: service validation, the CLI contract and the web board."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError
from loopcoach.services import tracker
from loopcoach.services.context import AppContext


def test_add_validates_and_parses_contacts(ctx: AppContext) -> None:
    a = tracker.add(ctx, " Acme AI ", "ML Engineer", "Phone screen", "2026-11-01", "We use PyTorch.",
                    "Dana Lee <dana@acme.ai>, recruiter\n\nSam Roe, hiring manager", "", "Send thanks", "2026-11-03")
    assert a["company"] == "Acme AI" and a["stage"] == "phone_screen" and a["stage_label"] == "Phone screen"
    assert a["contacts"] == [{"name": "Dana Lee", "email": "dana@acme.ai", "role": "recruiter"},
                             {"name": "Sam Roe", "email": "", "role": "hiring manager"}]
    assert tracker.contacts_text(a["contacts"]) == "Dana Lee <dana@acme.ai>, recruiter\nSam Roe, hiring manager"
    with pytest.raises(EmptyInputError):
        tracker.add(ctx, "  ", "ML Engineer")
    with pytest.raises(BadInputError, match="not a date"):
        tracker.add(ctx, "X", "Y", applied_on="01/11/2026")
    with pytest.raises(NotFoundError, match="not a stage"):
        tracker.add(ctx, "X", "Y", stage="interviewing")
    with pytest.raises(NotFoundError):
        tracker.show(ctx, 999)


def test_move_records_history_and_board_groups(ctx: AppContext) -> None:
    a = tracker.add(ctx, "Acme", "MLE")
    b = tracker.add(ctx, "Beta", "Research Engineer")
    moved = tracker.move(ctx, a["id"], "onsite")
    assert moved["stage"] == "onsite"
    assert [h["stage"] for h in moved["history"]] == ["onsite"] and moved["history"][0]["from"] == "applied"
    columns = {c["stage"]: [x["company"] for x in c["cards"]] for c in tracker.board(ctx)}
    assert list(columns) == ["applied", "recruiter_screen", "phone_screen", "onsite", "offer", "rejected",
                             "withdrawn"]
    assert columns["onsite"] == ["Acme"] and columns["applied"] == ["Beta"]
    tracker.delete(ctx, b["id"])
    assert [x["company"] for x in tracker.list_all(ctx)] == ["Acme"]


def test_cli_add_list_move_show(cli: Any, tmp_path: Path) -> None:
    jd = tmp_path / "jd.txt"
    jd.write_text("Build RAG systems with PyTorch and LLMs.")
    r = cli("apps", "add", "Acme", "LLM Engineer", "--job", str(jd), "--contact", "Dana <d@acme.ai>, recruiter",
            "--next", "Prepare pitch", "--next-on", "2026-12-01", "--json")
    assert r.exit_code == 0, r.stderr
    app = json.loads(r.stdout)["application"]
    assert app["job_description"].startswith("Build RAG") and app["contacts"][0]["email"] == "d@acme.ai"
    r = cli("apps", "move", str(app["id"]), "recruiter_screen", "--json")
    assert json.loads(r.stdout)["application"]["stage"] == "recruiter_screen"
    r = cli("apps", "list", "--json")
    listed = json.loads(r.stdout)["applications"]
    assert [(x["company"], x["stage"]) for x in listed] == [("Acme", "recruiter_screen")]
    r = cli("apps", "show", str(app["id"]), "--json")
    assert json.loads(r.stdout)["application"]["history"][0]["stage"] == "recruiter_screen"
    r = cli("apps", "show", str(app["id"]))
    assert "Acme" in r.stdout and "Prepare pitch" in r.stdout


def test_cli_bad_input_is_one_sentence_exit_2(cli: Any, tmp_path: Path) -> None:
    r = cli("apps", "show", "42", "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "not_found"
    assert "Traceback" not in r.stderr and r.stderr.startswith("Error: ")
    r = cli("apps", "move", "1", "nowhere")
    assert r.exit_code == 2
    binary = tmp_path / "jd.bin"
    binary.write_bytes(b"\x00\x01\x02")
    r = cli("apps", "add", "Acme", "MLE", "--job", str(binary), "--json")
    assert r.exit_code == 2 and json.loads(r.stdout)["error"]["code"] == "binary_input"
    r = cli("apps", "add", "Acme", "MLE", "--applied-on", "yesterday", "--json")
    assert r.exit_code == 2 and "YYYY-MM-DD" in json.loads(r.stdout)["error"]["message"]
    assert json.loads(cli("apps", "list", "--json").stdout) == {"applications": []}


def test_web_board_detail_move_and_escaping(client: TestClient, ctx: AppContext) -> None:
    page = client.get("/applications")
    assert page.status_code == 200 and "Add an application" in page.text
    r = client.post("/applications", data={"company": "<script>alert(1)</script>", "role": "MLE",
                                           "stage": "applied", "job_description": "PyTorch, RAG"},
                    follow_redirects=False)
    assert r.status_code == 303
    detail = client.get(r.headers["location"])
    assert "<script>alert(1)</script>" not in detail.text and "&lt;script&gt;" in detail.text
    app_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert f'href="/resume?application={app_id}"' in detail.text
    assert "Check my resume against this job" in detail.text
    moved = client.post(f"/applications/{app_id}/move", data={"stage": "offer"}, headers={"HX-Request": "true"})
    assert moved.status_code == 200 and 'data-stage="offer"' in moved.text
    assert tracker.show(ctx, app_id)["stage"] == "offer"
    saved = client.post(f"/applications/{app_id}", data={"company": "Acme", "role": "MLE", "notes": "Great team",
                                                         "contacts": "Dana <d@acme.ai>, recruiter",
                                                         "next_action_on": "2026-12-02"})
    assert saved.status_code == 200 and "Saved." in saved.text and "Great team" in saved.text
    bad = client.post(f"/applications/{app_id}", data={"company": "Acme", "role": "MLE", "applied_on": "soon"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    assert client.get("/applications/9999").status_code == 404
    refused = client.request("POST", f"/applications/{app_id}/move", data={"stage": "applied"}, csrf=False)
    assert refused.status_code == 403
