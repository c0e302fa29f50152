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

from loopcoach.content.schemas.coding import COMPLEXITY_CLASSES, normalise_class

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


def complexity_feedback(claimed: str | None, measured: str | None, optimal: str | None) -> list[str]:
    """Sentences comparing the candidate's claim with the measurement and the optimum."""
    notes: list[str] = []
    claim = normalise_class(claimed) if claimed else None
    if claimed and claim is None:
        notes.append(f"Your claimed time '{claimed}' is not one of {', '.join(COMPLEXITY_CLASSES)}.")
    if claim and measured:
        if claim == measured:
            notes.append(f"Your claim {claim} matches the measured growth {measured}.")
        else:
            notes.append(f"You claimed {claim} but the measured growth looks like {measured}: "
                         "re-check your loops and the cost of the library calls you use.")
    if measured and optimal:
        rm, ro = _rank(measured), _rank(optimal)
        if rm is not None and ro is not None and rm > ro:
            notes.append(f"The optimal solution is {optimal}; yours measures {measured}. "
                         "An interviewer will ask for the faster approach.")
        elif rm is not None and ro is not None:
            notes.append(f"{measured} is optimal for this problem ({optimal}).")
    if not claimed:
        notes.append("State your time and space complexity: the interviewer will ask.")
    return notes
