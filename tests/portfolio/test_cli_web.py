"""``loopcoach portfolio check`` contract, bad input, stored reviews, and the web page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loopcoach.services.context import AppContext

READMES = Path(__file__).resolve().parents[1] / "data" / "github" / "readmes"


def test_check_readme_file_json(cli: Callable[..., Any], ctx: AppContext) -> None:
    result = cli("portfolio", "check", str(READMES / "docqa.md"), "--json")
    assert result.exit_code == 0, result.stderr
    r = json.loads(result.stdout)
    assert isinstance(r["score"], int) and 0 <= r["score"] <= 100
    assert all(isinstance(c["passed"], bool) and c["message"] for c in r["checks"])
    assert len(ctx.store.list_attempts(area="portfolio")) == 1


def test_check_repository_folder_sees_licence_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "readme.md").write_text((READMES / "speech.md").read_text())
    (repo / "LICENSE").write_text("MIT License")
    r = json.loads(cli("portfolio", "check", str(repo), "--json").stdout)
    assert next(c for c in r["checks"] if c["id"] == "licence")["passed"]


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "no-readme"])
def test_bad_input_exit_2(cli: Callable[..., Any], ctx: AppContext, tmp_path: Path, case: str) -> None:
    target = tmp_path / "README.md"
    if case == "empty":
        target.write_text("  \n")
    elif case == "binary":
        target.write_bytes(b"\x00\x01\x02" * 100)
    elif case == "no-readme":
        target = tmp_path / "repo"
        target.mkdir()
        (target / "main.py").write_text("print(1)")
    result = cli("portfolio", "check", str(target), "--json")
    assert result.exit_code == 2
    assert "error" in json.loads(result.stdout) and result.stderr.startswith("Error: ")
    assert ctx.store.list_attempts(area="portfolio") == []


def test_web_readme_review(client: Any, ctx: AppContext) -> None:
    page = client.get("/portfolio")
    assert page.status_code == 200 and 'name="readme"' in page.text and 'name="user"' in page.text
    response = client.post("/portfolio/check", data={"readme": (READMES / "jargon.md").read_text()},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "readability" in response.text and "Flesch" in response.text
    assert len(ctx.store.list_attempts(area="portfolio")) == 1
    empty = client.post("/portfolio/check", data={"readme": " "})
    assert empty.status_code == 400 and "flash error" in empty.text


@pytest.mark.browser
def test_browser_portfolio_page(page: Any, shot: Callable[[Any, str], Path]) -> None:
    page.goto("/portfolio")
    page.fill("#readme", (READMES / "churn.md").read_text())
    page.click("#readme-form button[type=submit]")
    page.wait_for_selector(".pf-result .checks li")
    assert page.locator(".pf-result .checks li").count() == 7
    shot(page, "portfolio-result")


def test_web_github_review_with_recorded_api(client: Any, ctx: AppContext, recorded: Callable[..., Any],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import loopcoach.services.portfolio as service

    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setattr(service, "urllib_fetch", recorded("ada-ml"))
    response = client.post("/portfolio/github", data={"user": "ada-ml"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "top repositories by stars" in response.text and "docqa" in response.text
    assert 'href="https://github.com/ada-ml/docqa"' in response.text
    attempts = ctx.store.list_attempts(area="portfolio")
    assert len(attempts) == 1 and attempts[0].meta["kind"] == "github"


def test_web_github_offline_is_one_sentence(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import loopcoach.services.portfolio as service
    from loopcoach.areas.portfolio.github import NetworkUnavailableError

    def offline(url: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        raise NetworkUnavailableError("GitHub could not be reached (no network connection?).")

    monkeypatch.setattr(service, "urllib_fetch", offline)
    response = client.post("/portfolio/github", data={"user": "ada-ml"})
    assert response.status_code == 400 and "could not be reached" in response.text
