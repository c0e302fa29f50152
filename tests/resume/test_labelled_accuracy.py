"""Accuracy on the labelled set, per format (the benchmark prints the same figures per split)."""

from __future__ import annotations

import pytest
from labelled import FORMATS, evaluate, load_cases


def test_the_labelled_set_is_large_enough() -> None:
    cases = load_cases()
    assert len(cases) >= 20
    layouts = {c.gold["layout"]["pdf"] for c in cases}
    assert layouts >= {"classic", "modern", "two-column", "dates-right"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_accuracy_per_format(fmt: str) -> None:
    figures = evaluate(load_cases(), fmt).figures()
    for name, value in figures.items():
        assert value >= 0.95, (fmt, name, value)


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ["pdf:chromium", "pdf:chromium-two-column"])
def test_accuracy_on_pdfs_printed_by_chromium(fmt: str) -> None:
    """A second PDF producer: subset fonts, and list bullets drawn as shapes instead of characters."""
    from labelled import CHROMIUM_LAYOUTS

    assert fmt in CHROMIUM_LAYOUTS
    figures = evaluate(load_cases()[::3], fmt).figures()
    for name, value in figures.items():
        assert value >= 0.95, (fmt, name, value)
