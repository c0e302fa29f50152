"""Interview scorecards in interviewers' terms, built from the areas' own analyses, and the loop report.

Each interview is rated on its area's dimensions from 1 (strong concerns)
to 4 (strong); every rating carries the evidence it rests on, quoted from
the area's analysis (the judge's verdict, the grader's covered and missing
key points, the design steps, the STAR components). The interview's signal
follows from the ratings:

- mean >= 3.5 -> hire; >= 2.75 -> lean hire; >= 2.0 -> lean no hire; else
  no hire; a dimension rated 1 caps the signal at lean no hire.

The loop report combines the interviews: the decision from the signals,
strengths (dimensions rated 4), and the gaps ranked by how much raising
each one to "meets the bar" (3) would change the decision and the
interview's signal.
"""

from __future__ import annotations

from typing import Any

from loopcoach.areas.coding.claims import parse_claim
from loopcoach.areas.coding.complexity import claim_class

SIGNALS = ("no_hire", "lean_no_hire", "lean_hire", "hire")
SIGNAL_LABELS = {"hire": "Hire", "lean_hire": "Lean hire", "lean_no_hire": "Lean no hire", "no_hire": "No hire"}
DIMENSIONS: dict[str, list[tuple[str, str]]] = {
    "coding": [("problem_solving", "Problem solving"), ("code_quality", "Code quality"),
               ("complexity_analysis", "Complexity analysis"), ("communication", "Communication")],
    "design": [("problem_understanding", "Problem understanding"), ("data_and_features", "Data and features"),
               ("modelling", "Modelling"), ("deployment", "Deployment"), ("communication", "Communication")],
    "theory": [("correctness", "Correctness"), ("depth", "Depth"),
               ("intuition_and_examples", "Intuition and examples")],
    "behavioral": [("structure", "Structure"), ("ownership", "Ownership"), ("impact", "Impact")],
    "recruiter": [("pitch", "Two-minute pitch"), ("impact", "Impact with numbers"), ("motivation", "Motivation"),
                  ("compensation", "Compensation answer")],
}
#: The practice drill that targets each dimension (the report's next session).
DRILLS: dict[str, str] = {
    "problem_solving": "Solve these under a 30-minute timer, talking through a brute force first",
    "code_quality": "Solve these and run edge cases (empty, one element, duplicates) before submitting",
    "complexity_analysis": "Before running each one, write its time and space complexity and check the measurement",
    "communication": "Explain your approach, its complexity and the edge cases out loud before coding",
    "correctness": "Answer these and fix every misconception the grader flags",
    "depth": "Answer these covering every key point; reread the model answer's missed points",
    "intuition_and_examples": "Answer these with one intuition and one concrete example each",
    "problem_understanding": "Spend the first 8 minutes on clarifying questions (scale, latency, data, metric)",
    "data_and_features": "Write the data sources, labels and 5 concrete features before any model",
    "modelling": "Start from a simple baseline, then justify the upgrade and the offline metric",
    "deployment": "Cover serving, monitoring, drift and retraining explicitly",
    "structure": "Rewrite these stories with all four STAR parts",
    "ownership": "Retell these saying what you did, with 'I' rather than 'we'",
    "impact": "End each story with a measured result",
    "pitch": "Record your two-minute pitch again and check it",
    "motivation": "Prepare 60-second answers on why this role and company",
    "compensation": "Research a range for base and total compensation, or a polite deferral",
}
APPROACH_WORDS = ("hash", "map", "dictionary", "set", "sort", "two pointer", "pointer", "window", "stack", "queue",
                  "heap", "binary search", "bfs", "dfs", "graph", "tree", "recurs", "dynamic programming", "dp",
                  "memo", "greedy", "iterate", "loop", "scan", "prefix", "backtrack", "union find", "trie")
EDGE_WORDS = ("edge case", "empty", "duplicate", "negative", "overflow", "single", "test", "corner", "null", "none")
COMPLEXITY_WORDS = ("o(", "linear", "quadratic", "logarithmic", "time complexity", "space")


def band(value: float, cuts: tuple[float, float, float]) -> int:
    """1-4 from a value and the three cut points for 2, 3 and 4."""
    return 1 + sum(value >= c for c in cuts)


def signal_of(ratings: list[int]) -> str:
    """The hire signal of one interview's ratings (see the module docstring)."""
    if not ratings:
        return "no_hire"
    mean = sum(ratings) / len(ratings)
    level = 3 if mean >= 3.5 else 2 if mean >= 2.75 else 1 if mean >= 2.0 else 0
    if min(ratings) == 1:
        level = min(level, 1)
    return SIGNALS[level]


def _rating(dim: str, label: str, value: int, evidence: list[str]) -> dict[str, Any]:
    return {"id": dim, "label": label, "rating": max(1, min(4, value)), "evidence": [e for e in evidence if e]}


def coding_card(result: dict[str, Any], claimed_time: str, approach: str, optimal: str | None) -> list[dict[str, Any]]:
    """Ratings of a coding interview from the judge's result (``services.coding.submit``)."""
    verdict, passed, total = str(result.get("verdict")), int(result.get("passed", 0)), int(result.get("total", 0))
    share = passed / total if total else 0.0
    tests = f"{passed}/{total} tests passed"
    message = str(result.get("message", ""))[:240]
    solving = 4 if verdict == "accepted" else band(share, (0.3, 0.7, 2.0))
    measured = (result.get("complexity") or {}).get("time")
    if verdict in ("compile_error", "runtime_error", "internal_error"):
        quality, why = 1, f"The code did not run cleanly ({verdict.replace('_', ' ')})."
    elif verdict in ("time_limit_exceeded", "memory_limit_exceeded", "output_limit_exceeded"):
        quality, why = 2, f"Correct logic is not enough: {verdict.replace('_', ' ')} on the larger tests."
    elif verdict != "accepted":
        quality, why = 2, "Wrong answers on some inputs: edge cases are not handled."
    elif measured and optimal and measured != optimal:
        quality, why = 3, f"Accepted, but it measures {measured} where {optimal} is possible."
    else:
        quality, why = 4, "Accepted on every test" + (f" at the optimal {optimal}." if optimal else ".")
    claim = parse_claim(claimed_time).time if claimed_time.strip() else None
    said = claim.text() if claim else None
    cls = claim_class(claim, ((result.get("complexity") or {}).get("size_param"))) if claim else None
    if not claimed_time.strip():
        complexity, cwhy = 1, "No time complexity was stated."
    elif claim is None:
        complexity, cwhy = 2, f"The stated complexity '{claimed_time.strip()}' could not be read as a bound."
    elif not measured:
        # nothing ran far enough to be measured: a claim that cannot be checked earns no credit
        complexity, cwhy = 2, (f"Stated {said}, but the code did not pass "
                               f"({verdict.replace('_', ' ')}), so the claim could not be checked "
                               "against a measurement.")
    elif cls == measured and cls == optimal:
        complexity, cwhy = 4, f"Stated {said}, which matches the measurement and is optimal."
    elif cls == measured:
        complexity, cwhy = 3, f"Stated {said}, which matches the measurement (optimal is {optimal})."
    else:
        complexity, cwhy = 2, f"Stated {said}, but the solution measures {measured} (optimal {optimal})."
    space = result.get("space_check") or {}
    if space and not space.get("ok", True):
        complexity = min(complexity, 2)
        cwhy += " " + str(space.get("message", ""))
    words = len(approach.split())
    low = approach.lower()
    covers = [name for name, keys in (("the approach", APPROACH_WORDS), ("complexity", COMPLEXITY_WORDS),
                                      ("edge cases or tests", EDGE_WORDS)) if any(k in low for k in keys)]
    comm = 1 if words < 12 else 1 + len(covers)
    missing = [n for n in ("the approach", "complexity", "edge cases or tests") if n not in covers]
    comm_why = (f"The explanation has {words} words" + (f" and covers {', '.join(covers)}" if covers else "")
                + (f"; it does not mention {', '.join(missing)}." if missing else "."))
    feedback = [str(f) for f in result.get("feedback", [])][:2]
    return [_rating("problem_solving", "Problem solving", solving, [f"Verdict {verdict.replace('_', ' ')}: {tests}.",
                                                                     message if verdict != "accepted" else ""]),
            _rating("code_quality", "Code quality", quality, [why]),
            _rating("complexity_analysis", "Complexity analysis", complexity, [cwhy, *feedback]),
            _rating("communication", "Communication", comm, [comm_why])]


def _named(titles: list[str]) -> str:
    """Question titles as a list ending in one full stop (titles hold commas and end in '?')."""
    text = "; ".join(titles)
    return text if text.endswith(("?", ".", "!")) else text + "."


def theory_card(results: list[dict[str, Any]], titles: list[str]) -> list[dict[str, Any]]:
    """Ratings of a theory interview from the grader's results (one per question)."""
    if not results:
        return []
    scores = [int(r.get("score", 0)) for r in results]
    mean = sum(scores) / len(scores)
    wrong = [(t, m) for t, r in zip(titles, results, strict=True) for m in r.get("misconceptions", [])]
    correctness = band(mean, (35, 55, 75))
    if wrong:
        correctness = min(correctness, 2)
    ev = [f"{t}: {s}/100." for t, s in zip(titles, scores, strict=True)]
    ev += [f"{t}: stated that \"{m.get('claim', '')}\"; {m.get('correction', '')}" for t, m in wrong[:2]]
    points = [p for r in results for p in r.get("key_points", [])]
    covered = sum(1 for p in points if p.get("covered"))
    share = covered / len(points) if points else 0.0
    missing = [str(p.get("text")) for p in points if not p.get("covered")][:3]
    depth_ev = [f"{covered} of {len(points)} key points covered."] + [f"Missing: {m}" for m in missing]
    intuition = sum(1 for r in results if r.get("has_intuition"))
    example = sum(1 for r in results if r.get("has_example"))
    ie_share = (intuition + example) / (2 * len(results))
    ie_ev = [f"Intuition in {intuition} of {len(results)} answers, a concrete example in {example}."]
    # The advice names only the answers that lack each part, so it always agrees with the counts.
    no_intuition = [t for t, r in zip(titles, results, strict=True) if not r.get("has_intuition")]
    no_example = [t for t, r in zip(titles, results, strict=True) if not r.get("has_example")]
    if no_intuition:
        ie_ev.append(f"Add an intuition to: {_named(no_intuition)}")
    if no_example:
        ie_ev.append(f"Add a concrete example to: {_named(no_example)}")
    return [_rating("correctness", "Correctness", correctness, ev),
            _rating("depth", "Depth", band(share, (0.35, 0.6, 0.8)), depth_ev),
            _rating("intuition_and_examples", "Intuition and examples", band(ie_share, (0.25, 0.5, 0.99)), ie_ev)]


def design_card(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Ratings of a design interview from the design grader's seven steps."""
    steps = {s["id"]: s for s in result.get("steps", [])}

    def score(*ids: str) -> tuple[float, list[str]]:
        got = [steps[i] for i in ids if i in steps]
        value = sum(float(s.get("score", 0.0)) for s in got) / len(got) if got else 0.0
        missing = [f"{s['id'].replace('_', ' ')}: missing {m}" for s in got for m in s.get("missing", [])[:2]]
        return value, [f"{', '.join(i.replace('_', ' ') for i in ids)}: {round(value * 100)}% covered.", *missing]

    cuts = (0.25, 0.5, 0.75)
    out = []
    for dim, label, ids in (("problem_understanding", "Problem understanding", ("clarify",)),
                            ("data_and_features", "Data and features", ("data", "features")),
                            ("modelling", "Modelling", ("model", "training_evaluation")),
                            ("deployment", "Deployment", ("deployment_monitoring",))):
        value, ev = score(*ids)
        out.append(_rating(dim, label, band(value, cuts), ev))
    covered = sum(1 for s in steps.values() if s.get("covered"))
    hl, hl_ev = score("high_level_design")
    comm = band((hl + covered / 7) / 2, cuts)
    out.append(_rating("communication", "Communication", comm,
                       [f"{covered} of 7 framework steps covered.", *hl_ev[:1]]))
    return out


def behavioral_card(results: list[dict[str, Any]], titles: list[str]) -> list[dict[str, Any]]:
    """Ratings of a behavioral interview from the STAR analyses (one per question)."""
    if not results:
        return []
    comps = [sum(bool(v) for v in r.get("components", {}).values()) for r in results]
    structure_ev = [f"{t}: {c} of 4 STAR parts" + (" (missing " + ", ".join(
        k for k, v in r.get("components", {}).items() if not v) + ")" if c < 4 else "") + "."
        for t, c, r in zip(titles, comps, results, strict=True)]
    i_total = sum(int(r.get("first_person", {}).get("i", 0)) for r in results)
    we_total = sum(int(r.get("first_person", {}).get("we", 0)) for r in results)
    own = i_total / (i_total + we_total) if i_total + we_total else 0.0
    own_ev = [f"'I' {i_total} times, 'we' {we_total} times: say what you did yourself."
              if own < 0.5 else f"'I' {i_total} times, 'we' {we_total} times."]
    has_result = sum(1 for r in results if r.get("components", {}).get("result"))
    quantified = sum(1 for r in results if r.get("quantified_result"))
    impact = 1 + (has_result > 0) + (has_result == len(results)) + (quantified == len(results))
    impact_ev = [f"A result in {has_result} of {len(results)} answers, measured with a number in {quantified}."]
    return [_rating("structure", "Structure", band(sum(comps) / len(comps), (2, 3, 4)), structure_ev),
            _rating("ownership", "Ownership", band(own, (0.2, 0.4, 0.6)), own_ev),
            _rating("impact", "Impact", impact, impact_ev)]


def recruiter_card(pitch: dict[str, Any] | None, motivation: dict[str, Any] | None,
                   compensation: dict[str, Any]) -> list[dict[str, Any]]:
    """Ratings of a recruiter screen from the pitch analysis, the motivation answer and the salary answer."""
    out = []
    if pitch is not None:
        covers = pitch.get("covers", {})
        secs = float(pitch.get("speaking_seconds", 0))
        length = ("well short of the two minutes a recruiter expects" if secs < 60 else "within two minutes"
                  if pitch.get("within_two_minutes") else "over two minutes")
        pitch_ev = [f"Pitch score {pitch.get('score')}/100, about {round(secs)} seconds spoken ({length})."]
        pitch_ev += [str(f) for f in pitch.get("feedback", [])[:2]]
        out.append(_rating("pitch", "Two-minute pitch", band(float(pitch.get("score", 0)), (35, 60, 80)), pitch_ev))
        hits = [k for k in ("outcome", "metric") if covers.get(k)]
        out.append(_rating("impact", "Impact with numbers", 2 + len(hits) if covers.get("own_contribution") else
                           1 + len(hits), [f"Covers: {', '.join(k for k, v in covers.items() if v) or 'nothing'}."]))
    if motivation is not None:
        secs = float(motivation.get("speaking_seconds", 0))
        rating = 1 if secs < 15 else 2 if secs < 30 else 3 if secs <= 120 else 2
        specific = int(motivation.get("first_person", {}).get("i", 0))
        if rating == 3 and specific >= 3:
            rating = 4
        out.append(_rating("motivation", "Motivation", rating,
                           [f"About {round(secs)} seconds spoken ({motivation.get('words', 0)} words); "
                            "30 to 120 seconds is the range recruiters expect."]))
    out.append(_rating("compensation", "Compensation answer", int(compensation["rating"]),
                       [str(compensation["evidence"])]))
    return out


def scorecard(area: str, title: str, ratings: list[dict[str, Any]], overtime_s: float = 0.0) -> dict[str, Any]:
    """The interview's scorecard: ratings, signal and the reasons for it."""
    values = [int(r["rating"]) for r in ratings]
    sig = signal_of(values)
    strong = [r["label"] for r in ratings if r["rating"] == 4]
    weak = sorted((r for r in ratings if r["rating"] <= 2), key=lambda r: r["rating"])
    reasons = []
    if strong:
        reasons.append(f"Strong on {', '.join(strong)}.")
    for r in weak:
        reasons.append(f"{r['label']} rated {r['rating']}/4: {r['evidence'][0] if r['evidence'] else ''}".strip())
    if any(v == 1 for v in values):
        reasons.append("A dimension rated 1 keeps the signal at lean no hire or below.")
    if overtime_s > 60:
        reasons.append(f"Ran {round(overtime_s / 60)} minutes over the time box.")
    mean = sum(values) / len(values) if values else 0.0
    return {"area": area, "title": title, "ratings": ratings, "average": round(mean, 2), "signal": sig,
            "signal_label": SIGNAL_LABELS[sig], "reasons": reasons}


def loop_decision(signals: list[str]) -> str:
    """The loop's decision from the interview signals (hire 3 .. no hire 0 points)."""
    if not signals:
        return "no_hire"
    points = [SIGNALS.index(s) for s in signals]
    mean = sum(points) / len(points)
    level = 3 if mean >= 2.5 else 2 if mean >= 1.75 else 1 if mean >= 1.0 else 0
    if points.count(0) >= 1:
        level = min(level, 1)
    return SIGNALS[level]


def loop_report(cards: list[dict[str, Any]]) -> dict[str, Any]:
    """Strengths, gaps ranked by how much fixing them changes the outcome, and the decision."""
    decision = loop_decision([c["signal"] for c in cards])
    strengths = [f"{c['title']}: {r['label']}" for c in cards for r in c["ratings"] if r["rating"] == 4]
    gaps = []
    for i, card in enumerate(cards):
        for r in card["ratings"]:
            if r["rating"] >= 3:
                continue
            ratings = [3 if x is r else int(x["rating"]) for x in card["ratings"]]
            new_signal = signal_of(ratings)
            signals = [new_signal if j == i else c["signal"] for j, c in enumerate(cards)]
            new_decision = loop_decision(signals)
            gaps.append({
                "interview": card["title"], "area": card["area"], "dimension": r["id"], "label": r["label"],
                "rating": r["rating"], "evidence": r["evidence"],
                "decision_change": SIGNALS.index(new_decision) - SIGNALS.index(decision),
                "signal_change": SIGNALS.index(new_signal) - SIGNALS.index(card["signal"]),
                "decision_if_fixed": SIGNAL_LABELS[new_decision],
            })
    gaps.sort(key=lambda g: (-g["decision_change"], -g["signal_change"], g["rating"]))
    return {"decision": decision, "decision_label": SIGNAL_LABELS[decision], "strengths": strengths, "gaps": gaps}
