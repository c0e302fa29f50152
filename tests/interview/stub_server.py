"""A tiny real HTTP server that speaks the OpenAI chat-completions protocol, for testing our client.

It is a fake of the *server* (the user's llama.cpp or Ollama), so the
client, the gate and the fallbacks are tested over a real socket. Each test
sets what the next reply is: a completion text, an HTTP status, raw bytes
or a delay. Every request body is recorded.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    """What the server answers next, and what it received."""

    content: str = "What would you change?"
    status: int = 200
    raw: bytes | None = None
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            script.requests.append(body)
            script.headers.append(dict(self.headers))
            if self.path.rstrip("/") != "/v1/chat/completions":
                self.send_error(404, "no such endpoint")
                return
            if script.delay:
                time.sleep(script.delay)
            if script.status != 200:
                self.send_error(script.status, "scripted failure")
                return
            payload = script.raw if script.raw is not None else json.dumps({
                "id": "chatcmpl-test", "object": "chat.completion", "model": body.get("model"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": script.content}}],
            }).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts)
                self.wfile.write(payload)

    return Handler


@contextmanager
def chat_server() -> Iterator[tuple[str, Script]]:
    """Serve on a free localhost port; yields (base URL ending in /v1, script)."""
    script = Script()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", script
    finally:
        server.shutdown()
        server.server_close()
