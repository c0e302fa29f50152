"""Portfolio use cases: review a README (file or repository folder) and a GitHub profile; store each review."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from loopcoach.errors import BadInputError, EmptyInputError, NotFoundError
from loopcoach.services.context import AppContext

README_NAMES = ("README.md", "README.markdown", "README.rst", "README.txt", "README")
MAX_README_BYTES = 1_000_000


def urllib_fetch(url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
    """The real GitHub fetcher: one HTTPS request, 10-second timeout; HTTP errors return their status."""
    from loopcoach.areas.portfolio.github import NetworkUnavailableError

    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), bytes(response.read(5_000_000))
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read(100_000) if exc.fp else b""
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise NetworkUnavailableError(
            "GitHub could not be reached (no network connection?); the profile review needs the internet, "
            "while 'loopcoach portfolio check README.md' works offline."
        ) from exc


def find_readme(folder: Path) -> Path:
    """The README of a repository folder (case-insensitive), or NotFoundError."""
    by_lower = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for name in README_NAMES:
        if name.lower() in by_lower:
            return by_lower[name.lower()]
    raise NotFoundError(f"{folder} has no README file; add a README.md at the top of the repository.")


def load_readme(path: str) -> tuple[str, str, list[str] | None]:
    """Read a README file or a repository folder: (text, display name, top-level file names or None)."""
    from loopcoach.areas.resume.readers import decode_text

    target = Path(path)
    if not target.exists():
        raise NotFoundError(f"{path} does not exist.")
    files: list[str] | None = None
    if target.is_dir():
        files = sorted(p.name for p in target.iterdir())
        target = find_readme(target)
    size = target.stat().st_size
    if size > MAX_README_BYTES:
        raise BadInputError(f"{target.name} is {size:,} bytes; a README over 1 MB is not a README.")
    text = decode_text(target.read_bytes(), target.name)
    if not text.strip():
        raise EmptyInputError(f"{target.name} is empty.")
    return text, str(target), files


def check_readme(ctx: AppContext, text: str, source: str, files: list[str] | None = None,
                 save: bool = True) -> dict[str, Any]:
    """Review a README's text; stores the attempt (area "portfolio")."""
    from loopcoach.areas.portfolio.checks import review_readme

    if not text.strip():
        raise EmptyInputError("The README is empty.")
    report = review_readme(text, files)
    result = report.to_dict()
    if save:
        ctx.store.add_attempt("portfolio", None, text[:200_000], result, report.score,
                              meta={"kind": "readme", "source": source})
    return result


def review_github(ctx: AppContext, user: str, fetch: Any = None, token: str | None = None) -> dict[str, Any]:
    """Review a GitHub profile (needs the network); the token comes from GITHUB_TOKEN when not given."""
    from loopcoach.areas.portfolio.github import review_profile

    review = review_profile(user.strip().lstrip("@"), fetch or urllib_fetch,
                            token if token is not None else os.environ.get("GITHUB_TOKEN"))
    result = review.to_dict()
    ctx.store.add_attempt("portfolio", None, f"github:{review.user}", result, review.score,
                          meta={"kind": "github", "user": review.user})
    return result
