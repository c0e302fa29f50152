"""Delivery analysis of a spoken answer: pace, filler words, hedges, pauses and time against the budget.

Input is what the recogniser gives: the words with their start and end
times, and the voiced spans found by voice-activity detection. Whisper
tends to leave disfluencies out of its transcript, so fillers are counted
two ways: the filler words it did write (it writes more of them when its
prompt contains some, see ``recognizer``), and short voiced sounds between
two pauses that no recognised word covers, which in an answer are nearly
always an "um" or "uh" the model dropped. Pauses come from the voiced spans,
not from the word times, which Whisper stretches across silences.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

# What a sound must look like to count as a dropped filler: voiced, short, with no word inside it.
UNHEARD_FILLER_MIN_S = 0.15
UNHEARD_FILLER_MAX_S = 1.0
PAUSE_MIN_S = 1.0   # a silence this long between two voiced spans is a pause worth showing
LONG_PAUSE_S = 3.0  # and this long, one an interviewer notices
TIMELINE_STEP_S = 15.0
BUDGETS_S = {"pitch": (90.0, 120.0), "story": (90.0, 180.0), "theory": (60.0, 180.0), "answer": (0.0, 180.0)}
PACE_SLOW, PACE_FAST = 110.0, 170.0  # words per minute: comfortable interview speech lies between

FILLER_WORDS = frozenset({"um", "umm", "uhm", "uh", "uhh", "er", "erm", "ah", "ahh", "hmm", "mm", "mhm"})
# Multi-word fillers count when they stand between pauses or punctuation, not inside a sentence that needs them.
FILLER_PHRASES = (("you", "know"), ("i", "mean"))
HEDGES = (("i", "think"), ("i", "guess"), ("i", "believe"), ("kind", "of"), ("sort", "of"), ("maybe",),
          ("probably",), ("perhaps",), ("hopefully",), ("somewhat",), ("i", "feel", "like"))
_LIKE_AS_VERB = frozenset({"would", "i'd", "we'd", "you'd", "feel", "felt", "look", "looks", "looked", "sound",
                           "sounds", "seem", "seems", "just"})
_TOKEN = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class Word:
    """One recognised word with its times in seconds."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Mark:
    """A filler or hedge found at a time; ``heard`` is False for a sound the recogniser did not write down."""

    text: str
    start_s: float
    heard: bool = True


@dataclass(frozen=True)
class Pause:
    """A silence between two voiced spans."""

    start_s: float
    end_s: float

    @property
    def seconds(self) -> float:
        """The pause's length."""
        return self.end_s - self.start_s


@dataclass
class Delivery:
    """Everything the coach says about how an answer was spoken."""

    transcript: str
    words: int
    duration_s: float
    speaking_s: float
    wpm: float
    fillers: list[Mark]
    fillers_per_min: float
    hedges: list[Mark]
    hedges_per_min: float
    pauses: list[Pause]
    long_pauses: int
    kind: str
    target_s: float
    within_target: bool
    timeline: list[dict[str, float]] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``speech transcribe --json``)."""
        out = asdict(self)
        out["pauses"] = [{"start_s": p.start_s, "end_s": p.end_s, "seconds": round(p.seconds, 2)}
                         for p in self.pauses]
        return out


def _norm(text: str) -> str:
    return "".join(_TOKEN.findall(text.lower().replace("’", "'")))


def _ends_clause(text: str) -> bool:
    return text.rstrip().endswith((",", ".", "?", "!", ";", ":", "...", "…"))


def find_fillers(words: list[Word]) -> list[Mark]:
    """Filler words the recogniser wrote: "um"/"uh" always; "like", "you know", "I mean" when set off as a filler."""
    marks: list[Mark] = []
    tokens = [_norm(w.text) for w in words]
    i = 0
    while i < len(words):
        tok = tokens[i]
        before_break = i == 0 or _ends_clause(words[i - 1].text)
        if tok in FILLER_WORDS:
            marks.append(Mark(tok, round(words[i].start, 2)))
            i += 1
            continue
        phrase = next((p for p in FILLER_PHRASES if tuple(tokens[i:i + len(p)]) == p), None)
        if phrase is not None:
            last = words[i + len(phrase) - 1].text
            if before_break or _ends_clause(last):
                marks.append(Mark(" ".join(phrase), round(words[i].start, 2)))
                i += len(phrase)
                continue
        # "like" as a filler is set off by punctuation ("it was, like, slow"); as a verb or preposition it is not.
        if tok == "like" and (before_break or _ends_clause(words[i].text)) and \
                (i == 0 or tokens[i - 1] not in _LIKE_AS_VERB):
            marks.append(Mark("like", round(words[i].start, 2)))
        i += 1
    return marks


def find_hedges(words: list[Word]) -> list[Mark]:
    """Hedging phrases ("I think", "maybe", "kind of"...) that weaken a claim when overused."""
    tokens = [_norm(w.text) for w in words]
    marks: list[Mark] = []
    i = 0
    while i < len(tokens):
        phrase = next((p for p in sorted(HEDGES, key=len, reverse=True) if tuple(tokens[i:i + len(p)]) == p), None)
        if phrase is None:
            i += 1
            continue
        marks.append(Mark(" ".join(phrase), round(words[i].start, 2)))
        i += len(phrase)
    return marks


def find_pauses(spans: list[tuple[float, float]], min_s: float = PAUSE_MIN_S) -> list[Pause]:
    """Silences of at least ``min_s`` between voiced spans (the silence before the first word is not a pause)."""
    ordered = sorted(spans)
    return [Pause(round(a_end, 2), round(b_start, 2)) for (_, a_end), (b_start, _) in pairwise(ordered)
            if b_start - a_end >= min_s]


def unheard_fillers(words: list[Word], spans: list[tuple[float, float]]) -> list[Mark]:
    """Short voiced spans that no recognised word overlaps: the sounds Whisper dropped, nearly always fillers."""
    marks = []
    for start, end in spans:
        if not UNHEARD_FILLER_MIN_S <= end - start <= UNHEARD_FILLER_MAX_S:
            continue
        # Whisper stretches word times over silences, so a word "covers" the sound only by its middle.
        if any(start - 0.05 <= (w.start + w.end) / 2 <= end + 0.05 for w in words):
            continue
        marks.append(Mark("(unclear sound)", round(start, 2), heard=False))
    return marks


def _merge_fillers(heard: list[Mark], unheard: list[Mark]) -> list[Mark]:
    # A sound within half a second of a filler already written down is that same filler.
    extra = [u for u in unheard if all(abs(u.start_s - h.start_s) > 0.5 for h in heard)]
    return sorted(heard + extra, key=lambda m: m.start_s)


def _timeline(words: list[Word], fillers: list[Mark], duration_s: float) -> list[dict[str, float]]:
    rows = []
    t = 0.0
    while t < duration_s:
        end = min(t + TIMELINE_STEP_S, duration_s)
        count = sum(1 for w in words if t <= w.start < end)
        span = end - t
        rows.append({"start_s": round(t, 1), "end_s": round(end, 1),
                     "wpm": round(60 * count / span, 1) if span >= 3 else 0.0,
                     "fillers": float(sum(1 for f in fillers if t <= f.start_s < end))})
        t = end
    return rows


def _per_min(count: int, seconds: float) -> float:
    return round(60 * count / seconds, 1) if seconds > 0 else 0.0


def analyse_delivery(words: list[Word], spans: list[tuple[float, float]], duration_s: float,
                     kind: str = "answer") -> Delivery:
    """The delivery of one answer from its timed words and voiced spans."""
    low, target = BUDGETS_S.get(kind, BUDGETS_S["answer"])
    transcript = " ".join(w.text.strip() for w in words).strip()
    counted = [w for w in words if _norm(w.text)]
    fillers = _merge_fillers(find_fillers(words), unheard_fillers(words, spans))
    hedges = find_hedges(words)
    pauses = find_pauses(spans)
    first = min((s for s, _ in spans), default=counted[0].start if counted else 0.0)
    last = max((e for _, e in spans), default=counted[-1].end if counted else 0.0)
    speaking = max(0.0, last - first)
    content_words = [w for w in counted if _norm(w.text) not in FILLER_WORDS]
    wpm = round(60 * len(content_words) / speaking, 1) if speaking >= 1 else 0.0
    d = Delivery(transcript=transcript, words=len(content_words), duration_s=round(duration_s, 2),
                 speaking_s=round(speaking, 2), wpm=wpm, fillers=fillers,
                 fillers_per_min=_per_min(len(fillers), speaking), hedges=hedges,
                 hedges_per_min=_per_min(len(hedges), speaking), pauses=pauses,
                 long_pauses=sum(1 for p in pauses if p.seconds >= LONG_PAUSE_S), kind=kind, target_s=target,
                 within_target=speaking <= target, timeline=_timeline(counted, fillers, duration_s))
    d.feedback = _feedback(d, low)
    return d


def clock(seconds: float) -> str:
    """Seconds as m:ss."""
    s = round(seconds)
    return f"{s // 60}:{s % 60:02d}"


def _feedback(d: Delivery, low: float) -> list[str]:
    out = []
    if d.speaking_s > d.target_s:
        out.append(f"You spoke for {clock(d.speaking_s)}, over the {clock(d.target_s)} budget: cut the set-up "
                   "and get to what you did sooner.")
    elif low and d.speaking_s < low and d.words:
        out.append(f"You spoke for {clock(d.speaking_s)}; {clock(low)}-{clock(d.target_s)} leaves room for "
                   "the result and a number.")
    if d.wpm > PACE_FAST:
        out.append(f"{d.wpm:.0f} words per minute is fast: slow down and let the key numbers land.")
    elif 0 < d.wpm < PACE_SLOW:
        out.append(f"{d.wpm:.0f} words per minute is slow: practise the story until it flows at 130-160.")
    if d.fillers_per_min >= 4 and len(d.fillers) >= 2:
        out.append(f"{len(d.fillers)} filler sounds ({d.fillers_per_min:.0f} a minute): pause silently instead "
                   "of saying um or uh; a short silence sounds more confident.")
    if d.hedges_per_min >= 3:
        out.append(f"{len(d.hedges)} hedges such as '{d.hedges[0].text}': state what you did and what it "
                   "achieved plainly.")
    if d.long_pauses:
        longest = max(d.pauses, key=lambda p: p.seconds)
        out.append(f"{d.long_pauses} long pause(s), the longest {longest.seconds:.1f} s at {clock(longest.start_s)}: "
                   "rehearse that part or bridge it with a short summary sentence.")
    if not out and d.words:
        out.append("Good delivery: pace, fillers and pauses are all within what interviewers find easy to follow.")
    return out


STAR_COMPONENTS = ("situation", "task", "action", "result", "other")


def word_offsets(words: list[Word]) -> list[tuple[int, int]]:
    """Each word's character span in the transcript ``analyse_delivery`` builds (words joined by one space)."""
    texts = [w.text.strip() for w in words]
    joined = " ".join(texts)
    lead = len(joined) - len(joined.lstrip())  # the transcript is stripped
    spans = []
    pos = -lead
    for text in texts:
        spans.append((pos, pos + len(text)))
        pos += len(text) + 1
    return spans


def star_timing(words: list[Word], sentences: list[dict[str, Any]]) -> dict[str, Any]:
    """Time spent on each STAR component of a spoken story.

    ``sentences`` are the STAR labeller's sentences of the transcript (``text``,
    ``label`` and the character ``start``/``end`` in it). Each sentence's words
    are found by their character span; the sentence runs from its first word's
    start to the next sentence's first word (the last one to its last word), so
    a pause belongs to the part it follows and the segments cover the answer.
    """
    offsets = word_offsets(words)
    segments: list[dict[str, Any]] = []
    for s in sentences:
        inside = [w for w, (a, b) in zip(words, offsets, strict=True)
                  if b > a and s["start"] <= (a + b) / 2 < s["end"]]
        if inside:
            segments.append({"label": s["label"], "start_s": round(inside[0].start, 2),
                             "end_s": round(inside[-1].end, 2), "words": len(inside)})
    for seg, following in pairwise(segments):
        if following["start_s"] >= seg["start_s"]:
            seg["end_s"] = following["start_s"]
    seconds = {c: 0.0 for c in STAR_COMPONENTS}
    for seg in segments:
        seg["seconds"] = round(max(0.0, seg["end_s"] - seg["start_s"]), 2)
        seconds[seg["label"]] = round(seconds.get(seg["label"], 0.0) + seg["seconds"], 2)
    total = sum(seconds.values())
    shares = {c: round(v / total, 3) if total else 0.0 for c, v in seconds.items()}
    return {"seconds": seconds, "shares": shares, "segments": segments, "feedback": _star_feedback(seconds, total)}


def _star_feedback(seconds: dict[str, float], total: float) -> list[str]:
    if not total:
        return []
    out = []
    setup = seconds["situation"] + seconds["task"]
    if setup / total > 0.4:
        out.append(f"You spent {clock(setup)} of {clock(total)} on the situation and the task: get to what you "
                   "did within the first 30-40 seconds.")
    if seconds["action"] / total < 0.35:
        out.append(f"Only {clock(seconds['action'])} went to your actions; they should take the largest part "
                   "of the answer.")
    if not seconds["result"]:
        out.append("The recording has no result part: end on what changed, with a number.")
    elif seconds["result"] < 5:
        out.append(f"The result took {seconds['result']:.0f} s: give it a sentence or two so the number lands.")
    return out
