"""Lexical cues of STAR sentences: pronouns, task and result phrasing, measures, filler.

These are the hand-written part of the labeller's features (the others are
hashed words and bigrams and the position in the story). They are also used
directly by the analysis: first-person counts, vague phrases, and whether a
result is quantified.
"""

from __future__ import annotations

import re

import numpy as np

from loopcoach.text.numbers import find_measures

_I_RE = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself)\b", re.I)
_SUBJECT_I_RE = re.compile(r"\bI\b(?:'ve|'d)?")
_WE_RE = re.compile(r"\b(?:we|we've|we'd|we're|us|our|ours|ourselves|the team)\b", re.I)
_SUBJECT_WE_RE = re.compile(r"\b(?:we|we've|we'd|the team|my team|our team)\b", re.I)

_TASK_RE = re.compile(
    r"\b(?:i was (?:asked|tasked|assigned|given|responsible|in charge|the one|supposed|the (?:only )?engineer)|"
    r"(?:my|our) (?:task|job|goal|role|responsibility|part|mission|brief|target)\b|"
    r"the (?:goal|task|target|ask|challenge|plan) was|goal:|task:|"
    r"(?:i|we) (?:needed|had|wanted|was supposed|were supposed) to|i'm the one|"
    r"asked (?:me|us) to|i (?:took|take) (?:on|ownership)|i (?:volunteered|pitched|proposed to my)|"
    r"i set myself|i decided to (?:take|dig|own)|took it upon|owned the|was on call|on-call engineer)",
    re.I,
)
_RESULT_RE = re.compile(
    r"\b(?:as a result|in the end|eventually|result:|the result|the outcome|outcome:|ended up|since then|"
    r"afterwards|after the change|by the end|within (?:a|two|three|six) (?:quarter|month|week)s?|"
    r"(?:dropped|fell|rose|increased|decreased|improved|grew|doubled|tripled|halved|recovered|"
    r"went (?:up|down|from))\b|from [\w.,$]+ (?:\w+ )?to [\w.,$]+|"
    r"(?:was|were|got) (?:approved|adopted|launched|accepted|praised|promoted)|renewed|signed)",
    re.I,
)
_ACTION_START_RE = re.compile(
    r"^(?:(?:first|then|next|after that|finally|so|later|also|instead|once \w+ \w+|when \w+ \w+),?\s+)?"
    r"(?:i|we)\s+(?:also\s+|then\s+|first\s+|quickly\s+|immediately\s+)?"
    r"(?!was\b|were\b|had\b|have\b|am\b|think\b|guess\b|believe\b|am\b|would\b|'m\b)\w+",
    re.I,
)
_SITUATION_RE = re.compile(
    r"\b(?:at my (?:last|previous|current|first|second) (?:job|company|role)|when i (?:joined|was|moved)|"
    r"this was|back (?:in|when)|there (?:was|were|had been)|our \w+(?: \w+)? (?:was|were|had|used|ran)|"
    r"the company|context:|at a |i was working|i joined|i worked)\b",
    re.I,
)
_STATIVE_RE = re.compile(r"\b(?:was|were|had|had been|used to|kept|did not|didn't|could not|couldn't)\b", re.I)
_OTHER_RE = re.compile(
    r"\b(?:good question|great question|let me|i think|i guess|i'm not sure|not sure|honestly|um+|uh+|hmm+|"
    r"so yeah|that's (?:it|about it|basically it|the short version)|happy to|i learned|lesson|looking back|"
    r"i would love|i believe|i admire|i really|i remember|i'd have to|to be honest|anyway|"
    r"i have a good example|there are (?:so )?many|sure,|okay|ok,)\b",
    re.I,
)
_QUESTION_RE = re.compile(r"\?\s*$")
# A result told first, as a headline: "I cut costs by 70 percent, and here is how."
_TEASER_RE = re.compile(r"\b(?:here(?:'s| is) how|walk you through|the short version|in short|long story short|"
                        r"the headline|how i did it)\b", re.I)

_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred)"
# "fell by a third", "in half", "twice as many": quantities told in words, which find_measures leaves out.
_WORD_QUANTITY_RE = re.compile(
    r"\b(?:by (?:a|one) (?:third|quarter|fifth|half)|(?:in|by) half|twice as|three times|"
    r"(?:two|three|four|five|ten) times (?:as|more|faster|fewer|less)|doubled|tripled|halved|"
    r"from (?:about |around |roughly )?(?:a dozen|dozens of|hundreds of|" + _NUMBER_WORDS + r"|\d+) "
    r"(?:[\w-]+ ){0,3}to (?:about |around |roughly )?(?:zero|" + _NUMBER_WORDS + r"|\d+)\b|"
    r"\bin (?:one|two|three|four) meetings? instead of (?:two|three|four|five)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:percent|points?|hours?|days?|weeks?|months?)|"
    r"to zero\b)",
    re.I,
)

VAGUE_PHRASES: tuple[str, ...] = (
    "helped with", "helped out", "was involved in", "were involved in", "was part of", "took part in",
    "contributed to", "worked on it", "participated in", "was responsible for some", "assisted with",
    "had a hand in", "did some", "a lot of things", "and so on", "stuff like that", "things like that",
    "kind of", "sort of", "various things", "went well", "it worked out", "was a success",
)
_VAGUE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in VAGUE_PHRASES) + r")\b", re.I)

CUE_NAMES: tuple[str, ...] = (
    "subject_i", "subject_we", "any_i", "any_we", "task", "result", "action_start", "situation",
    "stative", "other", "question", "measure", "word_quantity", "vague", "length", "starts_i", "teaser",
)


def count_first_person(text: str) -> dict[str, int]:
    """Counts of "I" and "we" used as a subject (I, I've; we, the team, my team)."""
    return {"i": len(_SUBJECT_I_RE.findall(text)), "we": len(_SUBJECT_WE_RE.findall(text))}


def is_quantified(text: str) -> bool:
    """Whether the text measures something: a number with a unit or a comparison, in digits or words."""
    return bool(find_measures(text)) or bool(_WORD_QUANTITY_RE.search(text))


def vague_phrases(text: str) -> list[str]:
    """The vague phrases found in the text, lower-cased, in order."""
    return [m.group(0).lower() for m in _VAGUE_RE.finditer(text)]


def cue_vector(sentence: str) -> np.ndarray:
    """The lexical cue features of one sentence, in CUE_NAMES order, each in [0, 1]."""
    words = sentence.split()
    stripped = sentence.strip()
    values = [
        min(len(_SUBJECT_I_RE.findall(sentence)), 3) / 3,
        min(len(_SUBJECT_WE_RE.findall(sentence)), 3) / 3,
        float(bool(_I_RE.search(sentence))),
        float(bool(_WE_RE.search(sentence))),
        float(bool(_TASK_RE.search(sentence))),
        float(bool(_RESULT_RE.search(sentence))),
        float(bool(_ACTION_START_RE.match(stripped))),
        float(bool(_SITUATION_RE.search(sentence))),
        float(bool(_STATIVE_RE.search(sentence))),
        float(bool(_OTHER_RE.search(sentence))),
        float(bool(_QUESTION_RE.search(stripped))),
        min(len(find_measures(sentence)), 3) / 3,
        float(bool(_WORD_QUANTITY_RE.search(sentence))),
        float(bool(_VAGUE_RE.search(sentence))),
        min(len(words), 40) / 40,
        float(stripped.startswith(("I ", "I'"))),
        float(bool(_TEASER_RE.search(sentence))),
    ]
    return np.asarray(values, dtype=np.float32)
