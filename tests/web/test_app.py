"""The web app: home page from the store, error pages, CSRF, escaping and sanitising."""

from typing import Any

from fastapi import APIRouter
from fastapi.testclient import TestClient

from loopcoach.services.context import AppContext
from loopcoach.store import Store
from loopcoach.web.app import create_app
from loopcoach.web.markdown import render_markdown


def test_home_shows_the_path_and_progress(client: TestClient, store: Store) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for stage in ("Resume and portfolio", "Recruiter screen", "Technical phone screen", "On-site loop",
                  "The marathon"):
        assert stage in page.text
    for path in ("/resume", "/portfolio", "/behavioral/pitch", "/coding", "/theory", "/design", "/behavioral",
                 "/loop", "/peer", "/readiness"):
        assert f'<a href="{path}" class="area-link">' in page.text, path
    assert "Not part of this install yet" not in page.text
    store.add_attempt("theory", "cnn-vs-rnn", "answer", {}, 64)
    store.add_attempt("theory", "bias-variance-tradeoff", "answer", {}, 80)
    page = client.get("/")
    assert "<strong>2</strong> answers graded" in page.text
    assert "average <strong>72</strong>/100" in page.text


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "Page not found" in page.text and "Back to your path" in page.text
    api = client.get("/api/nothing")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_static_assets_are_local(client: TestClient) -> None:
    page = client.get("/").text
    assert "http://" not in page.replace("http://testserver", "")
    assert client.get("/static/vendor/htmx.min.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def _app_with_echo(ctx: AppContext) -> Any:
    app = create_app(ctx=ctx)
    router = APIRouter()

    @router.post("/api/echo")
    def echo() -> dict[str, bool]:
        return {"ok": True}

    app.include_router(router)
    return app


def test_csrf_refuses_posts_without_the_token(ctx: AppContext) -> None:
    with TestClient(_app_with_echo(ctx)) as raw:
        assert raw.post("/api/echo").status_code == 403
        raw.get("/")
        token = raw.cookies["loopcoach_csrf"]
        assert raw.post("/api/echo", headers={"X-CSRF-Token": "wrong" * 10}).status_code == 403
        assert raw.post("/api/echo", headers={"X-CSRF-Token": token}).json() == {"ok": True}
        assert raw.post("/api/echo", data={"csrf_token": token}).json() == {"ok": True}


def test_markdown_is_sanitised() -> None:
    html = str(render_markdown("**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>"))
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, never run


def test_user_text_is_escaped(client: TestClient, store: Store) -> None:
    store.add_attempt("<script>alert(1)</script>", "x", "y", {}, 1)
    assert "<script>alert(1)</script>" not in client.get("/").text
