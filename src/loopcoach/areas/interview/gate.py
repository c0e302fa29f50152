"""The grounding gate: a model's text is shown only if it is one follow-up question on the chosen probe.

The model never judges. A reply is set aside, with the reason, when it

- is empty, longer than an interviewer's question, or not a question;
- grades: a score ("7/10", "85%" not quoted from the candidate), a verdict ("correct", "great answer",
  "hire"), or praise or blame of the answer;
- talks about itself or its instructions (a sign the candidate's text
  steered it: "as an AI", "system prompt", "ignore");
- is not about the probe the rules chose (none of the probe's words) or
  brings in words found neither in the question, the candidate's text nor
  the probe.

What passes is the question alone (a leading "Interviewer:" or quotes are
stripped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loopcoach.areas.interview.turns import InterviewContext, Probe
from loopcoach.text.tokens import content_words

MAX_CHARS = 320
MAX_WORDS = 50
MIN_WORDS = 4
#: Share of the reply's content words that must come from the question, the candidate's text or the probe.
MIN_GROUNDED_SHARE = 0.4

#: An interviewer's own vocabulary: words any follow-up may use without the candidate having said them.
INTERVIEW_WORDS = frozenset("""
measure model data example case change happen mean tell work use choose pick compare trade cost handle explain
think approach problem system production scale fail break grow miss metric baseline instead situation different
decide decision reason matter important affect impact detect know sure check test evaluate improve risk limit
assume assumption alternative simple simpler first next step walk part role say said mention describe justify
number rate time day week month user users count never always ever often many much more less kind way thing
exactly actually really instead still else rather whole
""".split())
_SCORE = re.compile(r"\b\d{1,3}\s*(?:/|out of)\s*\d{1,3}\b|\b\d{1,3}(?:\.\d+)?\s*(?:%|percent\b|points?\b)", re.I)
# Judgements of the answer or the candidate. ML words that collide ("score threshold", "user rating",
# "what could go wrong", "correct for imbalance") are not verdicts, so only verdict phrasing is matched.
_VERDICT = re.compile(
    r"^(?:great|good|excellent|perfect|nice|correct|exactly|right|wrong|incorrect|spot on)\b\s*[!.,;:]"
    r"|\b(?:your|the|that|this) (?:answer|explanation|response) (?:is|was)\b"
    r"|\b(?:great|good|nice|excellent|perfect|strong|weak|poor|solid|impressive) (?:answer|job|explanation|work|point)\b"
    r"|\b(?:is|was|that's|that is|you are|you're|you were) (?:correct|incorrect|right|wrong|spot on)\b"
    r"|\b(?:correct|right|wrong) answer\b|\bwell done\b|\b(?:no[- ])?hire\b|\bstrong candidate\b"
    r"|\byou (?:passed|failed|scored|get|got|earn|earned)\b|\bi(?:'d| would) (?:give|rate|score|grade)\b"
    r"|\b(?:score|grade|rating|mark) (?:of|is|was|for your)\b|\bverdict\b",
    re.I,
)
_META = re.compile(
    r"\b(as an ai|language model|system prompt|my instructions|the instructions|ignore|rubric|hidden facts?|"
    r"i cannot|i can't|i am unable|i'm unable|as requested)\b",
    re.I,
)
_PREFIX = re.compile(r"^\s*(?:\*\*)?(?:interviewer|follow[- ]?up(?: question)?|question)\s*(?:\*\*)?\s*:\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class GateResult:
    """Whether a model reply may be shown, the cleaned question, and the reason when it may not."""

    ok: bool
    text: str
    reason: str | None = None


def clean(reply: str) -> str:
    """The reply's first paragraph, without a speaker label, list marker or surrounding quotes."""
    text = (reply or "").strip()
    text = text.split("\n\n", 1)[0].strip()
    text = " ".join(text.split())
    text = _PREFIX.sub("", text)
    text = text.lstrip("-*• ").strip()
    if len(text) >= 2 and text[0] in "\"“'" and text[-1] in "\"”'":
        text = text[1:-1].strip()
    return text


def _words(text: str) -> set[str]:
    return {w.lower() for w in content_words(text) if len(w) > 2}


def check(reply: str, ctx: InterviewContext, probe: Probe) -> GateResult:
    """Gate one model reply for this context and probe."""
    text = clean(reply)
    words = text.split()
    if len(words) < MIN_WORDS:
        return GateResult(False, text, "the model's reply was empty or too short to be a question")
    if len(text) > MAX_CHARS or len(words) > MAX_WORDS:
        return GateResult(False, text, "the model's reply was longer than one interviewer question")
    if not text.endswith("?"):
        return GateResult(False, text, "the model's reply was not a question")
    if len(_SENTENCE_END.findall(text)) > 2:
        return GateResult(False, text, "the model's reply held more than one question")
    # A number the candidate gave ("you said 5% are spam") may be quoted back; any other looks like a score.
    scores = [m.group(0) for m in _SCORE.finditer(text) if m.group(0) not in ctx.answer]
    if scores or _VERDICT.search(text):
        return GateResult(False, text, "the model's reply judged the answer, and only loopcoach's grader does that")
    if _META.search(text):
        return GateResult(False, text, "the model's reply talked about its instructions instead of asking")
    own = _words(text)
    anchor = _words(probe.anchor) | _words(probe.question) | {w for r in probe.related for w in _words(r)}
    if anchor and not own & anchor:
        return GateResult(False, text, "the model's reply was not about the point chosen from your answer")
    known = _words(ctx.topic) | _words(ctx.answer) | anchor
    specific = own - INTERVIEW_WORDS
    if specific and len(specific & known) / len(specific) < MIN_GROUNDED_SHARE:
        return GateResult(False, text, "the model's reply brought in things neither you nor the question said")
    return GateResult(True, text)
