"""The rule-based follow-up planner: what a human interviewer would probe next.

Probes come from two places, both measured rather than guessed:

- the gaps the grader found (a rubric point not covered): asked about by one
  of its keywords, never by reading the point out (that would give the
  answer away), or by the probe the content's author wrote for it;
- the candidate's own words: a metric they named ("why that metric?"), a
  model they picked ("why that over a simple baseline?"), a number they gave
  (design: "what if that grew 10x?"), an absolute claim ("is that always
  true?").

Turns alternate between the two, the most important gap first, and never
ask about the same thing twice. Deterministic: the same answer gets the
same follow-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from loopcoach.areas.interview.turns import Gap, InterviewContext, Probe
from loopcoach.text.numbers import find_measures
from loopcoach.text.sentences import split_sentences

# Surface forms -> the name used in the question. Longer forms first so "ROC AUC" wins over "AUC".
METRICS: tuple[tuple[str, str], ...] = (
    (r"roc[- ]auc|auc[- ]roc|area under the (?:roc )?curve", "ROC AUC"),
    (r"pr[- ]auc|auc[- ]pr|average precision", "PR AUC"),
    (r"f1(?:[- ]score)?|f-beta|f beta", "F1"),
    (r"precision@\d+|precision at \d+|precision", "precision"),
    (r"recall@\d+|recall at \d+|recall|sensitivity", "recall"),
    (r"\bauc\b", "AUC"),
    (r"accuracy", "accuracy"),
    (r"log[- ]?loss|cross[- ]entropy", "log loss"),
    (r"rmse|root mean squared error", "RMSE"),
    (r"\bmae\b|mean absolute error", "MAE"),
    (r"mape", "MAPE"),
    (r"\bmse\b|mean squared error", "MSE"),
    (r"ndcg(?:@\d+)?", "NDCG"),
    (r"\bmrr\b|mean reciprocal rank", "MRR"),
    (r"\bmap@\d+|mean average precision", "MAP"),
    (r"hit[- ]rate(?:@\d+)?", "hit rate"),
    (r"click[- ]through rate|\bctr\b", "click-through rate"),
    (r"bleu", "BLEU"),
    (r"rouge", "ROUGE"),
    (r"perplexity", "perplexity"),
    (r"calibration|brier score", "calibration"),
    (r"p99|p95|tail latency", "tail latency"),
)
MODELS: tuple[tuple[str, str], ...] = (
    (r"logistic regression", "logistic regression"),
    (r"linear regression", "linear regression"),
    (r"xgboost|lightgbm|catboost|gradient[- ]boost\w*|gbdt", "gradient boosting"),
    (r"random forests?", "a random forest"),
    (r"two[- ]tower", "a two-tower model"),
    (r"\bbert\b|roberta|distilbert", "BERT"),
    (r"\bgpt-?\d*\b|\bllms?\b|large language model", "an LLM"),
    (r"transformers?", "a transformer"),
    (r"\blstms?\b|\brnns?\b", "a recurrent network"),
    (r"\bcnns?\b|convolutional", "a CNN"),
    (r"\bsvms?\b|support vector", "an SVM"),
    (r"k-?means", "k-means"),
    (r"matrix factori[sz]ation|collaborative filtering", "matrix factorisation"),
    (r"deep (?:neural )?net\w*|neural net\w*", "a neural network"),
)
_ABSOLUTE = re.compile(r"\b(always|never|guarantee[sd]?|impossible|cannot fail|no matter what|every time)\b", re.I)
_METRIC_RES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), name) for p, name in METRICS]
_MODEL_RES = [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), name) for p, name in MODELS]
_SCALE_KINDS = frozenset({"count", "rate", "size", "percent", "money", "time", "duration"})
MAX_QUOTE = 120


def _first_hits(text: str, table: Sequence[tuple[re.Pattern[str], str]]) -> list[tuple[int, str, str]]:
    """(position, canonical name, surface) of each name found in ``text``, in text order, once per name."""
    hits: dict[str, tuple[int, str, str]] = {}
    taken: list[tuple[int, int]] = []
    for regex, name in table:
        for m in regex.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if name not in hits:
                hits[name] = (m.start(), name, m.group(0))
            break
    return sorted(hits.values())


def _quote(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


def plain_keywords(gap: Gap) -> list[str]:
    """The gap's keywords that are words, not formulas (a formula would give the answer away)."""
    out = []
    for kw in gap.keywords:
        kw = kw.strip().rstrip("*")
        if kw and not re.search(r"[()/+=]", kw):
            out.append(kw)
    return out


def gap_anchor(gap: Gap, answer: str) -> str:
    """The words to ask a gap by: its first keyword the candidate did not use, else its leading words."""
    lowered = answer.lower()
    for kw in plain_keywords(gap):
        if kw.lower() not in lowered:
            return kw
    words = re.findall(r"[A-Za-z][\w-]*", gap.text)
    return " ".join(words[:4]).lower() if words else gap.text


def gap_probes(ctx: InterviewContext) -> list[Probe]:
    """One probe per gap, most important first."""
    out = []
    for gap in ctx.gaps:
        anchor = gap_anchor(gap, ctx.answer)
        if gap.probe:
            question = gap.probe.strip()
        elif ctx.area == "design":
            question = f"What about {anchor}? How would it shape your design?"
        else:
            question = f"Can you say more about {anchor}? Where does it come in here, and why does it matter?"
        related = tuple(k for k in plain_keywords(gap) if k != anchor)
        reason = ("the grader found a key point about this missing" if gap.probe else
                  "the grader found a key point about this missing (not read out: that would give it away)")
        out.append(Probe(f"gap:{gap.id}", "gap", question, anchor, reason, related))
    return out


def word_probes(ctx: InterviewContext) -> list[Probe]:
    """Probes on the candidate's own words: metrics, models, numbers (design) and absolute claims."""
    text = ctx.answer
    asked_about = {name for _, name, _ in _first_hits(ctx.topic, _METRIC_RES) + _first_hits(ctx.topic, _MODEL_RES)}
    found: list[tuple[int, Probe]] = []
    for pos, name, surface in _first_hits(text, _METRIC_RES):
        if name not in asked_about:  # naming what the question asks about is no choice of theirs
            found.append((pos, Probe(f"metric:{name}", "metric",
                                     f"You mention {name}. Why that metric here, and what could it hide?",
                                     surface, f"you named {name}; an interviewer asks why that metric")))
    for pos, name, surface in _first_hits(text, _MODEL_RES):
        if name not in asked_about:
            found.append((pos, Probe(f"model:{name}", "model",
                                     f"Why {name}? What simpler baseline would you compare it with first?",
                                     surface, f"you chose {name}; an interviewer asks what it beats")))
    if ctx.area == "design":
        for m in find_measures(text):
            if m.kind in _SCALE_KINDS:
                found.append((m.start, Probe(f"scale:{m.text}", "scale",
                                             f"You said {m.text}. What breaks first if that grew 10x?",
                                             m.text, f"you gave a number ({m.text}); an interviewer scales it")))
                break
    for i, s in enumerate(split_sentences(text)):
        if _ABSOLUTE.search(s.text):
            quote = _quote(s.text)
            found.append((s.start, Probe(f"claim:{i}", "claim",
                                         f"You said “{quote}”. Is that always true? When would it not hold?",
                                         quote, "an absolute claim: an interviewer looks for the exception")))
            break
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def fixed_probes(ctx: InterviewContext) -> list[Probe]:
    """The bank's own follow-ups, for when the answer left nothing else to probe."""
    return [Probe(f"fixed:{i}", "fixed", q, ctx.topic, "the question's own follow-up: your answer covered the rubric")
            for i, q in enumerate(ctx.fixed)]


def _interleave(first: Sequence[Probe], second: Sequence[Probe]) -> Iterable[Probe]:
    for i in range(max(len(first), len(second))):
        if i < len(first):
            yield first[i]
        if i < len(second):
            yield second[i]


def plan(ctx: InterviewContext) -> list[Probe]:
    """Every probe for this context, in the order an interviewer would ask them."""
    return [*_interleave(gap_probes(ctx), word_probes(ctx)), *fixed_probes(ctx)]


def next_probe(ctx: InterviewContext, asked: Sequence[str]) -> Probe | None:
    """The first planned probe whose target and wording were not asked yet (``asked``: targets or questions)."""
    done = {a.strip() for a in asked}
    for probe in plan(ctx):
        if probe.target not in done and probe.question not in done:
            return probe
    return None
