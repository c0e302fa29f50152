"""A bullet of buzzwords with a number is not a measured outcome; a pasted bullet counts once."""

from __future__ import annotations

from loopcoach.areas.resume.analyze import analyze_resume, parse_resume
from loopcoach.areas.resume.checks import has_metric, is_empty_bullet
from loopcoach.text.terms import load_taxonomy


def _checks(markdown: str) -> dict[str, object]:
    report = analyze_resume(parse_resume(markdown.encode("utf-8"), "resume.md"), load_taxonomy())
    return {c.id: c for c in report.checks}


def test_a_number_on_buzzwords_is_not_an_outcome_but_a_number_on_named_work_is() -> None:
    assert not has_metric("Drove 100% end-to-end innovation and best-in-class excellence at scale.")
    assert is_empty_bullet("Reduced, increased and boosted metrics by 40%.")
    assert has_metric("Cut inference time on a Raspberry Pi from 900 ms to 140 ms by quantising the model.")
    assert not is_empty_bullet("Improved model accuracy by 20% using machine learning.")


def test_buzzword_bullets_fail_metrics_verbs_and_phrasing_with_advice_naming_the_lines() -> None:
    checks = _checks("# Sam Lee\nsam@example.com | github.com/samlee\n\n## Projects\n**Tagger**\n"
                     "- Leveraged cutting-edge AI, ML and synergy to deliver 10x impact across the board.\n"
                     "- Drove 100% end-to-end innovation and best-in-class excellence at scale.\n")
    for cid in ("metrics", "strong_verbs", "duty_phrasing"):
        check = checks[cid]
        assert not check.passed, cid  # type: ignore[attr-defined]
    assert "name no concrete work" in checks["strong_verbs"].message  # type: ignore[attr-defined]


def test_a_bullet_pasted_under_every_entry_counts_once() -> None:
    bullet = "- Improved model accuracy by 20% using machine learning.\n"
    checks = _checks("# Sam Lee\nsam@example.com | github.com/samlee\n\n## Projects\n**A**\n" + bullet * 2
                     + "**B**\n" + bullet * 2)
    assert not checks["metrics"].passed  # type: ignore[attr-defined]
    assert "word for word" in checks["metrics"].message  # type: ignore[attr-defined]
