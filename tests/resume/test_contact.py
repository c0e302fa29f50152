"""Contact extraction: GitHub normalised from every written form, phones, LinkedIn."""

from __future__ import annotations

import pytest

from loopcoach.areas.resume.analyze import parse_resume
from loopcoach.areas.resume.contact import find_phone, normalise_github, normalise_linkedin


@pytest.mark.parametrize("written", [
    "github.com/jdoe", "https://github.com/jdoe", "http://www.github.com/jdoe/", "GitHub: jdoe", "github: @jdoe",
    "https://github.com/jdoe/rag-bot", "jdoe.github.io", "https://jdoe.github.io/blog",
])
def test_github_forms_normalise(written: str) -> None:
    assert normalise_github(written) == "https://github.com/jdoe"


@pytest.mark.parametrize("written", ["GitHub Actions", "github.com/features/actions", "I love GitHub", "gitlab.com/jdoe"])
def test_not_a_github_profile(written: str) -> None:
    assert normalise_github(written) is None


def test_linkedin_and_phones() -> None:
    assert normalise_linkedin("linkedin.com/in/jane-doe/") == "https://www.linkedin.com/in/jane-doe"
    assert normalise_linkedin("LinkedIn: janedoe") == "https://www.linkedin.com/in/janedoe"
    assert find_phone("+44 20 7946 0321") == "+44 20 7946 0321"
    assert find_phone("(312) 555-0147") == "(312) 555-0147"
    assert find_phone("2019 - 2023") is None
    assert find_phone("Acme, 2021–2024") is None


def test_github_only_in_a_project_is_not_in_the_header() -> None:
    text = "# Lee Park\nlee@example.com\n\n## Projects\n- Built x, see github.com/leepark/x, 3x faster.\n"
    contact = parse_resume(text.encode(), "cv.md").contact
    assert contact.github == "https://github.com/leepark"
    assert contact.github_in_header is False


def test_a_resume_title_line_is_not_the_name() -> None:
    text = "Curriculum Vitae\nNora Berg\nnora@example.com\n\nEXPERIENCE\n- Built things that saved 10 hours a week.\n"
    assert parse_resume(text.encode(), "cv.txt").contact.name == "Nora Berg"
