"""GitHub profile review, offline: recorded API responses through the injected fetcher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from loopcoach.areas.portfolio.github import NetworkUnavailableError, review_profile
from loopcoach.errors import BadInputError, NotFoundError


def _check(review: Any, check_id: str) -> dict[str, Any]:
    return next(c for c in review.checks if c["id"] == check_id)


def test_with_token_uses_pinned_repositories(recorded: Callable[..., Any]) -> None:
    fetch = recorded("ada-ml")
    review = review_profile("ada-ml", fetch, token="t0ken")
    assert review.pinned_source == "pinned"
    assert [r.name for r in review.repos] == ["docqa", "yoruba-asr", "churn-radar"]
    assert _check(review, "pinned")["passed"] and _check(review, "bio")["passed"]
    assert _check(review, "avatar")["passed"]
    assert all(r.readme is not None for r in review.repos)
    docqa = review.repos[0]
    assert docqa.readme is not None and docqa.readme.score >= 90
    assert any("Authorization" in h for _, url, h in fetch.requests if url.endswith("/graphql"))
    assert 0 <= review.score <= 100


def test_without_token_falls_back_to_top_repositories_and_says_so(recorded: Callable[..., Any]) -> None:
    fetch = recorded("ada-ml")
    review = review_profile("ada-ml", fetch, token=None)
    assert review.pinned_source == "top_by_stars"
    # Forks are skipped; the four non-fork repositories with most stars stand in for pinned ones.
    assert [r.name for r in review.repos] == ["docqa", "hyperrag", "yoruba-asr", "churn-radar"]
    assert "GITHUB_TOKEN" in _check(review, "pinned")["message"]
    assert not any(url.endswith("/graphql") for _, url, _ in fetch.requests)


def test_weak_profile_gets_concrete_advice(recorded: Callable[..., Any]) -> None:
    review = review_profile("newbie-dev", recorded("newbie-dev"))
    assert not _check(review, "bio")["passed"]
    assert not _check(review, "avatar")["passed"] and "photo" in _check(review, "avatar")["message"]
    assert not _check(review, "pinned")["passed"]
    readmes = _check(review, "readmes")
    assert not readmes["passed"] and "hello-world" in readmes["message"]
    assert review.score < 40


def test_unknown_user_and_bad_name(recorded: Callable[..., Any]) -> None:
    with pytest.raises(NotFoundError):
        review_profile("nobody-here", recorded("ada-ml"))
    with pytest.raises(BadInputError):
        review_profile("../etc", recorded("ada-ml"))


def test_rate_limit_is_one_sentence() -> None:
    def limited(url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        return 403, b'{"message": "API rate limit exceeded for 1.2.3.4."}'

    with pytest.raises(BadInputError, match="GITHUB_TOKEN"):
        review_profile("ada-ml", limited)


def test_offline_cli_says_so_in_one_sentence(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import loopcoach.services.portfolio as service

    def offline(url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        raise NetworkUnavailableError("GitHub could not be reached (no network connection?); the profile review "
                                      "needs the internet.")

    monkeypatch.setattr(service, "urllib_fetch", offline)
    result = cli("portfolio", "github", "ada-ml", "--json")
    assert result.exit_code == 2
    assert '"network_unavailable"' in result.stdout
    assert result.stderr.count("\n") == 1


def test_real_fetcher_maps_unreachable_host_to_network_error() -> None:
    from loopcoach.services.portfolio import urllib_fetch

    with pytest.raises(NetworkUnavailableError):
        urllib_fetch("http://127.0.0.1:9/unreachable", {})
