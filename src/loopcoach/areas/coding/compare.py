"""Output comparison as LeetCode does it per problem, on plain JSON data only.

``got`` is always data parsed from the sandbox's JSON, never a live object of
the submission, so a faked ``__eq__`` cannot reach this code.
"""

from __future__ import annotations

import json
import math
from typing import Any

from loopcoach.content.schemas.coding import CodingProblem

REL_TOL = 1e-5
ABS_TOL = 1e-5


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def equal(a: Any, b: Any, *, tol: bool = False) -> bool:
    """Structural equality; bool never equals a number; floats with tolerance if ``tol``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if _is_num(a) and _is_num(b):
        if tol and (isinstance(a, float) or isinstance(b, float)):
            if math.isnan(a) or math.isnan(b):
                return math.isnan(a) and math.isnan(b)
            return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
        return bool(a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y, tol=tol) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k], tol=tol) for k in a)
    return type(a) is type(b) and bool(a == b)


def _key(v: Any) -> str:
    return json.dumps(v, sort_keys=True)


def _sorted_list(v: Any) -> Any:
    if isinstance(v, list):
        return sorted(v, key=_key)
    return v


def _nested(v: Any) -> Any:
    if isinstance(v, list):
        return sorted((_sorted_list(x) for x in v), key=_key)
    return v


def load_checker(source: str) -> Any:
    """Compile a problem's trusted checker and return its ``check`` function."""
    ns: dict[str, Any] = {}
    exec(compile(source, "<checker>", "exec"), ns)
    return ns["check"]


def matches(problem: CodingProblem, args: dict[str, Any], expected: Any, got: Any,
            checker: Any = None) -> bool:
    """Whether ``got`` is accepted for ``args`` given the reference output ``expected``."""
    mode = problem.compare
    if mode == "checker":
        fn = checker or load_checker(problem.checker or "")
        try:
            return bool(fn(args, expected, got)) is True
        except Exception:
            return False
    if mode == "float":
        return equal(expected, got, tol=True)
    if mode == "unordered":
        return isinstance(got, list) and equal(_sorted_list(expected), _sorted_list(got))
    if mode == "unordered_nested":
        if not isinstance(got, list) or not all(isinstance(x, list) for x in got):
            return False
        return equal(_nested(expected), _nested(got))
    return equal(expected, got)
