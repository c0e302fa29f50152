"""The LeetCode-compatible harness that runs INSIDE the sandbox child.

This module is never imported by loopcoach: its source text is sent to the
sandbox as the job's prelude (see ``harness.prelude_source``). It defines
``__setup__(source, config)`` and ``__case__(payload)``. It gives the
submission LeetCode's environment (``ListNode``, ``TreeNode``, ``List``,
``Optional`` and the usual modules), converts list-form arguments to nodes,
calls the method or replays a design operation sequence, and turns the
result into plain JSON data. Modes: ``solve`` (one args dict per case),
``generate`` (run a problem generator) and ``measure`` (count executed
lines of the submission, and time it, for the complexity estimator).
"""

from __future__ import annotations

import math
import random
import sys
import time
from typing import Any


class ListNode:
    """LeetCode's singly linked list node."""

    def __init__(self, val: int = 0, next: ListNode | None = None) -> None:
        self.val = val
        self.next = next


class TreeNode:
    """LeetCode's binary tree node."""

    def __init__(self, val: int = 0, left: TreeNode | None = None,
                 right: TreeNode | None = None) -> None:
        self.val = val
        self.left = left
        self.right = right


_PRELUDE_IMPORTS = (
    "from string import *\nfrom re import *\nfrom datetime import *\nfrom collections import *\n"
    "from heapq import *\nfrom bisect import *\nfrom copy import *\nfrom math import *\n"
    "from random import *\nfrom statistics import *\nfrom itertools import *\n"
    "from functools import *\nfrom operator import *\nfrom typing import *\n"
    "from builtins import *\n"
    "import string, re, datetime, collections, heapq, bisect, copy, math, random, statistics\n"
    "import itertools, functools, operator, io, sys, json, typing, array, fractions, decimal\n"
)

_STATE: dict[str, Any] = {}
_MAX_NODES = 2_000_000


def _strip(t: str) -> str:
    t = t.replace(" ", "")
    while t.startswith("Optional[") and t.endswith("]"):
        t = t[len("Optional["):-1]
    return t


def to_linked(values: Any) -> ListNode | None:
    """[1, 2, 3] -> 1 -> 2 -> 3."""
    head: ListNode | None = None
    for v in reversed(values or []):
        head = ListNode(v, head)
    return head


def to_tree(values: Any) -> TreeNode | None:
    """LeetCode level-order list (with None holes) -> tree."""
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue = [root]
    i, k = 1, 0
    while i < len(values) and k < len(queue):
        node = queue[k]
        k += 1
        if i < len(values) and values[i] is not None:
            node.left = TreeNode(values[i])
            queue.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = TreeNode(values[i])
            queue.append(node.right)
        i += 1
    return root


def convert_in(value: Any, type_name: str) -> Any:
    """Convert a JSON argument to the runtime type LeetCode passes."""
    t = _strip(type_name)
    if value is None:
        return None
    if t == "ListNode":
        return to_linked(value)
    if t == "TreeNode":
        return to_tree(value)
    if t.startswith("List[") and isinstance(value, list):
        inner = t[5:-1]
        if "ListNode" in inner or "TreeNode" in inner:
            return [convert_in(v, inner) for v in value]
    return value


def _linked_out(node: Any) -> list[Any]:
    out: list[Any] = []
    seen: set[int] = set()
    while node is not None:
        if id(node) in seen or len(out) > _MAX_NODES:
            raise ValueError("the returned linked list has a cycle")
        seen.add(id(node))
        out.append(to_json(node.val))
        node = node.next
    return out


def _tree_out(root: Any) -> list[Any]:
    out: list[Any] = []
    queue = [root]
    k = 0
    seen: set[int] = set()
    while k < len(queue):
        node = queue[k]
        k += 1
        if node is None:
            out.append(None)
            continue
        if id(node) in seen or len(seen) > _MAX_NODES:
            raise ValueError("the returned tree has a cycle")
        seen.add(id(node))
        out.append(to_json(node.val))
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def to_json(value: Any) -> Any:
    """Plain JSON data for a returned value; anything exotic is an error."""
    if value is None or type(value) in (bool, str):
        return value
    if isinstance(value, bool):
        return bool.__bool__(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, ListNode):
        return _linked_out(value)
    if isinstance(value, TreeNode):
        return _tree_out(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(to_json(k)): to_json(v) for k, v in value.items()}
    raise TypeError(f"the returned value of type {type(value).__name__} is not a LeetCode type")


def __setup__(source: str, config: dict[str, Any]) -> None:
    """Execute the submission in a LeetCode-like namespace."""
    if config.get("mode") == "measure":
        _install_cost_model()  # before the star imports copy the names into the namespace
    g: dict[str, Any] = {"__name__": "__main__", "ListNode": ListNode, "TreeNode": TreeNode}
    exec(_PRELUDE_IMPORTS, g)
    code = compile(source, "<solution>", "exec")
    _STATE["config"] = config
    _STATE["globals"] = g
    if config.get("mode") == "measure":
        gen: dict[str, Any] = {"__name__": "__generator__"}
        exec(compile(config["generator"], "<generator>", "exec"), gen)
        _STATE["generate"] = gen["generate"]
    exec(code, g)


def _call_function(args: dict[str, Any]) -> Any:
    cfg = _STATE["config"]
    g = _STATE["globals"]
    solution_cls = g.get("Solution")
    if solution_cls is None:
        raise NameError("the code defines no class Solution")
    params = cfg["params"]
    converted = {p["name"]: convert_in(args.get(p["name"]), p["type"]) for p in params}
    method = getattr(solution_cls(), cfg["method"])
    result = method(*[converted[p["name"]] for p in params])
    if cfg.get("in_place"):
        return converted[cfg["in_place"]]
    return result


def _call_design(args: dict[str, Any]) -> list[Any]:
    cfg = _STATE["config"]
    g = _STATE["globals"]
    ops = args["operations"]
    arguments = args["arguments"]
    cls = g.get(cfg["class_name"])
    if cls is None:
        raise NameError(f"the code defines no class {cfg['class_name']}")
    out: list[Any] = []
    obj = None
    for i, op in enumerate(ops):
        call_args = arguments[i] if i < len(arguments) else []
        if i == 0:
            obj = cls(*call_args)
            out.append(None)
        else:
            out.append(to_json(getattr(obj, op)(*call_args)))
    return out


def _call(args: dict[str, Any]) -> Any:
    if _STATE["config"]["kind"] == "design":
        return _call_design(args)
    return _call_function(args)


def __case__(payload: Any) -> Any:
    """Run one case according to the mode chosen in ``__setup__``."""
    mode = _STATE["config"].get("mode", "solve")
    if mode == "generate":
        g = _STATE["globals"]
        rng = random.Random(payload["seed"])
        return to_json(g["generate"](rng, payload["n"]))
    if mode == "measure":
        return _measure(payload)
    return to_json(_call(payload))


# ------------------------------------------------------------------- measure
class _Budget(Exception):
    """Raised from the tracer when a run exceeds its operation budget."""


_COUNT = [0]


def _install_cost_model() -> None:
    """Charge C-level work the line tracer cannot see (sorting, heaps, scans)."""
    import builtins
    import heapq

    if vars(builtins).get("__loopcoach_costed__"):
        return

    def charged(fn: Any, cost: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            _COUNT[0] += cost(a)
            return fn(*a, **k)
        wrapper.__name__ = getattr(fn, "__name__", "f")
        return wrapper

    def size(a: Any) -> int:
        try:
            return len(a[0]) if a else 0
        except TypeError:
            return 0

    def nlog(a: Any) -> int:
        n = size(a)
        return int(n * math.log2(n)) if n > 1 else 1

    def log(a: Any) -> int:
        n = size(a)
        return int(math.log2(n)) + 1 if n > 1 else 1

    for name in ("sum", "min", "max", "any", "all"):
        setattr(builtins, name, charged(getattr(builtins, name), size))
    builtins.sorted = charged(builtins.sorted, nlog)
    for name in ("heappush", "heappop", "heappushpop", "heapreplace"):
        setattr(heapq, name, charged(getattr(heapq, name), log))
    heapq.heapify = charged(heapq.heapify, size)
    import bisect

    for name in ("bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"):
        setattr(bisect, name, charged(getattr(bisect, name), log))
    vars(builtins)["__loopcoach_costed__"] = True


_LINEAR_METHODS = {"index", "count", "remove", "insert", "copy", "reverse"}  # O(len(list))


def _profile(frame: Any, event: str, arg: Any) -> None:
    if event == "c_call":
        owner = getattr(arg, "__self__", None)
        if isinstance(owner, list):
            name = arg.__name__
            if name == "sort":
                n = len(owner)
                _COUNT[0] += int(n * math.log2(n)) if n > 1 else 1
            elif name in _LINEAR_METHODS:
                _COUNT[0] += len(owner)


def _measure(payload: dict[str, Any]) -> dict[str, Any]:
    """Generate the input of size n (seeded), count lines, then time repeats."""
    if _STATE.get("over"):
        return {"count": 0, "over": True, "cpu_ns": None}  # a smaller size already hit the budget
    args = _STATE["generate"](random.Random(payload["seed"]), payload["n"])
    budget = int(payload.get("budget", 2_000_000))
    fresh = _copy_args(args)
    _COUNT[0] = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            _COUNT[0] += 1
            if _COUNT[0] > budget:
                raise _Budget
        return local

    def glob(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename == "<solution>":
            return local
        return None

    over = False
    sys.settrace(glob)
    sys.setprofile(_profile)
    try:
        _call(fresh)
    except _Budget:
        over = True
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    count = _COUNT[0]
    best = None
    if over:
        _STATE["over"] = True
    else:
        for _ in range(int(payload.get("repeats", 3))):
            fresh = _copy_args(args)
            t0 = time.thread_time_ns()
            _call(fresh)
            elapsed = time.thread_time_ns() - t0
            best = elapsed if best is None else min(best, elapsed)
            if elapsed > 500_000_000:
                break
    out: dict[str, Any] = {"count": count, "over": over, "cpu_ns": best}
    if payload.get("space") and not over and _STATE["config"]["kind"] == "function":
        out["space_bytes"] = _extra_space(args)
    return out


_FRAME_BYTES = 480  # a Python 3.11 frame of a small method with a few locals, about


def _extra_space(args: dict[str, Any]) -> int:
    """Peak bytes the method allocates while it runs, minus what it returns (the output does
    not count as extra space); the converted input is built before tracing starts."""
    import _tracemalloc as tracemalloc  # built in: no file to read inside the sandbox

    cfg = _STATE["config"]
    solution = _STATE["globals"]["Solution"]()
    params = cfg["params"]
    converted = {p["name"]: convert_in(args.get(p["name"]), p["type"]) for p in params}
    method = getattr(solution, cfg["method"])
    depth = [0, 0]  # current and deepest nesting of the solution's own frames

    def frames(frame: Any, event: str, arg: Any) -> None:
        if frame.f_code.co_filename == "<solution>":
            if event == "call":
                depth[0] += 1
                depth[1] = max(depth[1], depth[0])
            elif event == "return":
                depth[0] -= 1

    tracemalloc.start()
    sys.setprofile(frames)  # frames live on the interpreter's own stack, which tracemalloc misses
    try:
        result = method(*[converted[p["name"]] for p in params])
        _, peak = tracemalloc.get_traced_memory()
        output = _new_bytes(result)
    finally:
        sys.setprofile(None)
        tracemalloc.stop()
    return max(0, peak - output) + _FRAME_BYTES * max(0, depth[1] - 1)


def _new_bytes(value: Any) -> int:
    """Bytes of the objects reachable from ``value`` that were allocated while tracing."""
    import _tracemalloc

    seen: set[int] = set()
    stack = [value]
    total = 0
    while stack and len(seen) < 1_000_000:
        obj = stack.pop()
        if id(obj) in seen or obj is None:
            continue
        seen.add(id(obj))
        if _tracemalloc._get_object_traceback(obj) is not None:
            total += sys.getsizeof(obj)
        if isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (ListNode, TreeNode)):
            stack.extend(vars(obj).values())
    return total


def _copy_args(args: Any) -> Any:
    if isinstance(args, dict):
        return {k: _copy_args(v) for k, v in args.items()}
    if isinstance(args, list):
        return [_copy_args(v) for v in args]
    return args
