"""The adversarial cases: a schema (pydantic, extra="forbid"), the loader and the one rule that judges a case.

Each area has one YAML file in ``tests/data/adversarial/``. A case is a text
written to game a score (repetition, keyword or cue-word stuffing, on-topic
filler, buzzword lists, headings with nothing under them) or to test that the
score still means something (a real misconception phrased as a denial, a
correct answer reworded without the rubric's words). Each case says what the
score must do:

* ``below: N``: the score is under N (content-free text stays low);
* ``at_least: N``: the score is N or more (substance stays high);
* ``rise_at_most: N``: with ``base`` given, ``score(text) - score(base) <= N``
  (stuffing or padding a weak answer does not pay);
* ``fall_at_most: N``: with ``base`` given, ``score(base) - score(text) <= N``
  (rewording a good answer does not cost);
* ``flags_misconception: true`` (theory): a wrong claim is flagged;
* ``not_covered: [ids]``: those key points (theory) or steps and key points (design) get no credit;
* ``covered: [ids]`` (design): those steps or key points are credited.

``split: heldout`` marks the cases written before the fixes and never used to
tune them; ``benchmarks/adversarial.py`` reports them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

DATA = Path(__file__).resolve().parent.parent / "data" / "adversarial"
AREAS: tuple[str, ...] = ("theory", "star", "pitch", "design", "resume", "portfolio")
Kind = Literal[
    "repetition", "keyword_stuffing", "cue_stuffing", "filler_padding", "buzzword_list", "contradiction",
    "reworded", "empty_headings", "substance",
]
VOICES = frozenset({
    "new-graduate", "senior-engineer", "non-native", "terse", "rambling", "spoken-transcript", "team-we",
    "data-scientist", "research-scientist", "manager", "gamer",
})


class Expect(BaseModel):
    """What the score must do."""

    model_config = ConfigDict(extra="forbid")

    below: int | None = None
    at_least: int | None = None
    rise_at_most: int | None = None
    fall_at_most: int | None = None
    flags_misconception: bool | None = None
    not_covered: list[str] | None = None
    covered: list[str] | None = None

    @model_validator(mode="after")
    def _one_at_least(self) -> Expect:
        if all(v is None for v in (self.below, self.at_least, self.rise_at_most, self.fall_at_most,
                                   self.flags_misconception, self.not_covered, self.covered)):
            raise ValueError("a case must expect something")
        return self


class Case(BaseModel):
    """One adversarial case."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Kind
    voice: str
    split: Literal["tune", "heldout"]
    why: str
    about: str | None = None  # theory question id or design prompt id
    base: str | None = None
    text: str
    expect: Expect

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        if self.voice not in VOICES:
            raise ValueError(f"unknown voice {self.voice!r}")
        relative = self.expect.rise_at_most is not None or self.expect.fall_at_most is not None
        if relative and self.base is None:
            raise ValueError("rise_at_most and fall_at_most compare with a base text: give one")
        return self


class CaseFile(BaseModel):
    """One area's file."""

    model_config = ConfigDict(extra="forbid")

    area: Literal["theory", "design", "star", "pitch", "resume", "portfolio"]
    cases: list[Case]


def load_cases(area: str) -> list[Case]:
    """Every case of one area, validated; ids are unique."""
    doc = CaseFile.model_validate(yaml.safe_load((DATA / f"{area}.yaml").read_text("utf-8")))
    if doc.area != area:
        raise ValueError(f"{area}.yaml says area {doc.area!r}")
    ids = [c.id for c in doc.cases]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{area}.yaml repeats a case id")
    return doc.cases


@dataclass(frozen=True)
class Outcome:
    """A scored case: the scores, whether it behaved as stated, and why not."""

    case: Case
    score: int
    base_score: int | None
    ok: bool
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Scored:
    """What a scorer returns for one text."""

    score: int
    misconceptions: int = 0
    covered: frozenset[str] = frozenset()


def judge(case: Case, scorer: Callable[[Case, str], Scored]) -> Outcome:
    """Score the case (and its base) and check every expectation."""
    got = scorer(case, case.text)
    base = scorer(case, case.base) if case.base is not None else None
    e = case.expect
    problems: list[str] = []
    if e.below is not None and not got.score < e.below:
        problems.append(f"score {got.score} is not below {e.below}")
    if e.at_least is not None and not got.score >= e.at_least:
        problems.append(f"score {got.score} is under {e.at_least}")
    if e.rise_at_most is not None and base is not None and got.score - base.score > e.rise_at_most:
        problems.append(f"score rose {base.score} -> {got.score}, more than {e.rise_at_most}")
    if e.fall_at_most is not None and base is not None and base.score - got.score > e.fall_at_most:
        problems.append(f"score fell {base.score} -> {got.score}, more than {e.fall_at_most}")
    if e.flags_misconception and got.misconceptions == 0:
        problems.append("no misconception flagged")
    if e.not_covered:
        wrong = sorted(set(e.not_covered) & got.covered)
        if wrong:
            problems.append(f"credited {', '.join(wrong)}")
    if e.covered:
        lost = sorted(set(e.covered) - got.covered)
        if lost:
            problems.append(f"did not credit {', '.join(lost)}")
    return Outcome(case, got.score, base.score if base else None, not problems, tuple(problems))
