"""Numbers that measure something (85% to 92%, 3x, 2M users, $40k, 120 ms).

Years, dates, version numbers, model names (GPT-4, ResNet-50), list
numbering, a metric's cut-off ("recall@5") and time in a role ("4 years of
experience") are not measures: a resume bullet that only says "2019-2021" or
"Python 3.11" has no measured outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:k|K|m|M|mm|MM|b|B|bn|BN|thousand|million|billion|trillion)"
_TIME_UNITS = (
    r"(?:ms|msec|milliseconds?|µs|us|microseconds?|ns|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|"
    r"days?|weeks?|months?|years?|yrs?)"
)
_SIZE_UNITS = r"(?:KB|MB|GB|TB|PB|kb|mb|gb|tb|pb|KiB|MiB|GiB|TiB|params|parameters|tokens|QPS|qps|RPS|rps|TPS)"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_VERSIONED = (
    r"(?:python|java|cuda|pytorch|torch|tensorflow|tf|spark|node|ubuntu|debian|windows|ios|android|postgres|"
    r"postgresql|mysql|gpt|llama|mistral|claude|gemini|version|release|ver|v|java se|c\+\+|es|html|php|ruby|"
    r"scala|kotlin|swift|go|rust|rails|django|react|angular|vue|numpy|pandas|keras|opencv|cudnn|nccl|kubernetes)"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(rf"[+\-−~]?{_NUM}\s?(?:%|percent\b|per cent\b|pp\b|percentage points?\b|bps\b)", re.I)),
    ("money", re.compile(rf"[$€£¥]\s?{_NUM}\s?{_SCALE}?\b|\b{_NUM}\s?{_SCALE}?\s?(?:USD|EUR|GBP|dollars|euros)\b")),
    ("multiplier", re.compile(rf"\b{_NUM}\s?[x×](?![A-Za-z0-9])|\b{_NUM}-fold\b|\b(?:doubled|tripled|quadrupled|"
                              r"halved|two-fold|three-fold|ten-fold|tenfold|twofold|threefold)\b|\bin half\b", re.I)),
    ("duration", re.compile(rf"[+\-−~]?\b{_NUM}\s?{_TIME_UNITS}\b")),
    ("size", re.compile(rf"\b{_NUM}\s?{_SCALE}?\s?{_SIZE_UNITS}\b")),
    ("count", re.compile(rf"\b{_NUM}\s?{_SCALE}\+?(?![A-Za-z0-9])", re.I)),
    ("rank", re.compile(r"(?:\btop[\s-]?\d+\b|#\d+\b|\b\d+(?:st|nd|rd|th)\s+(?:place|of|out)\b)", re.I)),
    ("ratio", re.compile(rf"(?<![\d.])(?:0?\.\d+|1\.0+)\b(?!\.\d)|\b\d+\s?(?:/|out of)\s?\d+\b|\b{_NUM}\s?(?:points?|pts)\b")),
    ("count", re.compile(rf"[+\-−~]?\b{_NUM}\+?(?=\s+[A-Za-z(])")),
]

_YEAR_RE = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
_DATE_RE = re.compile(
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b{_MONTHS}\.?\s+\d{{4}}\b|"
    r"\b\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}/\d{4}\b|"
    r"\b(?:19|20)\d\d\s?[-–—]\s?(?:(?:19|20)\d\d|present|now|today|current)\b|\bQ[1-4]\s?(?:19|20)?\d\d\b",
    re.I,
)
_VERSION_RE = re.compile(rf"\b{_VERSIONED}[\s-]?v?\d+(?:\.\d+)*\b|\bv\d+(?:\.\d+)*\b|\b\d+\.\d+\.\d+\b", re.I)
_GLUED_RE = re.compile(r"[A-Za-z][A-Za-z]*-?\d+[A-Za-z0-9]*|\d+[A-Za-z]{2,}\d*[A-Za-z]*")
_LIST_NUMBER_RE = re.compile(r"(?m)^\s*\d{1,3}[.)](?=\s)")
_UNIT_TOKEN_RE = re.compile(rf"{_NUM}(?:x|{_TIME_UNITS}|{_SIZE_UNITS}|{_SCALE})")
# A metric's cut-off ("recall@5", "NDCG@10") names the metric, it is not a measured value.
_AT_K_RE = re.compile(r"[A-Za-z]+@\d+\b")
# Time in a role ("4 years of experience", "for 3 years") is tenure, not an outcome.
_TENURE_RE = re.compile(rf"\b{_NUM}\+?\s?(?:years?|yrs?)\b(?=\s+(?:of\b|experience\b))"
                        rf"|\b(?:for|over)\s+{_NUM}\+?\s?(?:years?|yrs?)\b", re.I)


@dataclass(frozen=True)
class Measure:
    """A number that measures something, with its kind and position."""

    text: str
    start: int
    end: int
    kind: str


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for regex in (_DATE_RE, _VERSION_RE, _LIST_NUMBER_RE, _AT_K_RE, _TENURE_RE):
        spans.extend((m.start(), m.end()) for m in regex.finditer(text))
    for m in _GLUED_RE.finditer(text):
        token = m.group(0)
        # "3x" and "10ms" are measures; GPT-4, ResNet50, EC2 and 2nd are names or ordinals.
        if _UNIT_TOKEN_RE.fullmatch(token):
            continue
        spans.append((m.start(), m.end()))
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_measures(text: str) -> list[Measure]:
    """All measures in ``text``, left to right, without overlaps."""
    excluded = _excluded_spans(text)
    taken: list[tuple[int, int]] = []
    found: list[Measure] = []
    for kind, regex in _PATTERNS:
        for m in regex.finditer(text):
            start, end = m.start(), m.end()
            token = m.group(0).strip()
            if not token or _overlaps(start, end, taken):
                continue
            if _overlaps(start, end, excluded) and kind not in ("percent", "money"):
                continue
            digits = re.sub(r"[^\d]", "", token)
            if kind == "count" and (_YEAR_RE.match(digits) and "," not in token):
                continue
            if kind == "count" and digits in ("0", "1") and not re.search(r"[kKmMbB+]", token):
                continue
            taken.append((start, end))
            found.append(Measure(text=token, start=start, end=end, kind=kind))
    found.sort(key=lambda x: x.start)
    return found


def has_measure(text: str) -> bool:
    """True when ``text`` holds at least one measure."""
    return bool(find_measures(text))
