"""Judging on the task queue: real PostgreSQL, real `loopcoach worker` processes, a worker killed mid-job."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from loopcoach.services import accounts
from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app
from tests.accounts.conftest import PASSWORD, group_settings
from tests.accounts.test_postgres_accounts import fresh_database
from tests.conftest import CSRFClient

pytestmark = pytest.mark.postgres

ACCEPTED = """class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
"""
# Right, but slow enough (a few seconds over the whole suite) that a worker can be killed in the middle.
SLOW = ACCEPTED.replace("        seen = {}\n", "        seen = {}\n        for _ in range(400_000):\n            pass\n")


@pytest.fixture
def server(postgres_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A group-mode app on a fresh PostgreSQL database with alice and bob, and a way to start workers."""
    env = {"LOOPCOACH_HOME": str(tmp_path / "home"), "LOOPCOACH_DATABASE_URL": fresh_database(postgres_url),
           "LOOPCOACH_GROUP": "1", "LOOPCOACH_SECRET_KEY": "k" * 40}
    ctx = AppContext(group_settings(tmp_path / "home", LOOPCOACH_DATABASE_URL=env["LOOPCOACH_DATABASE_URL"]))
    for name in ("alice", "bob"):
        accounts.add_user(ctx, name, "candidate", "north", PASSWORD)
    workers: list[subprocess.Popen[bytes]] = []

    def start_worker(name: str) -> subprocess.Popen[bytes]:
        with open(tmp_path / f"{name}.log", "wb") as log:
            proc = subprocess.Popen([sys.executable, "-m", "loopcoach", "worker", "--name", name],
                                    env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=log,
                                    start_new_session=True)
        workers.append(proc)
        return proc

    try:
        yield {"ctx": ctx, "app": create_app(ctx=ctx), "start_worker": start_worker, "logs": tmp_path}
    finally:
        for proc in workers:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # the worker and its sandbox children
            proc.wait(timeout=10)
        ctx.close()


def sign_in(app: Any, name: str) -> CSRFClient:
    client = CSRFClient(app)
    client.__enter__()
    client.get("/signin")
    assert client.post("/signin", data={"name": name, "password": PASSWORD}, follow_redirects=False).status_code == 303
    return client


def wait_for(check: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def test_a_submission_is_judged_by_a_worker_and_only_its_owner_sees_it(server: dict[str, Any]) -> None:
    alice, bob = sign_in(server["app"], "alice"), sign_in(server["app"], "bob")
    page = alice.post("/coding/two-sum/submit", data={"code": ACCEPTED, "claimed_time": "O(n)"})
    assert page.status_code == 200 and 'data-status="queued"' in page.text and "hx-get=\"/coding/work/" in page.text
    work_id = int(page.text.split('hx-get="/coding/work/')[1].split('"')[0])
    assert alice.get(f"/api/work/{work_id}").json()["status"] == "queued"  # no worker yet
    server["start_worker"]("w1")
    done = wait_for(lambda: (s := alice.get(f"/api/work/{work_id}").json())["status"] == "done" and s, 120,
                    "the worker to judge the submission")
    assert done["result"]["verdict"] == "accepted" and done["result"]["passed"] == done["result"]["total"]
    assert done["tries"] == 1
    result_page = alice.get(f"/coding/work/{work_id}")
    assert 'data-verdict="accepted"' in result_page.text
    mine = server["ctx"].as_account(accounts.accounts(server["ctx"]).get("alice")).store.list_attempts("coding")
    assert [a.id for a in mine] == [done["result"]["attempt_id"]]
    assert bob.get(f"/api/work/{work_id}").status_code == 404
    assert bob.get(f"/coding/work/{work_id}").status_code == 404
    bad = alice.post("/coding/two-sum/submit", data={"code": "   "})
    assert "is empty" in bad.text and "data-status" not in bad.text  # bad input is answered at once
    ran = alice.post("/coding/two-sum/run", data={"code": ACCEPTED, "input": "[2, 7, 11, 15]\n9"})
    run_id = int(ran.text.split('hx-get="/coding/work/')[1].split('"')[0])
    run_done = wait_for(lambda: (s := alice.get(f"/api/work/{run_id}").json())["status"] == "done" and s, 120,
                        "the worker to run the custom input")
    assert run_done["kind"] == "coding_run" and run_done["result"]["output"] == [0, 1]
    assert "[0, 1]" in alice.get(f"/coding/work/{run_id}").text
    assert len(server["ctx"].as_account(accounts.accounts(server["ctx"]).get("alice")).store
               .list_attempts("coding")) == 1  # a Run records nothing
    malformed = alice.post("/coding/two-sum/run", data={"code": ACCEPTED, "input": "not json"})
    assert "data-status" not in malformed.text
    for client in (alice, bob):
        client.__exit__(None, None, None)


def test_a_worker_killed_mid_job_loses_nothing(server: dict[str, Any]) -> None:
    alice = sign_in(server["app"], "alice")
    first = server["start_worker"]("doomed")
    page = alice.post("/coding/two-sum/submit", data={"code": SLOW})
    work_id = int(page.text.split('hx-get="/coding/work/')[1].split('"')[0])
    running = wait_for(lambda: (s := alice.get(f"/api/work/{work_id}").json())["status"] == "running" and s, 120,
                       "the first worker to start the job")
    assert running["tries"] == 1
    first.send_signal(signal.SIGKILL)  # the worker process alone, mid-job
    first.wait(timeout=10)
    assert alice.get(f"/api/work/{work_id}").json()["status"] == "running"  # nobody finished it
    server["start_worker"]("rescuer")
    done = wait_for(lambda: (s := alice.get(f"/api/work/{work_id}").json())["status"] == "done" and s, 180,
                    "another worker to take the job over")
    assert done["tries"] == 2 and done["result"]["verdict"] == "accepted"
    mine = server["ctx"].as_account(accounts.accounts(server["ctx"]).get("alice")).store.list_attempts("coding")
    assert len(mine) == 1 and mine[0].input_text == SLOW  # recorded exactly once
    alice.__exit__(None, None, None)


def test_the_worker_refuses_sqlite_with_one_sentence(cli: Callable[..., Any]) -> None:
    res = cli("worker")
    assert res.exit_code == 2 and "The task queue needs a PostgreSQL database" in res.stderr


@pytest.mark.browser
def test_the_page_shows_queued_then_the_verdict_live(server: dict[str, Any], browser: Any,
                                                     shot: Callable[[Any, Path], Any]) -> None:
    from tests.conftest import serve_app

    with serve_app(server["app"]) as url:
        context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto("/coding/two-sum")
        page.fill("#name", "alice")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/coding/two-sum")
        page.click("#submit-btn")  # no worker yet: the submission waits in the queue
        queued = page.locator(".queued-work")
        queued.wait_for()
        assert queued.get_attribute("data-status") == "queued" and "next in line" in queued.inner_text()
        shot(page, "group_submission_queued")
        server["start_worker"]("live")
        verdict = page.locator(".judge-result[data-verdict]")
        verdict.wait_for(timeout=120000)  # the partial polled by itself until the worker answered
        assert verdict.get_attribute("data-verdict") in ("wrong_answer", "runtime_error", "accepted")
        shot(page, "group_submission_judged")
        context.close()
