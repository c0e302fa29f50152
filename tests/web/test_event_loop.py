"""The server keeps answering while an analysis runs: no blocking work on the event loop.

A resume check whose analysis blocks (a test-only slow analyzer, standing in for a 500-page PDF)
is started over a real socket; while it is still in flight, /api/health must answer. If the route
ran the analysis on the event loop, health could not answer until the analysis was released.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import httpx
import pytest
from tests.conftest import serve_app

from loopcoach.services import resume as resume_service
from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app

RESUME = b"Jane Doe\njane@example.com\n\nExperience\nBuilt and served a ranking model for 2M users.\n"


def test_health_answers_while_a_slow_analysis_runs(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    real = resume_service.check_resume

    def slow_check(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(timeout=60)  # blocks its thread, as a long parse does
        return real(*args, **kwargs)

    monkeypatch.setattr(resume_service, "check_resume", slow_check)
    with serve_app(create_app(ctx=ctx)) as base, httpx.Client(base_url=base, timeout=60) as browser:
        token = re.search(r'<meta name="csrf-token" content="([^"]+)">', browser.get("/resume").text)
        assert token
        outcome: dict[str, Any] = {}

        def upload() -> None:
            outcome["response"] = browser.post("/resume/check", files={"resume": ("cv.txt", RESUME, "text/plain")},
                                               headers={"X-CSRF-Token": token.group(1), "Origin": base})

        uploader = threading.Thread(target=upload)
        uploader.start()
        try:
            assert started.wait(timeout=30), "the upload never reached the analysis"
            with httpx.Client(base_url=base, timeout=5) as other:
                health = other.get("/api/health")
                home = other.get("/")
            assert health.status_code == 200 and health.json()["ok"] is True
            assert home.status_code == 200
            assert "response" not in outcome and uploader.is_alive()  # the slow check was still in flight
        finally:
            release.set()
            uploader.join(timeout=60)
    assert outcome["response"].status_code == 200
    assert "jane@example.com" in outcome["response"].text
    assert len(ctx.store.list_attempts(area="resume")) == 1
