"""The web app: home page from the store, error pages, CSRF, escaping and sanitising."""

import re
from typing import Any

from fastapi import APIRouter
from fastapi.testclient import TestClient
from tests.conftest import local_client

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
    assert "http://" not in page  # asset URLs are root-relative, never built from the Host header
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


def test_csrf_refuses_posts_without_the_signed_token(ctx: AppContext) -> None:
    with local_client(_app_with_echo(ctx)) as raw:
        refused = raw.post("/api/echo")
        assert refused.status_code == 403
        cookie = refused.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
        page = raw.get("/")
        nonce = raw.cookies["loopcoach_csrf"]
        token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text).group(1)  # type: ignore[union-attr]
        assert raw.post("/api/echo", headers={"X-CSRF-Token": "wrong" * 10}).status_code == 403
        # The double-submit of old: echoing the cookie is not enough, the token is signed with the server's secret.
        assert raw.post("/api/echo", headers={"X-CSRF-Token": nonce}).status_code == 403
        assert raw.post("/api/echo", headers={"X-CSRF-Token": token}).json() == {"ok": True}
        assert raw.post("/api/echo", data={"csrf_token": token}).json() == {"ok": True}
        # A tossed cookie (another value for the same name) no longer matches the page's token.
        raw.cookies.clear()
        raw.cookies.set("loopcoach_csrf", "A" * 43)
        assert raw.post("/api/echo", headers={"X-CSRF-Token": token}).status_code == 403


def test_the_secret_lives_in_the_data_folder(ctx: AppContext) -> None:
    create_app(ctx=ctx)
    secret = ctx.settings.home / "secret_key"
    assert secret.stat().st_mode & 0o777 == 0o600 and len(bytes.fromhex(secret.read_text())) == 32
    before = secret.read_text()
    create_app(ctx=ctx)
    assert secret.read_text() == before  # kept across restarts: open pages stay valid


def test_markdown_is_sanitised() -> None:
    html = str(render_markdown("**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>"))
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, never run


def test_user_text_is_escaped(client: TestClient, store: Store) -> None:
    store.add_attempt("<script>alert(1)</script>", "x", "y", {}, 1)
    assert "<script>alert(1)</script>" not in client.get("/").text
