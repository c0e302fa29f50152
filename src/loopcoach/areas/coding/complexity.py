"""Fit measured operation counts (and CPU times) to a complexity class.

The primary signal is the number of executed lines of the submission plus a
cost model for C-level calls (sorting, heaps, linear list methods), counted
inside the sandbox: it is deterministic, so repeated runs agree exactly.
CPU time (minimum of repeats) is a second signal used only to catch work the
counter cannot see (``x in list``, slicing): it can raise the class when its
log-log slope is far above the count's class, never lower it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from loopcoach.areas.coding.claims import Bound, Claim, parse_bound, parse_claim
from loopcoach.content.schemas.coding import COMPLEXITY_CLASSES

_LOG2 = math.log2
EXPONENT = {"O(1)": 0.0, "O(log n)": 0.15, "O(n)": 1.0, "O(n log n)": 1.1, "O(n^2)": 2.0,
            "O(n^3)": 3.0, "O(2^n)": 9.0}


@dataclass(frozen=True)
class Point:
    """One measurement: input size, operation count, best CPU ns (or None)."""

    size: float
    count: float
    cpu_ns: float | None = None


@dataclass
class Estimate:
    """The fitted class, a confidence in [0, 1] and each class's fit error."""

    time: str
    confidence: float
    errors: dict[str, float] = field(default_factory=dict)
    source: str = "count"
    time_slope: float | None = None


# the columns of each class's model: (terms, how many leading terms; one must be used)
MODELS: dict[str, tuple[tuple[str, ...], int]] = {
    "O(1)": (("1",), 1),
    "O(log n)": (("log n", "1"), 1),
    "O(n)": (("n", "log n", "1"), 1),
    "O(n log n)": (("n log n", "n", "1"), 1),
    "O(n^2)": (("n^2", "n", "1"), 1),
    "O(n^3)": (("n^3", "n^2", "1"), 1),
    "O(2^n)": (("n 2^n", "2^n", "n^3", "1"), 2),
}
TERMS: dict[str, Callable[[float], float]] = {
    "1": lambda n: 1.0,
    "log n": lambda n: _LOG2(n + 1),
    "n": lambda n: n,
    "n log n": lambda n: n * _LOG2(n + 1),
    "n^2": lambda n: n * n,
    "n^3": lambda n: n**3,
    "2^n": lambda n: 2.0 ** min(n, 60),
    "n 2^n": lambda n: n * 2.0 ** min(n, 60),
}


def _fit_error(xs: Sequence[float], ys: Sequence[float], cls: str) -> float:
    """Relative RMS error of the best non-negative fit of the class's model."""
    terms, leading = MODELS[cls]
    cols = [[TERMS[t](x) for x in xs] for t in terms]
    best = math.inf
    m = len(cols)
    # exhaustive non-negative least squares over subsets of the (<= 4) columns
    for mask in range(1, 1 << m):
        if not mask & ((1 << leading) - 1):
            continue  # a leading term of the class must be present
        use = [cols[j] for j in range(m) if mask >> j & 1]
        coef = _wls(use, ys)
        if coef is None or any(c < 0 for c in coef):
            continue
        err = 0.0
        for k, y in enumerate(ys):
            pred = sum(c * col[k] for c, col in zip(coef, use, strict=True))
            err += ((pred - y) / max(y, 1.0)) ** 2
        best = min(best, math.sqrt(err / len(ys)))
    return best


def _wls(cols: list[list[float]], ys: Sequence[float]) -> list[float] | None:
    """Least squares with weights 1/y (relative error), by normal equations."""
    m = len(cols)
    w = [1.0 / max(y, 1.0) for y in ys]
    a = [[sum(w[k] ** 2 * cols[i][k] * cols[j][k] for k in range(len(ys))) for j in range(m)]
         for i in range(m)]
    b = [sum(w[k] ** 2 * cols[i][k] * ys[k] for k in range(len(ys))) for i in range(m)]
    return _solve(a, b)


def _solve(a: list[list[float]], b: list[float]) -> list[float] | None:
    n = len(b)
    mat = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(mat[r][c]))
        if abs(mat[piv][c]) < 1e-300:
            return None
        mat[c], mat[piv] = mat[piv], mat[c]
        for r in range(n):
            if r != c:
                f = mat[r][c] / mat[c][c]
                mat[r] = [x - f * y for x, y in zip(mat[r], mat[c], strict=True)]
    return [mat[i][n] / mat[i][i] for i in range(n)]


def _slope(points: Sequence[Point]) -> float | None:
    """Theil-Sen log-log slope of CPU time over the larger two thirds of the sizes with
    measurable time: the median of the pairwise slopes, so that a load spike at one or two
    sizes on a busy machine cannot fake (or hide) a growth."""
    pts = [p for p in points if p.cpu_ns and p.cpu_ns > 200_000 and p.size > 1]
    if len(pts) < 3:
        return None
    pts = pts[len(pts) // 3:]
    logs = [(math.log(p.size), math.log(p.cpu_ns or 1.0)) for p in pts]
    slopes = sorted((y2 - y1) / (x2 - x1) for i, (x1, y1) in enumerate(logs)
                    for x2, y2 in logs[i + 1:] if x2 > x1)
    if not slopes:
        return None
    mid = len(slopes) // 2
    return slopes[mid] if len(slopes) % 2 else (slopes[mid - 1] + slopes[mid]) / 2


def estimate(points: Sequence[Point]) -> Estimate:
    """Pick the simplest class that fits the counts nearly as well as the best one."""
    pts = sorted(points, key=lambda p: p.size)
    xs = [p.size for p in pts]
    # worst-case growth is non-decreasing: an easy input at one size (an early exit)
    # must not pull the curve down, so fit the running maximum of the counts
    ys, top = [], 1.0
    for p in pts:
        top = max(top, p.count)
        ys.append(top)
    if len(set(xs)) < 3:
        return Estimate(time="O(1)" if len(set(ys)) <= 1 else "O(n)", confidence=0.2)
    errors = {cls: _fit_error(xs, ys, cls) for cls in COMPLEXITY_CLASSES}
    best_err = min(errors.values())
    tolerance = best_err * 1.5 + 0.03
    chosen = next(c for c in COMPLEXITY_CLASSES if errors[c] <= tolerance)
    lower = [errors[c] for c in COMPLEXITY_CLASSES[: COMPLEXITY_CLASSES.index(chosen)]]
    rival = min(lower, default=1.0)
    confidence = max(0.0, min(1.0, 1.0 - errors[chosen] / max(rival, 1e-9)))
    confidence *= max(0.0, 1.0 - errors[chosen])
    result = Estimate(time=chosen, confidence=round(confidence, 2), errors=errors)
    slope = _slope(pts)
    result.time_slope = None if slope is None else round(slope, 2)
    if slope is not None:
        # hidden C-level work shows up only in time; require a clear margin on a robust slope
        for cls, need in (("O(n^3)", 2.7), ("O(n^2)", 1.75), ("O(n)", 0.85)):
            if EXPONENT[cls] > EXPONENT[chosen] and slope >= need:
                result = Estimate(time=cls, confidence=round(min(0.8, 0.4 + (slope - need)), 2),
                                  errors=errors, source="time", time_slope=result.time_slope)
                break
    return result


def _rank(cls: str | None) -> int | None:
    return COMPLEXITY_CLASSES.index(cls) if cls in COMPLEXITY_CLASSES else None


def _measured_var(bound: Bound, size_param: str | None) -> str | None:
    """The claim's variable that the measurement grows (None: read every variable as n)."""
    names = bound.variables()
    if size_param and size_param.lower() in names:
        return size_param.lower()
    if len(names) == 1:
        return next(iter(names))
    return "n" if "n" in names else None


def claim_class(bound: Bound, size_param: str | None = None) -> str:
    """The one-variable class of a claimed bound, in the variable the estimator grows."""
    var = _measured_var(bound, size_param)
    return bound.one_variable() if var is None else bound.in_variable(var)


UNREADABLE = ("I could not read '{}' as a complexity; write it as a bound such as O(n log n), "
              "O(V + E) or O(n * m), or in words (\"linear\", \"n squared\").")


def complexity_feedback(claimed: str | None, measured: str | None, optimal: str | None, *,
                        claimed_space: str | None = None, optimal_space: str | None = None,
                        optimal_detail: str | None = None, size_param: str | None = None,
                        names: tuple[str, ...] = (), verdict: str | None = None,
                        measured_space: str | None = None) -> list[str]:
    """Sentences comparing the candidate's time and space claims with the measurement and the
    optimum. ``verdict`` is the judge's: on a time limit the claim is checked against it."""
    notes: list[str] = []
    claim = parse_claim(claimed, "time", names) if claimed else None
    if claimed and claim is not None and claim.time is None and claim.space is None:
        notes.append(UNREADABLE.format(claimed))
    bound = claim.time if claim else None
    said = bound.text() if bound else None
    cls = claim_class(bound, size_param) if bound else None
    if claim is not None and "average" in claim.cases and bound is not None:
        notes.append(f"You gave {said} in the worst case and {claim.cases['average'].text()} on average; "
                     "the measurement follows the worst input it generates, so it checks the worst case.")
    if bound is not None and measured:
        how = f"{said}" if cls == said else f"{said} (in {_measured_var(bound, size_param) or 'n'} alone: {cls})"
        if cls == measured:
            notes.append(f"Your claim {how} matches the measured growth {measured}.")
        else:
            notes.append(f"You claimed {how} but the measured growth looks like {measured}: "
                         "re-check your loops and the cost of the library calls you use.")
    elif bound is not None and verdict == "time_limit_exceeded":
        rc, ro = _rank(cls), _rank(optimal)
        if rc is not None and ro is not None and rc <= ro:
            notes.append(f"You claimed {said}, but the code ran out of time on a large test: an "
                         f"{optimal} solution finishes well inside the limit, so the claim is likely "
                         "wrong; look for hidden work (a scan, a copy or a sort inside a loop).")
        else:
            notes.append(f"You claimed {said}; that is too slow for the largest tests (time limit "
                         f"exceeded) where {optimal or 'a faster bound'} is needed.")
    elif bound is not None and verdict not in (None, "accepted"):
        notes.append(f"Your claim {said} could not be checked: the code did not pass the tests, "
                     "so its growth was not measured.")
    detail = parse_bound(optimal_detail) if optimal_detail else None
    if bound is not None and detail is not None and len(bound.variables()) > 1:
        if bound.same_as(detail):
            notes.append(f"{said} is the optimal bound for this problem.")
        else:
            notes.append(f"The optimal bound in this problem's sizes is {optimal_detail}; you said {said}.")
    if measured and optimal:
        rm, ro = _rank(measured), _rank(optimal)
        if rm is not None and ro is not None and rm > ro:
            notes.append(f"The optimal solution is {optimal_detail or optimal}; yours measures {measured}. "
                         "An interviewer will ask for the faster approach.")
        elif rm is not None and ro is not None:
            notes.append(f"{measured} is optimal for this problem ({optimal_detail or optimal}).")
    notes.extend(space_feedback(claimed_space, claim, optimal_space, names, measured_space))
    if not claimed:
        notes.append("State your time complexity too: the interviewer will ask." if claimed_space
                     else "State your time and space complexity: the interviewer will ask.")
    return notes


def space_feedback(claimed_space: str | None, time_claim: Claim | None, optimal_space: str | None,
                   names: tuple[str, ...] = (), measured_space: str | None = None) -> list[str]:
    """The answer to the space claim: read it, compare it with the measured peak extra memory
    (when measured) and with the problem's optimal space."""
    notes = _space_vs_optimal(claimed_space, time_claim, optimal_space, names)
    space = parse_claim(claimed_space, "space", names).space if claimed_space else None
    if space is None and time_claim is not None:
        space = time_claim.space
    if space is not None and measured_space:
        if space.one_variable() == measured_space:
            notes.append(f"The measured peak extra memory grows as {measured_space}, as you said.")
        else:
            notes.append(f"You said {space.text()} extra space, but the measured peak extra memory "
                         f"grows as {measured_space} (the output is not counted).")
    return notes


def _space_vs_optimal(claimed_space: str | None, time_claim: Claim | None, optimal_space: str | None,
                      names: tuple[str, ...] = ()) -> list[str]:
    space = parse_claim(claimed_space, "space", names).space if claimed_space else None
    if space is None and time_claim is not None:
        space = time_claim.space  # "O(n) time, O(1) space" typed in one box
    if claimed_space and space is None:
        return [UNREADABLE.format(claimed_space).replace("a complexity", "a space complexity")]
    if space is None:
        return ["Say the extra space too (\"O(1) extra space\", \"O(n) for the map\")."] if time_claim else []
    best = parse_bound(optimal_space) if optimal_space else None
    if best is None:
        return [f"Space claim {space.text()} noted."]
    mine, top = _rank(space.one_variable()), _rank(best.one_variable())
    if mine is not None and top is not None and mine < top:
        return [f"You claimed {space.text()} extra space, below the {best.text()} the best known solution "
                "needs: count what your map, stack, recursion or copies hold."]
    if mine is not None and top is not None and mine > top:
        return [f"You claimed {space.text()} extra space; {best.text()} is possible for this problem."]
    return [f"Your space claim {space.text()} is the optimal extra space for this problem."]
