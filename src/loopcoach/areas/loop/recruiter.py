"""The recruiter screen's compensation question: does the answer give a researched range or defer well?

Recruiters ask for salary expectations early. A strong answer either gives
a researched range for the whole package (base, bonus, equity) or defers
politely until the role is clear; a single number anchors the candidate
and a vague answer without either reads as unprepared. Figures are found
with the text engine's measure finder (money, and counts such as "180k").
"""

from __future__ import annotations

import re
from typing import Any

from loopcoach.text.numbers import find_measures

PACKAGE = re.compile(r"\b(base|total comp\w*|compensation|tc|equity|bonus|stock|rsus?|package)\b", re.I)
RANGE = re.compile(r"\b(range|between|to|from)\b|-|–", re.I)
DEFER = re.compile(r"\b(flexible|learn more|understand the role|discuss|open to|depends on|market rate|"
                    r"fair offer|competitive|before (?:we|i) talk numbers)\b", re.I)
RESEARCH = re.compile(r"\b(research\w*|levels\.fyi|market data|similar roles|benchmark\w*|data i found)\b", re.I)


def _figures(text: str) -> list[str]:
    out = []
    for m in find_measures(text):
        if m.kind == "money" or (m.kind == "count" and re.search(r"\d\s*(k|K|thousand)\b", m.text)):
            out.append(m.text)
    return out


def compensation_answer(text: str) -> dict[str, Any]:
    """Rating 1-4 and its evidence for an answer to 'What are your salary expectations?'."""
    if not text.strip():
        return {"rating": 1, "evidence": "No answer to the salary question.", "figures": []}
    figures = _figures(text)
    package = bool(PACKAGE.search(text))
    researched = bool(RESEARCH.search(text))
    if len(figures) >= 2 or (figures and RANGE.search(text) and "thousand" in text.lower()):
        rating = 4 if (package or researched) else 3
        why = f"Gives a range ({' to '.join(figures[:2])})" + (
            " tied to the package and research." if rating == 4 else "; say whether it is base or total "
                                                                    "compensation and where the range comes from.")
    elif figures:
        rating = 2 if not researched else 3
        why = f"Gives a single number ({figures[0]}), which anchors you; give a researched range instead."
    elif DEFER.search(text):
        rating = 3
        why = "Defers the number until the role is clear, which is a sound move this early."
    else:
        rating = 2
        why = "Neither a researched range nor a clear deferral: prepare one of the two."
    return {"rating": rating, "evidence": why, "figures": figures}
