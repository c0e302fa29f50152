"""README checks against the labelled READMEs, readability figures, and repository folders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loopcoach.areas.portfolio.checks import review_readme
from loopcoach.areas.portfolio.readability import readability, syllables

READMES = Path(__file__).resolve().parents[1] / "data" / "github" / "readmes"
CASES = sorted(p.stem for p in READMES.glob("*.md"))


def labelled() -> list[tuple[str, str, bool, bool]]:
    """(readme, check id, gold, predicted) for every labelled check."""
    rows = []
    for name in CASES:
        gold = yaml.safe_load((READMES / f"{name}.yaml").read_text())
        report = review_readme((READMES / f"{name}.md").read_text())
        predicted = {c.id: c.passed for c in report.checks}
        rows.extend((name, check, bool(value), predicted[check]) for check, value in gold.items())
    return rows


def test_labelled_readme_accuracy() -> None:
    rows = labelled()
    agree = sum(gold == predicted for _, _, gold, predicted in rows)
    assert len(rows) >= 49
    # One known disagreement (documented in docs/areas/resume.md): the notebook-dump opening scores Flesch 24,
    # which the check calls hard while the label says a recruiter can read it.
    assert agree / len(rows) >= 0.95, [r for r in rows if r[2] != r[3]]


def test_contract_shape_and_score_order() -> None:
    good = review_readme((READMES / "docqa.md").read_text()).to_dict()
    bare = review_readme((READMES / "bare.md").read_text()).to_dict()
    assert set(good) >= {"checks", "score"}
    assert all(set(c) >= {"id", "passed", "message"} for c in good["checks"])
    assert {c["id"] for c in good["checks"]} == {"summary", "demo", "results", "how_to_run", "technical_depth",
                                                   "licence", "readability"}
    assert good["score"] >= 90 > 30 > bare["score"]


def test_syllables_and_flesch() -> None:
    assert [syllables(w) for w in ("cat", "table", "recruiter", "beautiful", "created")] == [1, 2, 3, 3, 2]
    plain = readability("The cat sat on the mat. The dog ran to the park.")
    hard = readability("Heterogeneous multi-tenant orchestration necessitates sophisticated "
                       "infrastructure considerations.")
    assert plain.reading_ease > 90 and plain.sentences == 2 and plain.words == 12
    assert hard.reading_ease < 0 < plain.reading_ease
    assert readability("").words == 0


@pytest.mark.parametrize("licence_file", ["LICENSE", "COPYING"])
def test_licence_file_in_repo_counts(licence_file: str) -> None:
    text = (READMES / "speech.md").read_text()
    assert not next(c for c in review_readme(text).checks if c.id == "licence").passed
    assert next(c for c in review_readme(text, [licence_file]).checks if c.id == "licence").passed
