"""The recruiter-screen pitch: a two-minute summary of the candidate's best project.

``analyse_pitch(text, labeller)`` checks the length against two minutes of
speech and whether the pitch names the project, the candidate's own
contribution, the outcome and a metric. It reuses the STAR labeller: an
outcome is a sentence labelled result (or told with result wording), an own
contribution is an action told with "I".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from loopcoach.areas.behavioral.analysis import WORDS_PER_MINUTE, speaking_seconds
from loopcoach.areas.behavioral.cues import count_first_person, is_quantified
from loopcoach.areas.behavioral.labeller import StarLabeller
from loopcoach.areas.behavioral.substance import Substance, measure
from loopcoach.errors import EmptyInputError
from loopcoach.text.sentences import split_sentences

TWO_MINUTES = 120.0
MIN_SECONDS = 60.0  # under a minute the recruiter gets a headline, not a summary
SHORT_SECONDS = 45.0  # below this the whole score is scaled down
# Distinct specific words (substance.py) an item's sentences need for full credit: the project says what it
# is and for whom, the contribution what was done to what, the outcome and the metric what changed.
ENOUGH_DETAIL = {"project": 4, "own_contribution": 6, "outcome": 3, "metric": 2}
REPEAT_PENALTY = 60.0
WORDS_PER_SECOND = WORDS_PER_MINUTE / 60
_PROJECT_RE = re.compile(
    r"\b(?:project|built|build|developed|created|designed|launched|shipped|system|model|pipeline|app|"
    r"application|tool|platform|service|product|feature|engine|assistant|classifier|recommender|dashboard|api)\b",
    re.I,
)
_OWN_RE = re.compile(
    r"\b(?:I (?:\w+ly )?(?:built|designed|wrote|led|trained|created|developed|implemented|owned|ran|proposed|"
    r"added|replaced|rewrote|deployed|fine-tuned|tuned|set up|moved|introduced|found|measured|cut|reduced|"
    r"collected|labelled|labeled|profiled|shipped|launched|started|made|took|drove|automated|migrated)|"
    r"my (?:role|part|job|contribution|responsibility) (?:was|is)|I was (?:the|responsible)|I'm responsible)\b",
    re.I,
)
_OUTCOME_RE = re.compile(
    r"\b(?:as a result|result(?:ed|s)?|outcome|led to|so that|which (?:cut|reduced|raised|increased|saved|improved)|"
    r"(?:cut|reduced|raised|increased|improved|saved|doubled|halved|dropped|fell|rose|grew)\b|now (?:used|serves|runs)|"
    r"in production|adopted|launched|users)\b",
    re.I,
)
_ENTHUSIASM_RE = re.compile(
    r"\b(?:excited|exciting|love|loved|enjoy|enjoyed|proud|passionate|fascinat\w*|fun|thrilled|curious|"
    r"favourite|favorite|energi[sz]ed)\b",
    re.I,
)


@dataclass
class PitchAnalysis:
    """What the coach says about a pitch."""

    words: int
    speaking_seconds: float
    within_two_minutes: bool
    covers: dict[str, bool]
    first_person: dict[str, int]
    enthusiasm: bool
    score: int
    feedback: list[str] = field(default_factory=list)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    detail: dict[str, float] = field(default_factory=dict)
    substance: Substance | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``loopcoach pitch check --json`` contract, then extra fields."""
        return {
            "words": self.words,
            "speaking_seconds": self.speaking_seconds,
            "within_two_minutes": self.within_two_minutes,
            "covers": dict(self.covers),
            "score": self.score,
            "feedback": list(self.feedback),
            "first_person": dict(self.first_person),
            "enthusiasm": self.enthusiasm,
            "evidence": {k: list(v) for k, v in self.evidence.items()},
            "detail": {k: round(v, 3) for k, v in self.detail.items()},
            "repeated_sentences": [i for i, r in enumerate(self.substance.repeated) if r] if self.substance else [],
        }


def analyse_pitch(text: str, labeller: StarLabeller) -> PitchAnalysis:
    """Judge a recruiter-screen pitch of the candidate's best project."""
    parts = [s.text for s in split_sentences(text)]
    if not parts:
        raise EmptyInputError("The pitch is empty: write the two-minute summary of your best project.")
    labels, _ = labeller.label(parts)
    words = sum(len(p.split()) for p in parts)
    seconds = speaking_seconds(words)
    evidence = {
        "project": [i for i, p in enumerate(parts) if _PROJECT_RE.search(p)],
        # An action or task the labeller finds, told with "I" as its subject, or explicit wording ("my role was").
        "own_contribution": [i for i, (p, lab) in enumerate(zip(parts, labels, strict=True))
                             if _OWN_RE.search(p) or (lab in ("action", "task") and count_first_person(p)["i"])],
        "outcome": [i for i, (p, lab) in enumerate(zip(parts, labels, strict=True))
                    if lab == "result" or _OUTCOME_RE.search(p)],
        "metric": [i for i, p in enumerate(parts) if is_quantified(p)],
    }
    covers = {key: bool(idx) for key, idx in evidence.items()}
    counts = {"i": 0, "we": 0}
    for p in parts:
        c = count_first_person(p)
        counts["i"] += c["i"]
        counts["we"] += c["we"]
    sub = measure(parts)
    # Enthusiasm about the project, not about "learning new things every day".
    enthusiasm = any(_ENTHUSIASM_RE.search(p) and sub.specific[i] for i, p in enumerate(parts))
    within = seconds <= TWO_MINUTES
    analysis = PitchAnalysis(words, seconds, within, covers, counts, enthusiasm, 0, [], evidence)
    analysis.substance = sub
    analysis.detail = {k: sub.detail(idx, ENOUGH_DETAIL[k]) for k, idx in evidence.items()}
    analysis.score = _score(analysis)
    analysis.feedback = _feedback(analysis)
    return analysis


def _score(a: PitchAnalysis) -> int:
    """0-100: what it covers, each item by its detail (60), length of what says something (25), 'I' over
    'we' in a detailed contribution (10), enthusiasm (5), less the share of repeated words; a pitch far under
    a minute is scaled down, since a recruiter learns little from a headline."""
    points = 15.0 * sum(a.covers[k] * a.detail.get(k, 1.0) for k in a.covers)
    sub = a.substance
    # Only sentences that say something count towards the length; time over two minutes always counts.
    said = speaking_seconds(sub.substantive_words) if sub is not None else a.speaking_seconds
    if said < MIN_SECONDS:
        points += 25.0 * said / MIN_SECONDS
    elif a.within_two_minutes:
        points += 25.0
    else:
        points += max(0.0, 25.0 - (a.speaking_seconds - TWO_MINUTES) / 3)
    i_count, we_count = a.first_person["i"], a.first_person["we"]
    own = a.detail.get("own_contribution", 1.0)
    points += own * 10.0 * i_count / (i_count + we_count) if i_count + we_count else 0.0
    points += 5.0 if a.enthusiasm else 0.0
    if said < SHORT_SECONDS:
        points *= 0.5 + 0.5 * said / SHORT_SECONDS
    points -= REPEAT_PENALTY * (sub.repeated_share if sub is not None else 0.0)
    return max(0, min(100, round(points)))


def _feedback(a: PitchAnalysis) -> list[str]:
    out: list[str] = []
    if not a.within_two_minutes:
        over = round(a.speaking_seconds - TWO_MINUTES)
        out.append(f"Spoken, this takes about {round(a.speaking_seconds)} seconds, {over} over two minutes: "
                   f"cut to about {int(TWO_MINUTES * 150 / 60)} words, keeping the project, your part and the result.")
    elif a.speaking_seconds < MIN_SECONDS:
        more = max(1, round((MIN_SECONDS - a.speaking_seconds) * WORDS_PER_SECOND))
        if sum(a.covers.values()) == len(a.covers):
            advice = "one more sentence on the problem or on what you learned"
        else:
            advice = "what the problem was, what you did and what changed"
        out.append(f"Spoken, this takes about {round(a.speaking_seconds)} seconds, under the one to two minutes a "
                   f"recruiter expects: add about {more} words, {advice}.")
    if not a.covers["project"]:
        out.append("Name the project and what it is in one plain sentence a non-engineer understands.")
    if not a.covers["own_contribution"]:
        out.append("Say what you yourself did, with 'I' and a verb ('I designed...', 'I trained...', 'I led...').")
    if not a.covers["outcome"]:
        out.append("Tell the outcome: what changed for users or the business because of the project.")
    if not a.covers["metric"]:
        out.append("Add one number that shows the result (accuracy, latency, users, money or time saved).")
    sub = a.substance
    if sub is not None and any(sub.repeated):
        out.append("Several sentences say the same thing again: say each point once and use the time to say "
                   "what the project does, what you did and what changed.")
    thin = [k for k in ("project", "own_contribution", "outcome") if a.covers[k] and a.detail.get(k, 1.0) < 0.5]
    if thin:
        names = {"project": "what the project is", "own_contribution": "what you did", "outcome": "what changed"}
        out.append("Be specific about " + " and ".join(names[k] for k in thin) + ": name the users, the data, "
                   "the method and the numbers instead of 'a model', 'the system' or 'it improved'.")
    if a.first_person["we"] > a.first_person["i"]:
        out.append(f"'We' appears {a.first_person['we']} times and 'I' {a.first_person['i']} times: the recruiter "
                   "is hiring you, so make your own part clear.")
    if not a.enthusiasm:
        out.append("Let your interest show: say what you enjoyed or are proud of in the project.")
    if not out:
        out.append("A complete pitch within two minutes: rehearse it aloud until it sounds natural, not recited.")
    return out
