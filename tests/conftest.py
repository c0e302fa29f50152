"""Shared fixtures: a real SQLite file per test, the real model, a live server and a real Chromium.

Nothing here is faked: ``settings`` points at a fresh data folder under the
test's temporary directory, ``client`` is the real app in-process, ``cli``
runs the real console entry in-process, ``page`` drives Debian's Chromium
through Playwright against a live uvicorn server, and ``postgres_url`` starts
a throw-away PostgreSQL server. When Chromium or PostgreSQL is missing the
tests that need them fail with the command that installs them.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from loopcoach.config import Settings, load_settings
from loopcoach.services.context import AppContext
from loopcoach.store import Store
from loopcoach.web.app import create_app

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("LOOPCOACH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a fresh data folder (a real SQLite file is created on first use)."""
    return load_settings({"LOOPCOACH_HOME": str(tmp_path / "home"), "LOOPCOACH_USER": "tester"})


@pytest.fixture
def ctx(settings: Settings) -> Iterator[AppContext]:
    """An AppContext on the fresh data folder."""
    context = AppContext(settings)
    yield context
    context.close()


@pytest.fixture
def store(ctx: AppContext) -> Store:
    """The migrated store of the fresh data folder."""
    return ctx.store


# A TestClient that looks like a browser on this machine: the guard answers only to local names and clients.
LOCAL: dict[str, Any] = {"base_url": "http://127.0.0.1:8000", "client": ("127.0.0.1", 50000)}
_META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


class LocalClient(TestClient):
    """A plain TestClient (no CSRF help) that the guard sees as a client on this machine, sockets included."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **{**LOCAL, **kwargs})

    def websocket_connect(self, url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith("/"):  # TestClient would address ws://testserver
            url = "ws://127.0.0.1:8000" + url
        return super().websocket_connect(url, *args, **kwargs)


class CSRFClient(LocalClient):
    """A local TestClient that, like the browser pages, sends the page's CSRF token on unsafe requests."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._tokens: dict[str, str] = {}

    def csrf_token(self) -> str:
        """The token the pages carry for this client's cookie (read from a page, as a browser would)."""
        nonce = self.cookies.get("loopcoach_csrf", "")
        if not nonce or nonce not in self._tokens:
            # As a browser asks: in group mode a stranger lands on the sign-in page, which carries the token too.
            page = super().request("GET", "/", headers={"Accept": "text/html"})
            found = _META_TOKEN.search(page.text)
            assert found, "the home page carries no CSRF token"
            nonce = self.cookies.get("loopcoach_csrf", "")
            self._tokens[nonce] = found.group(1)
        return self._tokens[nonce]

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        csrf = kwargs.pop("csrf", True)
        if method.upper() in {"POST", "PUT", "PATCH", "DELETE"} and csrf:
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRF-Token", self.csrf_token())
            kwargs["headers"] = headers
        return super().request(method, url, *args, **kwargs)


def local_client(app: Any, **kwargs: Any) -> TestClient:
    """A plain TestClient (no CSRF help) that the guard sees as a client on this machine."""
    return LocalClient(app, **kwargs)


@pytest.fixture
def client(ctx: AppContext) -> Iterator[TestClient]:
    """The real web app in-process; unsafe requests carry the CSRF token unless csrf=False."""
    with CSRFClient(create_app(ctx=ctx)) as test_client:
        yield test_client


@dataclass
class CliResult:
    """What a command printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``loopcoach ARGS`` in-process against the test's data folder."""
    from typer.testing import CliRunner

    from loopcoach.cli.main import build_app

    monkeypatch.setenv("LOOPCOACH_HOME", str(settings.home))
    monkeypatch.setenv("LOOPCOACH_USER", settings.user)

    def run(*args: str, input: str | bytes | None = None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(build_app(), list(args), input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(scope="session")
def model_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose cache holds embeddings across the session."""
    return load_settings({"LOOPCOACH_HOME": str(tmp_path_factory.mktemp("model-home"))})


@pytest.fixture(scope="session")
def embedder(model_settings: Settings) -> Any:
    """The real all-MiniLM-L6-v2 embedder, loaded once per session."""
    from loopcoach.text.embeddings import get_embedder

    emb = get_embedder(model_settings)
    emb.load()
    return emb


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of ``host`` while the block runs; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", ws="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 15 seconds")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server(ctx: AppContext) -> Iterator[str]:
    """The app served by uvicorn on a free port; yields its base URL."""
    with serve_app(create_app(ctx=ctx)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: run 'apt-get install -y chromium' "
                    "(or set LOOPCOACH_CHROMIUM to its path).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh browser page whose base URL is the live server."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def screenshot(pg: Any, name: str) -> Path:
    """Save a full-page screenshot to tests/artifacts/NAME.png (look at it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL server started for this test session; yields a SQLAlchemy URL."""
    from tests.pgserver import PostgresMissing, throwaway_postgres

    try:
        with throwaway_postgres("loopcoach_test") as url:
            yield url
    except PostgresMissing as exc:
        pytest.fail(str(exc))


@pytest.fixture
def shot() -> Callable[[Any, str], Path]:
    """``shot(page, name)`` saves tests/artifacts/NAME.png; open it and look."""
    return screenshot
