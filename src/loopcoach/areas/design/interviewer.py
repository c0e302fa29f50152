"""The interviewer: answers a clarifying question from the prompt's hidden facts.

A question is matched to an intent (scale, latency, labels, metrics, privacy...)
by keywords and by embedding similarity to example questions. A recognised
intent with a fact gets the fact; a recognised intent the prompt leaves open,
or a request to make a design decision, gets a plain "that is up to you".
Questions joined with "?" or ";" are answered part by part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from loopcoach.areas.design.calibration import Calibration, load_calibration
from loopcoach.areas.design.intents import (
    DESIGN_CHOICE,
    INTENT_LEXICON,
    NOT_SPECIFIED,
    NOT_UNDERSTOOD,
    UP_TO_YOU,
)
from loopcoach.areas.design.matching import EmbedderLike, encode_memo
from loopcoach.content.schemas.design import DesignPrompt
from loopcoach.errors import EmptyInputError, TooLargeError

MAX_QUESTION_CHARS = 1_000
KEYWORD_BONUS = 0.25
_SPLIT = re.compile(
    r"(?<=\?)\s+|;\s+|\?\s*(?:and|also)\s+"
    # "..., and in how many languages?": a second question may open with a preposition before its question word
    r"|,?\s+and\s+(?=(?:(?:in|on|at|for|with|by|about|from|of|to|over)\s+)?"
    r"(?:what|which|how|do|does|is|are|who|where|when|can|will)\b)",
    re.I,
)


@dataclass(frozen=True)
class Reply:
    """The interviewer's answer to one question (or one part of it)."""

    question: str
    text: str
    kind: str  # fact | up_to_you | not_specified | unclear
    intent: str | None
    score: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"question": self.question, "text": self.text, "kind": self.kind, "intent": self.intent,
                "score": round(self.score, 3)}


def _keyword_pattern(words: list[str]) -> re.Pattern[str] | None:
    alts = []
    for w in words:
        w = w.strip().lower()
        if not w:
            continue
        if w.endswith("*"):
            alts.append(r"\b" + re.escape(w[:-1]) + r"\w*")
        else:
            alts.append(r"\b" + re.escape(w) + r"(?:s|es)?\b")
    return re.compile("|".join(alts), re.I) if alts else None


class Interviewer:
    """Answers clarifying questions for one prompt."""

    def __init__(self, prompt: DesignPrompt, embedder: EmbedderLike | None,
                 calibration: Calibration | None = None) -> None:
        self.prompt = prompt
        self.embedder = embedder
        self.cal = calibration or load_calibration()
        self.labels: list[str] = []
        self.patterns: list[re.Pattern[str] | None] = []
        examples: list[list[str]] = []
        for intent, (keywords, phrasings) in INTENT_LEXICON.items():
            fact = prompt.fact(intent)
            self.labels.append(intent)
            self.patterns.append(_keyword_pattern(keywords + (fact.keywords if fact else [])))
            examples.append(phrasings + (fact.phrasings if fact else []))
        self.labels.append("design_choice")
        self.patterns.append(_keyword_pattern(DESIGN_CHOICE[0]))
        examples.append(DESIGN_CHOICE[1] + [f"What {t} should I use?" for t in prompt.up_to_candidate])
        self._spans: list[tuple[int, int]] = []
        flat: list[str] = []
        for ex in examples:
            self._spans.append((len(flat), len(flat) + len(ex)))
            flat.extend(ex)
        self._vectors: np.ndarray | None = None
        if embedder is not None:
            self._vectors = encode_memo(embedder, flat)

    def classify(self, question: str) -> tuple[str | None, float, list[tuple[str, float]]]:
        """Return (best intent or None, its score, all scores sorted) for one question."""
        sem = np.zeros(len(self.labels))
        if self.embedder is not None and self._vectors is not None:
            q = np.asarray(self.embedder.encode([question], cache=False))[0]
            sims = self._vectors @ q
            sem = np.array([float(np.max(sims[a:b])) for a, b in self._spans])
        scores = []
        for i, label in enumerate(self.labels):
            pat = self.patterns[i]
            bonus = KEYWORD_BONUS if pat is not None and pat.search(question) else 0.0
            scores.append((label, float(sem[i]) + bonus))
        scores.sort(key=lambda x: -x[1])
        best, best_score = scores[0]
        if best_score < self.cal.question_threshold:
            return None, best_score, scores
        return best, best_score, scores

    def answer_part(self, question: str) -> Reply:
        """Answer one single question."""
        intent, score, _ = self.classify(question)
        if intent is None:
            return Reply(question, NOT_UNDERSTOOD, "unclear", None, score)
        if intent == "design_choice":
            return Reply(question, UP_TO_YOU, "up_to_you", intent, score)
        fact = self.prompt.fact(intent)
        if fact is None:
            return Reply(question, NOT_SPECIFIED, "not_specified", intent, score)
        return Reply(question, fact.answer, "fact", intent, score)

    def answer(self, question: str) -> list[Reply]:
        """Answer a question, splitting a compound one into parts; each distinct intent is answered once."""
        text = (question or "").strip()
        if not text:
            raise EmptyInputError("The question is empty: type a clarifying question for the interviewer.")
        if len(text) > MAX_QUESTION_CHARS:
            raise TooLargeError(f"Questions are limited to {MAX_QUESTION_CHARS} characters; ask one thing at a time.")
        parts = [p.strip() for p in _SPLIT.split(text) if p and len(p.strip().split()) >= 2] or [text]
        replies: list[Reply] = []
        seen: set[str | None] = set()
        for part in parts[:4]:
            r = self.answer_part(part)
            key = r.intent if r.kind == "fact" else r.kind
            if key in seen:
                continue
            seen.add(key)
            replies.append(r)
        facts = [r for r in replies if r.kind == "fact"]
        return facts if facts and len(replies) > 1 and all(r.kind == "unclear" for r in replies if r not in facts) \
            else replies
