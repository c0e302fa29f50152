"""Story analysis: STAR labels, missing components, quantified result, I versus we, shares, length, score.

``analyse_story(text, labeller)`` returns a ``StoryAnalysis`` whose
``to_dict()`` is the ``loopcoach story check --json`` contract (plus extra
fields the web page uses: sentence offsets, shares per component, issues
pointing at sentences).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loopcoach.areas.behavioral.cues import count_first_person, is_quantified, vague_phrases
from loopcoach.areas.behavioral.dataset import COMPONENTS, LABELS
from loopcoach.areas.behavioral.labeller import StarLabeller
from loopcoach.areas.behavioral.substance import Substance, measure
from loopcoach.errors import EmptyInputError
from loopcoach.text.sentences import split_sentences

WORDS_PER_MINUTE = 150
TARGET_SECONDS = (90.0, 180.0)
MAX_SITUATION_SHARE = 0.3
MIN_ACTION_SHARE = 0.35
MAX_OTHER_SHARE = 0.2
# Distinct specific words a component needs for full credit (see substance.py): a situation names where
# and what, an action says what was done to what, a result says what changed.
ENOUGH_DETAIL = {"situation": 4, "task": 2, "action": 8, "result": 2}
REPEAT_PENALTY = 60.0  # points lost when every word sits in a repeated sentence


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence of the story with its STAR label and its place in the text."""

    text: str
    label: str
    start: int
    end: int
    words: int
    confidence: float


@dataclass(frozen=True)
class Issue:
    """One piece of feedback, pointing at the sentences concerned (0-based indices)."""

    id: str
    message: str
    sentences: tuple[int, ...] = ()


@dataclass
class StoryAnalysis:
    """Everything the coach says about one STAR story."""

    sentences: list[LabelledSentence]
    components: dict[str, bool]
    quantified_result: bool
    first_person: dict[str, int]
    words: int
    speaking_seconds: float
    shares: dict[str, float]
    vague: list[tuple[str, int]]
    score: int
    issues: list[Issue] = field(default_factory=list)
    substance: Substance | None = None
    detail: dict[str, float] = field(default_factory=dict)
    result_tied: bool = False

    @property
    def feedback(self) -> list[str]:
        """The feedback sentences, most important first."""
        return [issue.message for issue in self.issues]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, with extra fields after the contract's ones."""
        return {
            "sentences": [
                {"text": s.text, "label": s.label, "start": s.start, "end": s.end, "confidence": round(s.confidence, 3)}
                for s in self.sentences
            ],
            "components": dict(self.components),
            "quantified_result": self.quantified_result,
            "first_person": dict(self.first_person),
            "words": self.words,
            "speaking_seconds": self.speaking_seconds,
            "score": self.score,
            "feedback": self.feedback,
            "shares": dict(self.shares),
            "target_seconds": list(TARGET_SECONDS),
            "vague_phrases": [{"phrase": p, "sentence": i} for p, i in self.vague],
            "issues": [{"id": i.id, "message": i.message, "sentences": list(i.sentences)} for i in self.issues],
            "detail": {k: round(v, 3) for k, v in self.detail.items()},
            "result_tied": self.result_tied,
            "repeated_sentences": [i for i, r in enumerate(self.substance.repeated) if r] if self.substance else [],
        }


def _numbers(indices: list[int]) -> str:
    """Human sentence numbers: 'sentence 3', 'sentences 1-4', 'sentences 2, 5 and 7'."""
    ones = [i + 1 for i in indices]
    if len(ones) == 1:
        return f"sentence {ones[0]}"
    if ones == list(range(ones[0], ones[-1] + 1)):
        return f"sentences {ones[0]}-{ones[-1]}"
    return "sentences " + ", ".join(str(n) for n in ones[:-1]) + f" and {ones[-1]}"


def speaking_seconds(words: int) -> float:
    """Seconds to say ``words`` words at a normal pace (150 words a minute)."""
    return round(words * 60 / WORDS_PER_MINUTE, 1)


def analyse_story(text: str, labeller: StarLabeller) -> StoryAnalysis:
    """Label every sentence of a story and judge it as a STAR answer."""
    parts = split_sentences(text)
    if not parts:
        raise EmptyInputError("The story is empty: write a few sentences about what happened, what you did and the result.")
    labels, probs = labeller.label([p.text for p in parts])
    sentences = [
        LabelledSentence(p.text, lab, p.start, p.end, len(p.text.split()), float(probs[i, LABELS.index(lab)]))
        for i, (p, lab) in enumerate(zip(parts, labels, strict=True))
    ]
    words = sum(s.words for s in sentences)
    by_label = {lab: [i for i, s in enumerate(sentences) if s.label == lab] for lab in LABELS}
    shares = {lab: round(sum(sentences[i].words for i in idx) / words, 3) if words else 0.0 for lab, idx in by_label.items()}
    components = {c: bool(by_label[c]) for c in COMPONENTS}
    quantified = any(is_quantified(sentences[i].text) for i in by_label["result"])
    first_person = {"i": 0, "we": 0}
    we_sentences: list[int] = []
    for i in by_label["action"]:
        counts = count_first_person(sentences[i].text)
        first_person["i"] += counts["i"]
        first_person["we"] += counts["we"]
        if counts["we"] > counts["i"]:
            we_sentences.append(i)
    vague = [(phrase, i) for i, s in enumerate(sentences) for phrase in vague_phrases(s.text)]
    seconds = speaking_seconds(words)
    analysis = StoryAnalysis(sentences, components, quantified, first_person, words, seconds, shares, vague, 0)
    sub = measure([s.text for s in sentences])
    analysis.substance = sub
    analysis.detail = {c: sub.detail(by_label[c], ENOUGH_DETAIL[c]) for c in COMPONENTS}
    # A result is tied to the story when it names something the situation, task or actions named.
    told = sub.specific_in([i for c in ("situation", "task", "action") for i in by_label[c]])
    analysis.result_tied = bool(sub.specific_in(by_label["result"]) & told)
    analysis.issues = _issues(analysis, by_label, we_sentences)
    analysis.score = _score(analysis)
    return analysis


def _issues(a: StoryAnalysis, by_label: dict[str, list[int]], we_sentences: list[int]) -> list[Issue]:
    out: list[Issue] = []
    if not a.components["action"]:
        out.append(Issue("missing_action", "No sentence tells what you did: add the steps you took yourself, "
                         "one per sentence, starting with 'I' (for example 'I profiled the service and ...')."))
    if not a.components["result"]:
        out.append(Issue("missing_result", "The story has no result: end with what changed because of your "
                         "actions, with a number if you have one (time saved, error rate, revenue, users)."))
    elif not a.quantified_result:
        idx = by_label["result"]
        out.append(Issue("unquantified_result", f"The result ({_numbers(idx)}) has no number: say by how much "
                         "things changed (a percentage, a before-and-after figure, hours or money saved).", tuple(idx)))
    if not a.components["situation"]:
        out.append(Issue("missing_situation", "Open with one or two sentences of context: where you were, "
                         "what the problem was and why it mattered."))
    if not a.components["task"]:
        out.append(Issue("missing_task", "Say what your own goal or responsibility was (for example 'I was "
                         "asked to ...' or 'My goal was to ...') before you describe the actions."))
    i_count, we_count = a.first_person["i"], a.first_person["we"]
    if a.components["action"] and we_count > i_count:
        out.append(Issue("we_heavy", f"The actions are told as 'we' {we_count} times and 'I' {i_count} times "
                         f"({_numbers(we_sentences) if we_sentences else 'the action sentences'}): interviewers "
                         "want your own part, so say what you did yourself.", tuple(we_sentences)))
    if a.shares["situation"] > MAX_SITUATION_SHARE:
        idx = by_label["situation"]
        out.append(Issue("long_situation", f"The situation ({_numbers(idx)}) takes {round(a.shares['situation'] * 100)}% "
                         "of the story: keep the context to a few short sentences and spend the time on what you did.",
                         tuple(idx)))
    if a.components["action"] and a.shares["action"] < MIN_ACTION_SHARE:
        out.append(Issue("thin_action", f"The action ({_numbers(by_label['action'])}) is only "
                         f"{round(a.shares['action'] * 100)}% of the story: it "
                         "should carry the most weight, about half, with the decisions you made and why.",
                         tuple(by_label["action"])))
    sub = a.substance
    if sub is not None:
        repeated = [i for i, r in enumerate(sub.repeated) if r]
        if repeated:
            out.append(Issue("repeated", f"{_numbers(repeated).capitalize()} repeat{'s' if len(repeated) == 1 else ''} "
                             "what an earlier sentence said: say each thing once and use the time for detail.",
                             tuple(repeated)))
        empty = [i for i, (r, spec) in enumerate(zip(sub.repeated, sub.specific, strict=True))
                 if not r and not spec and a.sentences[i].label in COMPONENTS]
        if empty:
            out.append(Issue("content_free", f"{_numbers(empty).capitalize()} could belong to any story: name the "
                             "system, the data, the decision or the numbers instead of 'the problem' or 'the work'.",
                             tuple(empty)))
        if a.components["result"] and a.detail["result"] > 0 and not a.result_tied:
            idx = by_label["result"]
            out.append(Issue("result_not_tied", f"The result ({_numbers(idx)}) names nothing from the situation "
                             "or your actions: say what changed in the thing you worked on.", tuple(idx)))
    for phrase, i in a.vague:
        out.append(Issue("vague_phrase", f"'{phrase}' ({_numbers([i])}) is vague: name exactly what you did "
                         "or what happened.", (i,)))
    if by_label["other"] and a.shares["other"] > MAX_OTHER_SHARE:
        idx = by_label["other"]
        out.append(Issue("filler", f"{_numbers(idx).capitalize()} are not part of the story (filler, asides or "
                         "general statements): cut them or turn them into a short lesson at the end.", tuple(idx)))
    low, high = TARGET_SECONDS
    if a.speaking_seconds < low:
        out.append(Issue("too_short", f"Spoken, this takes about {round(a.speaking_seconds)} seconds: aim for "
                         "1.5-3 minutes (about 225-450 words) with more detail on your actions and the result."))
    elif a.speaking_seconds > high:
        out.append(Issue("too_long", f"Spoken, this takes about {round(a.speaking_seconds)} seconds: aim for "
                         "1.5-3 minutes (about 225-450 words); trim the context first."))
    if not out:
        out.append(Issue("good", "A complete STAR story told in your own voice with a measured result: "
                         "rehearse it aloud and keep it to the same length."))
    return out


def _score(a: StoryAnalysis) -> int:
    """0-100: each component by its detail, a measured result tied to the story, 'I' in a detailed action,
    proportions, length without repeats, vagueness, repetition."""
    d = a.detail
    points = 10.0 * a.components["situation"] * d["situation"] + 10.0 * a.components["task"] * d["task"]
    points += 25.0 * a.components["action"] * d["action"] + 20.0 * a.components["result"] * d["result"]
    if a.quantified_result:
        points += 15.0 * d["result"] * (1.0 if a.result_tied else 0.5)
    i_count, we_count = a.first_person["i"], a.first_person["we"]
    if a.components["action"]:
        points += d["action"] * (10.0 * (i_count / (i_count + we_count)) if i_count + we_count else 5.0)
        points += 5.0 * d["action"] if a.shares["action"] >= MIN_ACTION_SHARE else 0.0
    points += 5.0 * d["situation"] if a.shares["situation"] <= MAX_SITUATION_SHARE else 0.0
    sub = a.substance
    repeated_share = sub.repeated_share if sub is not None else 0.0
    said = speaking_seconds(round(a.words * (1.0 - repeated_share)))
    low, high = TARGET_SECONDS
    if said < low:
        points -= min(20.0, (low - said) / 4)
    elif a.speaking_seconds > high:
        points -= min(20.0, (a.speaking_seconds - high) / 4)
    points -= min(9.0, 3.0 * len(a.vague))
    points -= 5.0 if a.shares["other"] > MAX_OTHER_SHARE else 0.0
    points -= REPEAT_PENALTY * repeated_share
    return max(0, min(100, round(points)))
