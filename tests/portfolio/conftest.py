"""A fetcher that answers from the recorded GitHub responses in tests/data/github (no network)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "github"
Fetcher = Callable[[str, dict[str, str], bytes | None], tuple[int, bytes]]


def avatar_png(kind: str) -> bytes:
    """An identicon-like two-colour grid, or a many-coloured 'photo'."""
    from PIL import Image

    img = Image.new("RGB", (420, 420), (240, 240, 240))
    if kind == "identicon":
        for x in range(5):
            for y in range(5):
                if (x * 7 + y * 3) % 3 == 0:
                    img.paste((90, 160, 60), (35 + x * 70, 35 + y * 70, 105 + x * 70, 105 + y * 70))
    else:
        for x in range(420):
            for y in range(0, 420, 4):
                img.putpixel((x, y), (x % 256, (y * 3) % 256, (x + y) % 256))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


class Recorded:
    """Answers recorded responses for one or more users and logs every request."""

    def __init__(self, *users: str) -> None:
        self.routes: dict[tuple[str, str], tuple[int, bytes, bool]] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        for user in users:
            spec = yaml.safe_load((DATA / user / "responses.yaml").read_text())
            user_json = (DATA / user / "user.json").read_text()
            avatar_url = yaml.safe_load(user_json)["avatar_url"]
            self.routes[("GET", avatar_url)] = (200, avatar_png(spec["avatar"]), False)
            for r in spec["responses"]:
                if "file" in r:
                    body = (DATA / user / r["file"]).read_bytes()
                elif "readme" in r:
                    body = (DATA / "readmes" / r["readme"]).read_bytes()
                else:
                    body = str(r.get("body", "")).encode()
                self.routes[(r.get("method", "GET"), r["url"])] = (int(r["status"]), body, bool(r.get("needs_token")))

    def __call__(self, url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        method = "POST" if body else "GET"
        self.requests.append((method, url, headers))
        status, payload, needs_token = self.routes.get((method, url), (404, b'{"message": "Not Found"}', False))
        if needs_token and "Authorization" not in headers:
            return 401, b'{"message": "Requires authentication"}'
        return status, payload


@pytest.fixture
def recorded() -> Callable[..., Recorded]:
    """``recorded("ada-ml")`` -> a fetcher over that user's recorded responses."""
    return Recorded
