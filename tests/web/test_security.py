"""The security layers in-process, on every route the app registers (a new route is covered automatically).

Host allow-list, loopback-only local mode (peer share links excepted), Origin on unsafe methods and
WebSockets, security headers on every response, body limits from Content-Length and while streaming.
The same attacks replayed in Chromium are in test_browser_security.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount, WebSocketRoute
from starlette.websockets import WebSocketDisconnect
from tests.conftest import CSRFClient, LocalClient

from loopcoach.config import load_settings
from loopcoach.services import peer
from loopcoach.services.context import AppContext
from loopcoach.web.app import create_app
from loopcoach.web.headers import SECURITY_HEADERS
from loopcoach.web.limits import MB, BodyLimits

REMOTE = ("192.0.2.10", 40000)  # a client on another machine (TEST-NET-1)
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def _routes(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        else:
            yield route


def _fill(path: str, token: str) -> str:
    """A concrete address for a route pattern: ids become 1, anything else the given token."""
    out = path
    while "{" in out:
        start, end = out.index("{"), out.index("}")
        name = out[start + 1:end]
        value = "1" if name.endswith(":int") or name.endswith("_id") or name == "id" else token
        if name.endswith(":path"):
            value = "app.css"
        out = out[:start] + value + out[end + 1:]
    return out


def _endpoints(app: Any, token: str) -> list[tuple[str, str]]:
    """(method or WEBSOCKET, address) for every route of the app, with ``token`` in its token slots."""
    found: list[tuple[str, str]] = []
    for route in _routes(app.routes):
        if isinstance(route, Mount):
            found.append(("GET", route.path + "/app.css"))
        elif isinstance(route, WebSocketRoute):
            found.append(("WEBSOCKET", _fill(route.path, token)))
        else:
            for method in sorted(getattr(route, "methods", None) or ()):
                found.append((method, _fill(str(getattr(route, "path", "")), token)))
    return found


def test_the_route_list_is_complete(client: TestClient) -> None:
    endpoints = _endpoints(client.app, "t")
    assert len(endpoints) > 60
    for expected in [("GET", "/"), ("GET", "/api/health"), ("POST", "/resume/check"), ("WEBSOCKET", "/ws/peer/t"),
                     ("GET", "/peer/t"), ("GET", "/static/app.css"), ("POST", "/applications")]:
        assert expected in endpoints


def test_a_foreign_host_name_gets_400_everywhere(client: TestClient) -> None:
    """DNS rebinding: the browser sends the attacker's name, which this server does not answer to."""
    for method, url in _endpoints(client.app, "t"):
        if method == "WEBSOCKET":
            with pytest.raises(WebSocketDisconnect) as closed, \
                    client.websocket_connect(url, headers={"host": "evil.example:8000"}) as ws:
                ws.receive_text()
            assert closed.value.code == 4400
            continue
        r = client.request(method, url, headers={"host": "evil.example:8000"}, csrf=False)
        assert r.status_code == 400, (method, url)
        if method == "HEAD":
            continue
        assert "does not answer to the name 'evil.example'" in r.text
        assert "loopcoach" not in r.text.replace("LOOPCOACH", "")  # no page, no data


def test_allowed_hosts_and_public_url_extend_the_list(tmp_path: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_ALLOWED_HOSTS": "lab.local, 192.0.2.2",
                              "LOOPCOACH_PUBLIC_URL": "http://coach.example:8000/"})
    ctx = AppContext(settings)
    with LocalClient(create_app(ctx=ctx)) as c:
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "lab.local", "192.0.2.2:8000", "coach.example:8000"):
            assert c.get("/api/health", headers={"host": host}).status_code == 200, host
        assert c.get("/api/health", headers={"host": "lab.local.evil.example"}).status_code == 400
        assert c.get("/api/health", headers={"host": ""}).status_code == 400
    ctx.close()


def test_a_remote_client_reaches_only_a_valid_share_link(ctx: AppContext) -> None:
    """Local mode: every route answers 403 to another machine, except the candidate's page and socket."""
    created = peer.start(ctx, "coding", "two-sum")
    token = created["token"]
    with LocalClient(create_app(ctx=ctx), client=REMOTE) as remote:
        for bad_token in ("x" * 43, token):
            for method, url in _endpoints(remote.app, bad_token):
                allowed = bad_token == token and (method, url) in {
                    ("GET", f"/peer/{token}"), ("HEAD", f"/peer/{token}"), ("WEBSOCKET", f"/ws/peer/{token}"),
                    ("GET", "/static/app.css"), ("HEAD", "/static/app.css")}
                allowed = allowed or (url == "/static/app.css" and method in ("GET", "HEAD"))
                if method == "WEBSOCKET":
                    if allowed:
                        with remote.websocket_connect(url) as ws:
                            assert ws.receive_json()["type"] == "presence"
                    else:
                        with pytest.raises(WebSocketDisconnect) as closed, remote.websocket_connect(url) as ws:
                            ws.receive_text()
                        assert closed.value.code == 4403, url
                    continue
                r = remote.request(method, url)
                if allowed:
                    assert r.status_code == 200, (method, url, r.text[:200])
                else:
                    assert r.status_code == 403, (method, url)
                    assert method == "HEAD" or "only served to this machine" in r.text
        page = remote.get(f"/peer/{token}").text
        assert "you are the candidate" in page and created["host_key"] not in page
        assert 'href="/applications"' not in page  # no navigation to pages that would answer 403
        remote.cookies.set(f"loopcoach_host_{token}", created["host_key"])
        assert remote.get(f"/peer/{token}/host").status_code == 403  # the interviewer's page stays local


def test_unsafe_requests_and_sockets_need_this_servers_origin(client: TestClient, ctx: AppContext) -> None:
    token = peer.start(ctx, "coding", "two-sum")["token"]
    data = {"company": "Acme", "role": "ML Engineer"}
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"origin": "http://127.0.0.1:9999"},
                    {"origin": "https://127.0.0.1:8000"}, {"referer": "http://127.0.0.1:9999/attack.html"}):
        r = client.post("/applications", data=data, headers=headers, follow_redirects=False)
        assert r.status_code == 403 and "came from another site" in r.text, headers
        with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect(f"/ws/peer/{token}",
                                                                                     headers=headers) as ws:
            ws.receive_text()
        assert closed.value.code == 4403
    assert ctx.store.list_applications() == []
    for headers in ({"origin": "http://127.0.0.1:8000"}, {"referer": "http://127.0.0.1:8000/applications"}, {}):
        r = client.post("/applications", data=data, headers=headers, follow_redirects=False)
        assert r.status_code == 303, headers
    with client.websocket_connect(f"/ws/peer/{token}", headers={"origin": "http://127.0.0.1:8000"}) as ws:
        assert ws.receive_json()["type"] == "presence"
    assert len(ctx.store.list_applications()) == 3


def test_every_route_carries_the_security_headers(client: TestClient, ctx: AppContext) -> None:
    token = peer.start(ctx, "coding", "two-sum")["token"]
    statuses: set[int] = set()
    for method, url in _endpoints(client.app, token):
        if method == "WEBSOCKET":
            continue
        # Unsafe requests go without a token: the 403 must carry the headers too, and no handler runs.
        r = client.request(method, url, csrf=False, follow_redirects=False)
        statuses.add(r.status_code)
        for name, value in SECURITY_HEADERS.items():
            if name == "referrer-policy" and url.startswith("/peer/") and r.headers.get(name) == "no-referrer":
                continue  # the peer pages' own, stricter policy wins
            else:
                assert r.headers.get(name) == value, (method, url, name)
    refused = [client.get("/", headers={"host": "evil.example"}),
               LocalClient(client.app, client=REMOTE).get("/"),
               client.post("/api/x", content=b"x" * (2 * MB + 1)),
               client.get("/no/such/page")]
    statuses.update(r.status_code for r in refused)
    for r in refused:
        assert r.headers["content-security-policy"] == SECURITY_HEADERS["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY"
    assert {200, 400, 403, 404, 413} <= statuses
    csp = SECURITY_HEADERS["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert "microphone=(self)" in SECURITY_HEADERS["permissions-policy"]


def test_pages_have_no_inline_script_and_no_absolute_urls(client: TestClient, ctx: AppContext) -> None:
    import re

    token = peer.start(ctx, "design", "hate-speech-detection")["token"]
    for method, url in _endpoints(client.app, token):
        if method != "GET" or url.startswith(("/static", "/api")) or "{" in url:
            continue
        r = client.get(url, headers={"host": "localhost:8000"})
        if "text/html" not in r.headers.get("content-type", "") or "attachment" in r.headers.get(
                "content-disposition", ""):
            continue
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text), url
        assert not re.search(r"\son[a-z]+\s*=", r.text), url
        assert "hx-on" not in r.text and "javascript:" not in r.text, url
        assert "localhost:8000" not in r.text and "http://127.0.0.1" not in r.text, url  # never built from Host


def test_share_link_from_the_public_url_never_from_host(tmp_path: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_PUBLIC_URL": "http://192.0.2.2:8000"})
    ctx = AppContext(settings)
    with CSRFClient(create_app(ctx=ctx)) as c:
        r = c.post("/peer", data={"kind": "coding", "item_id": "two-sum"}, headers={"host": "localhost:8000"})
        token = r.url.path.split("/")[2]
        assert f'href="http://192.0.2.2:8000/peer/{token}"' in r.text and "localhost:8000" not in r.text
    ctx.close()


def test_body_limits_refuse_before_reading(client: TestClient, ctx: AppContext) -> None:
    big = b"x" * (2 * MB + 1)
    declared = client.post("/applications", content=big,
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert declared.status_code == 413 and "larger than 2 MB" in declared.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while streaming
        for _ in range(40):
            yield b"company=" + b"y" * (256 * 1024)

    streamed = client.post("/applications", content=chunks(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413 and "larger than 2 MB" in streamed.text
    assert ctx.store.list_applications() == []
    # The upload route takes 10 MB files (past the 2 MB default), and refuses more before reading.
    resume = b"Jane Doe\njane@example.com\n\nExperience\nBuilt a model serving system.\n" + b" " * (3 * MB)
    ok = client.post("/resume/check", files={"resume": ("cv.txt", resume, "text/plain")})
    assert ok.status_code in (200, 400) and "larger than" not in ok.text
    huge = client.post("/resume/check", files={"resume": ("cv.txt", b"x" * (12 * MB), "text/plain")})
    assert huge.status_code == 413 and "larger than 11 MB" in huge.text


def test_upload_routes_declare_their_limits(client: TestClient) -> None:
    limits = client.app.state.body_limits  # type: ignore[attr-defined]
    assert limits.for_path("/resume/check") == 11 * MB
    assert limits.for_path("/speech/transcribe") == 33 * MB  # a 32 MiB recording and its form
    assert limits.for_path("/applications") == 2 * MB


def test_the_limit_table_takes_patterns_and_later_routes() -> None:
    limits = BodyLimits(routes={"/speech/transcribe": 32 * MB, "/peer/{token}/feedback": 64 * 1024})
    assert limits.for_path("/speech/transcribe") == 32 * MB
    assert limits.for_path("/peer/abc/feedback") == 64 * 1024
    assert limits.for_path("/peer/abc") == limits.for_path("/anything") == 2 * MB


def _send_and_read(base: str, head: bytes, body_parts: list[bytes]) -> bytes:
    """Send a request over a raw socket (the body only partly) and read what the server answers."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head)
        for part in body_parts:
            sock.sendall(part)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


def test_over_limit_bodies_are_refused_before_they_are_sent_whole(ctx: AppContext) -> None:
    """Over a real socket: the 413 arrives while most of the body has not even been sent."""
    from tests.conftest import serve_app

    with serve_app(create_app(ctx=ctx)) as base:
        host = base.removeprefix("http://")
        # A declared 200 MB body, none of it sent: refused from the header alone.
        declared = _send_and_read(base, (f"POST /applications HTTP/1.1\r\nHost: {host}\r\n"
                                         "Content-Type: application/x-www-form-urlencoded\r\n"
                                         f"Content-Length: {200 * MB}\r\n\r\n").encode(), [])
        assert declared.startswith(b"HTTP/1.1 413"), declared[:200]
        # A chunked multipart upload that never ends: 3 MB of a file part sent, refused once past 2 MB.
        preamble = (b'--b\r\nContent-Disposition: form-data; name="company"; filename="x.txt"\r\n'
                    b"Content-Type: text/plain\r\n\r\n")
        chunk = b"x" * (256 * 1024)
        frames = [f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in [preamble] + [chunk] * 12]
        streamed = _send_and_read(base, (f"POST /applications HTTP/1.1\r\nHost: {host}\r\n"
                                         "Content-Type: multipart/form-data; boundary=b\r\n"
                                         "Transfer-Encoding: chunked\r\n\r\n").encode(), frames)
        assert streamed.startswith(b"HTTP/1.1 413"), streamed[:200]
    assert ctx.store.list_applications() == []


def test_even_an_unexpected_error_carries_the_headers(ctx: AppContext) -> None:
    from fastapi import APIRouter

    app = create_app(ctx=ctx)
    router = APIRouter()

    @router.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    app.include_router(router)
    with LocalClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("LOOPCOACH_PUBLIC_URL", "192.168.1.20:8000", "must look like http://host:port"),
    ("LOOPCOACH_PUBLIC_URL", "http://coach.example/app", "must look like http://host:port"),
    ("LOOPCOACH_PUBLIC_URL", "ftp://coach.example", "must look like http://host:port"),
    ("LOOPCOACH_ALLOWED_HOSTS", "lab.local, http://x", "not a host name or address"),
])
def test_bad_security_settings_are_one_sentence(tmp_path: Any, name: str, value: str, message: str) -> None:
    from loopcoach.errors import BadInputError

    with pytest.raises(BadInputError, match=message):
        load_settings({"LOOPCOACH_HOME": str(tmp_path), name: value})


def test_public_url_is_normalised(tmp_path: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_PUBLIC_URL": "HTTPS://Coach.Example:8443/",
                              "LOOPCOACH_ALLOWED_HOSTS": "Lab.Local [fd00::2]"})
    assert settings.public_url == "https://coach.example:8443"
    assert settings.allowed_hosts == ("lab.local", "fd00::2")


def test_the_cookie_is_host_prefixed_and_secure_over_https(ctx: AppContext) -> None:
    app = create_app(ctx=ctx)
    with LocalClient(app, base_url="https://127.0.0.1:8443") as tls:
        cookie = tls.get("/api/health").headers["set-cookie"]
        assert cookie.startswith("__Host-loopcoach_csrf=") and "Secure" in cookie and "Domain" not in cookie
    with LocalClient(app) as plain:
        assert plain.get("/api/health").headers["set-cookie"].startswith("loopcoach_csrf=")
    with CSRFClient(app, base_url="https://127.0.0.1:8443") as tls:  # the token is bound to the __Host- nonce
        r = tls.post("/applications", data={"company": "Acme", "role": "MLE"},
                     headers={"origin": "https://127.0.0.1:8443"}, follow_redirects=False)
        assert r.status_code == 303
        assert tls.post("/applications", data={"company": "Acme", "role": "MLE"},
                        headers={"origin": "http://127.0.0.1:8443"}).status_code == 403  # scheme differs
