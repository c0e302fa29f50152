"""GitHub profile review through the public GitHub API, with the HTTP fetcher injected.

``review_profile(user, fetch, token)`` reads the profile (bio, avatar), the pinned
repositories (GraphQL, which needs a token) or, without a token, the top repositories
by stars as a stand-in (and says so), and reviews each one's README with the README
checks. ``fetch`` is any callable ``(url, headers, body) -> (status, bytes)``: the real
one (``services.portfolio.urllib_fetch``) uses urllib and raises NetworkUnavailableError;
tests pass recorded responses. This module does no I/O of its own.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from loopcoach.areas.portfolio.checks import PortfolioReport, review_readme
from loopcoach.errors import BadInputError, NotFoundError

API = "https://api.github.com"
Fetch = Callable[[str, dict[str, str], bytes | None], tuple[int, bytes]]
PINNED_QUERY = """query($login: String!) { user(login: $login) { pinnedItems(first: 6, types: REPOSITORY) {
  nodes { ... on Repository { name description url stargazerCount isFork
    primaryLanguage { name } licenseInfo { spdxId } owner { login } } } } } }"""


class NetworkUnavailableError(BadInputError):
    """GitHub could not be reached (offline, DNS, firewall, timeout)."""

    code = "network_unavailable"


@dataclass
class RepoReview:
    """One pinned (or top) repository and its README review."""

    name: str
    url: str
    description: str | None
    stars: int
    language: str | None
    has_licence: bool
    readme: PortfolioReport | None

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"name": self.name, "url": self.url, "description": self.description, "stars": self.stars,
                "language": self.language,
                "readme_score": self.readme.score if self.readme else None,
                "readme_checks": [c.to_dict() for c in self.readme.checks] if self.readme else [],
                "has_readme": self.readme is not None}


@dataclass
class ProfileReview:
    """The profile review: checks with advice, the repositories, and a 0-100 score."""

    user: str
    name: str | None
    bio: str | None
    avatar_url: str | None
    pinned_source: str
    repos: list[RepoReview]
    checks: list[dict[str, object]] = field(default_factory=list)
    score: int = 0

    def to_dict(self) -> dict[str, object]:
        """JSON form (``checks`` and ``score`` like ``portfolio check``)."""
        return {"user": self.user, "name": self.name, "bio": self.bio, "avatar_url": self.avatar_url,
                "pinned_source": self.pinned_source, "repos": [r.to_dict() for r in self.repos],
                "checks": self.checks, "score": self.score}


class GitHub:
    """A tiny GitHub API client over an injected fetcher."""

    def __init__(self, fetch: Fetch, token: str | None = None) -> None:
        self.fetch = fetch
        self.token = token or None

    def _headers(self, accept: str = "application/vnd.github+json") -> dict[str, str]:
        headers = {"Accept": accept, "User-Agent": "loopcoach", "X-GitHub-Api-Version": "2022-11-28"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(self, path: str, accept: str = "application/vnd.github+json") -> tuple[int, bytes]:
        """GET an API path; rate limits and server errors become one sentence."""
        status, body = self.fetch(f"{API}{path}", self._headers(accept), None)
        if status in (403, 429) and b"rate limit" in body.lower():
            raise BadInputError("GitHub's rate limit for anonymous requests is used up; wait an hour or set "
                                "GITHUB_TOKEN to a personal access token.")
        if status >= 500:
            raise BadInputError(f"GitHub answered with an error (HTTP {status}); try again in a few minutes.")
        return status, body

    def json(self, path: str) -> Any:
        """GET JSON; None for a 404."""
        status, body = self.get(path)
        if status == 404:
            return None
        if status != 200:
            raise BadInputError(f"GitHub refused the request for {path} (HTTP {status}).")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise BadInputError("GitHub sent a response loopcoach could not read.") from exc

    def pinned(self, user: str) -> list[dict[str, Any]] | None:
        """Pinned repositories through GraphQL (None without a token or when GraphQL refuses)."""
        if not self.token:
            return None
        payload = json.dumps({"query": PINNED_QUERY, "variables": {"login": user}}).encode()
        status, body = self.fetch(f"{API}/graphql", {**self._headers(), "Content-Type": "application/json"}, payload)
        if status != 200:
            return None
        try:
            data = json.loads(body)
            nodes = data["data"]["user"]["pinnedItems"]["nodes"]
        except (ValueError, KeyError, TypeError):
            return None
        return [{"name": n["name"], "description": n.get("description"), "html_url": n["url"],
                 "stargazers_count": n.get("stargazerCount", 0), "fork": n.get("isFork", False),
                 "language": (n.get("primaryLanguage") or {}).get("name"),
                 "license": n.get("licenseInfo"), "owner": (n.get("owner") or {}).get("login", user)}
                for n in nodes if n]

    def readme(self, owner: str, repo: str) -> str | None:
        """The raw README of a repository, or None."""
        status, body = self.get(f"/repos/{owner}/{repo}/readme", accept="application/vnd.github.raw")
        if status != 200:
            return None
        return body.decode("utf-8", "replace")


def avatar_is_default(image: bytes) -> bool | None:
    """True for GitHub's generated identicon (two colours on a grid), None when it cannot be decoded."""
    try:
        from PIL import Image
    except ImportError:
        return None
    try:
        with Image.open(io.BytesIO(image)) as img:
            colours = img.convert("RGB").getcolors(maxcolors=8)
    except Exception:  # Pillow raises many types for unreadable images
        return None
    return colours is not None and len(colours) <= 2


def review_profile(user: str, fetch: Fetch, token: str | None = None) -> ProfileReview:
    """Review a GitHub profile: pinned repositories (3-4), bio, avatar, and each repository's README."""
    if not user or not all(c.isalnum() or c == "-" for c in user) or len(user) > 39:
        raise BadInputError(f"{user!r} is not a GitHub user name.")
    api = GitHub(fetch, token)
    profile = api.json(f"/users/{user}")
    if profile is None:
        raise NotFoundError(f"There is no GitHub user named {user}.")
    pinned = api.pinned(user)
    source = "pinned"
    if pinned is None:
        source = "top_by_stars"
        repos = api.json(f"/users/{user}/repos?per_page=100&type=owner&sort=updated") or []
        pinned = sorted((r for r in repos if not r.get("fork")), key=lambda r: -int(r.get("stargazers_count", 0)))[:4]
    reviews: list[RepoReview] = []
    for repo in pinned:
        owner = repo.get("owner") if isinstance(repo.get("owner"), str) else (repo.get("owner") or {}).get("login")
        text = api.readme(owner or user, repo["name"])
        has_licence = bool(repo.get("license"))
        report = review_readme(text, files=["LICENSE"] if has_licence else []) if text else None
        reviews.append(RepoReview(name=repo["name"], url=repo.get("html_url", ""), description=repo.get("description"),
                                  stars=int(repo.get("stargazers_count", 0)), language=repo.get("language"),
                                  has_licence=has_licence, readme=report))
    avatar_default: bool | None = None
    avatar_url = profile.get("avatar_url")
    if avatar_url:
        status, image = fetch(str(avatar_url), {"User-Agent": "loopcoach"}, None)
        avatar_default = avatar_is_default(image) if status == 200 else None
    review = ProfileReview(user=user, name=profile.get("name"), bio=profile.get("bio"), avatar_url=avatar_url,
                           pinned_source=source, repos=reviews)
    _profile_checks(review, avatar_default)
    return review


def _profile_checks(review: ProfileReview, avatar_default: bool | None) -> None:
    checks: list[tuple[str, bool, str, float, int]] = []
    n = len(review.repos)
    if review.pinned_source == "top_by_stars":
        note = (" (without GITHUB_TOKEN loopcoach cannot see pinned repositories, so your top repositories by stars "
                "stand in for them)")
    else:
        note = ""
    if 3 <= n <= 4:
        checks.append(("pinned", True, f"{n} repositories are pinned{note}.", 1.0, 25))
    elif n > 4:
        checks.append(("pinned", False, f"{n} repositories are pinned{note}: keep your 3-4 best, so each gets "
                       "attention.", 0.7, 25))
    else:
        checks.append(("pinned", False, f"Only {n} repositories are pinned{note}: pin your 3-4 best projects "
                       "(Customize your pins on your profile page).", n / 3, 25))
    bio = (review.bio or "").strip()
    if not bio:
        checks.append(("bio", False, "There is no bio: add one short line, e.g. 'ML engineer building retrieval "
                       "and ranking systems'.", 0.0, 15))
    elif len(bio) > 160:
        checks.append(("bio", False, f"The bio is {len(bio)} characters: keep it to one line a recruiter reads "
                       "at a glance.", 0.6, 15))
    else:
        checks.append(("bio", True, f"Bio: {bio!r}.", 1.0, 15))
    if avatar_default is True:
        checks.append(("avatar", False, "The profile picture is GitHub's generated pattern: upload a clear photo "
                       "of your face.", 0.0, 10))
    elif avatar_default is False:
        checks.append(("avatar", True, "A profile picture is set (make sure it is a clear photo).", 1.0, 10))
    else:
        checks.append(("avatar", False, "The profile picture could not be checked; make sure it is a clear photo.",
                       0.5, 10))
    reviewed = [r for r in review.repos if r.readme is not None]
    missing = [r.name for r in review.repos if r.readme is None]
    mean = sum(r.readme.score for r in reviewed if r.readme) / len(reviewed) if reviewed else 0.0
    if reviewed and not missing and mean >= 70:
        checks.append(("readmes", True, f"The READMEs of the pinned repositories average {round(mean)}/100.", 1.0, 50))
    else:
        weakest = min(reviewed, key=lambda r: r.readme.score if r.readme else 0, default=None)
        parts = []
        if missing:
            parts.append(f"add a README to {', '.join(missing)}")
        if weakest is not None and weakest.readme is not None:
            first = next((c for c in weakest.readme.checks if not c.passed), None)
            if first is not None:
                parts.append(f"start with {weakest.name} ({weakest.readme.score}/100): {first.message}")
        checks.append(("readmes", False, "READMEs: " + "; ".join(parts or ["improve them"]), mean / 100, 50))
    review.checks = [{"id": i, "passed": p, "message": m, "credit": round(c, 2), "weight": w}
                     for i, p, m, c, w in checks]
    total = sum(w for *_, w in checks)
    review.score = round(100 * sum(min(1.0, c) * w for _, _, _, c, w in checks) / total)
