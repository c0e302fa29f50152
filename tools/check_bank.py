"""Check the coding problem bank: schema, reference vs alternative solutions, tests.

Usage: .venv/bin/python tools/check_bank.py [PATH ...] [--slow SECONDS] [--quiet]

PATH is a problem YAML file or a folder of them (default: the bundled bank in
src/loopcoach/content/data/coding). For every problem the script

* loads the YAML with ``yaml.safe_load`` and validates it with the pydantic schema in
  ``loopcoach.content.schemas.coding`` when that module exists (plus its own structural checks);
* exec's the reference and the alternative solution in a namespace with LeetCode's imports
  and ``ListNode``/``TreeNode``;
* runs every hand-picked and generated test through both and compares the results with the
  problem's compare mode (for ``checker``: ``check(args, ref, ref)`` and ``check(args, ref, alt)``);
* parses the statement's examples (``name = value, ...`` and a literal output) and checks that the
  reference solution produces the stated output;
* reports disagreements, errors and slow tests. Exit code 1 when any problem fails.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "src" / "loopcoach" / "content" / "data" / "coding"
TOPICS = {
    "arrays-hashing", "two-pointers", "sliding-window", "stack", "binary-search", "linked-list",
    "trees", "tries", "heaps", "backtracking", "graphs", "dynamic-programming", "greedy",
    "intervals", "design", "math", "bit-manipulation",
}
COMPARES = {"exact", "unordered", "unordered_nested", "float", "checker"}
CLASSES = {"O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"}


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


def to_list_node(values: list[Any] | None) -> ListNode | None:
    """Build a linked list from its list form."""
    head: ListNode | None = None
    for v in reversed(values or []):
        head = ListNode(v, head)
    return head


def from_list_node(node: ListNode | None) -> list[Any]:
    """Serialise a linked list (cycle-safe up to 10^6 nodes)."""
    out: list[Any] = []
    while node is not None and len(out) <= 10**6:
        out.append(node.val)
        node = node.next
    return out


def to_tree(values: list[Any] | None) -> TreeNode | None:
    """Build a tree from LeetCode's level-order list form."""
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue = [root]
    i, qi = 1, 0
    while i < len(values) and qi < len(queue):
        node = queue[qi]
        qi += 1
        if i < len(values) and values[i] is not None:
            node.left = TreeNode(values[i])
            queue.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = TreeNode(values[i])
            queue.append(node.right)
        i += 1
    return root


def from_tree(root: TreeNode | None) -> list[Any]:
    """Serialise a tree to LeetCode's level-order list form (trailing nulls dropped)."""
    out: list[Any] = []
    queue: list[TreeNode | None] = [root] if root else []
    qi = 0
    while qi < len(queue):
        node = queue[qi]
        qi += 1
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


PRELUDE = """
from typing import *
import collections, heapq, bisect, itertools, functools, math, string, random, re, operator
from collections import *
from heapq import *
from bisect import *
from itertools import *
from functools import *
from math import *
"""


def make_namespace() -> dict[str, Any]:
    """A fresh namespace with LeetCode's imports and node classes."""
    ns: dict[str, Any] = {"__name__": "solution"}
    exec(PRELUDE, ns)
    ns["ListNode"] = ListNode
    ns["TreeNode"] = TreeNode
    return ns


def convert_in(value: Any, typ: str) -> Any:
    """Convert a JSON test argument to the runtime type LeetCode passes."""
    t = typ.replace(" ", "")
    if t in ("Optional[ListNode]", "ListNode"):
        return to_list_node(value)
    if t in ("Optional[TreeNode]", "TreeNode"):
        return to_tree(value)
    if t in ("List[Optional[ListNode]]", "List[ListNode]"):
        return [to_list_node(v) for v in value]
    return copy.deepcopy(value)


def normalise(value: Any) -> Any:
    """Serialise a returned value to its JSON form."""
    if isinstance(value, ListNode):
        return from_list_node(value)
    if isinstance(value, TreeNode):
        return from_tree(value)
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(normalise(v) for v in value)
    return value


def convert_out(value: Any, typ: str | None) -> Any:
    """Serialise a return value given its declared type (a None list/tree is [])."""
    if value is None and typ and ("ListNode" in typ or "TreeNode" in typ) and not typ.startswith("List"):
        return []
    return normalise(value)


def run_solution(code: str, prob: dict[str, Any], args: dict[str, Any]) -> Any:
    """Run one test through a solution's code and return the serialised output."""
    ns = make_namespace()
    exec(compile(code, "<solution>", "exec"), ns)
    if prob["kind"] == "design":
        d = prob["design"]
        cls = ns[d["class_name"]]
        mtypes = {m["name"]: [p["type"] for p in m.get("params", [])] for m in d["methods"]}
        ctypes = [p["type"] for p in d.get("constructor_params") or []]
        ops, arguments = args["operations"], args["arguments"]
        obj = None
        out: list[Any] = []
        for op, a in zip(ops, arguments, strict=False):
            if op == d["class_name"]:
                ctor = [convert_in(x, ctypes[i]) if i < len(ctypes) else copy.deepcopy(x) for i, x in enumerate(a)]
                obj = cls(*ctor)
                out.append(None)
            else:
                types = mtypes.get(op, [])
                call = [convert_in(x, types[i]) if i < len(types) else copy.deepcopy(x) for i, x in enumerate(a)]
                out.append(normalise(getattr(obj, op)(*call)))
        return out
    f = prob["function"]
    sol = ns["Solution"]()
    method = getattr(sol, f["name"])
    conv = {p["name"]: convert_in(args[p["name"]], p["type"]) for p in f["params"]}
    ret = method(**conv)
    if prob.get("in_place"):
        return normalise(conv[prob["in_place"]])
    return convert_out(ret, f.get("returns"))


def _sort_key(x: Any) -> str:
    return json.dumps(x, sort_keys=True)


def _float_eq(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_float_eq(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-5)
    return bool(a == b)


def compare(prob: dict[str, Any], args: dict[str, Any], exp: Any, got: Any,
            check: Callable[..., bool] | None) -> bool:
    """Compare two serialised outputs with the problem's compare mode."""
    mode = prob["compare"]
    if mode == "exact":
        return bool(exp == got)
    if mode == "unordered":
        if not isinstance(exp, list) or not isinstance(got, list):
            return False
        return sorted(exp, key=_sort_key) == sorted(got, key=_sort_key)
    if mode == "unordered_nested":
        if not isinstance(exp, list) or not isinstance(got, list):
            return False
        def norm(v: list[Any]) -> list[Any]:
            return sorted((sorted(x, key=_sort_key) if isinstance(x, list) else x for x in v), key=_sort_key)
        return norm(exp) == norm(got)
    if mode == "float":
        return _float_eq(exp, got)
    assert check is not None
    return bool(check(copy.deepcopy(args), copy.deepcopy(exp), copy.deepcopy(got)))


def parse_example(text: str) -> dict[str, Any]:
    """Parse 'a = [1, 2], b = 3' into a dict (Python/JSON literals)."""
    src = text.replace("null", "None").replace("true", "True").replace("false", "False")
    return dict(eval("dict(" + src + ")", {"__builtins__": {"dict": dict}, "None": None}))


def parse_literal(text: str) -> Any:
    src = text.replace("null", "None").replace("true", "True").replace("false", "False")
    return normalise(eval(src, {"__builtins__": {}}))


def schema_validate(data: dict[str, Any]) -> str | None:
    """Validate with the project's pydantic schema when it exists; return an error or None."""
    try:
        sys.path.insert(0, str(ROOT / "src"))
        import importlib
        mod = importlib.import_module("loopcoach.content.schemas.coding")
    except Exception:  # schema not written yet
        return None
    from pydantic import BaseModel
    models = [v for v in vars(mod).values() if isinstance(v, type) and issubclass(v, BaseModel)
              and v.__module__ == mod.__name__ and "reference_solution" in v.model_fields]
    if not models:
        return None
    try:
        models[0].model_validate(data)
    except Exception as exc:  # pydantic.ValidationError
        return f"schema: {exc}"
    return None


def structural(data: dict[str, Any], path: Path) -> list[str]:
    """Checks the schema may not make: counts, topics, names."""
    errs: list[str] = []
    if data.get("id") != path.stem:
        errs.append("id != file stem")
    if data.get("difficulty") not in ("easy", "medium", "hard"):
        errs.append("bad difficulty")
    for t in data.get("topics", []):
        if t not in TOPICS:
            errs.append(f"bad topic {t}")
    if not 2 <= len(data.get("examples", [])) <= 3:
        errs.append("examples must be 2-3")
    if not 2 <= len(data.get("hints", [])) <= 3:
        errs.append("hints must be 2-3")
    if data.get("compare") not in COMPARES:
        errs.append("bad compare")
    if (data.get("compare") == "checker") != bool(data.get("checker")):
        errs.append("checker present iff compare == checker")
    cx = data.get("complexity", {})
    if cx.get("time") not in CLASSES and "noted" not in str(cx.get("explanation", "")):
        errs.append(f"non-standard time class {cx.get('time')}")
    if len(data.get("tests", [])) < 10:
        errs.append("fewer than 10 hand tests")
    if len(data.get("tests", [])) + len(data.get("generated_tests", {}).get("sizes", [])) < 30:
        errs.append("hand + generated < 30")
    name = data["function"]["name"] if data.get("kind") == "function" else data.get("design", {}).get("class_name")
    if not name or name not in data.get("starter_code", ""):
        errs.append("starter code does not mention the method/class name")
    if data.get("kind") == "function":
        sig = "def " + name + "(self, " + ", ".join(
            f"{p['name']}: {p['type']}" for p in data["function"]["params"]) + ")"
        sig = sig.replace("(self, )", "(self)")
        if sig not in data.get("starter_code", ""):
            errs.append(f"starter code lacks '{sig}'")
    cs = data.get("complexity", {}).get("size_param")
    if data.get("kind") == "function" and cs not in [p["name"] for p in data["function"]["params"]]:
        errs.append(f"size_param {cs} is not a parameter")
    return errs


def check_problem(path: Path, slow: float, quiet: bool, extra_seeds: int = 0) -> bool:
    """Check one problem file; print a line per problem and per failure."""
    t0 = time.perf_counter()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception as exc:
        print(f"FAIL {path.name}: yaml: {exc}")
        return False
    errs = structural(data, path)
    serr = schema_validate(data)
    if serr:
        errs.append(serr[:2000])
    check = None
    if data.get("compare") == "checker":
        cns: dict[str, Any] = {}   # the judge runs checkers in an empty namespace: they import what they use
        exec(data["checker"], cns)
        check = cns["check"]
    tests: list[tuple[str, dict[str, Any]]] = [(f"hand#{i}", t["args"]) for i, t in enumerate(data["tests"])]
    gen = data["generated_tests"]
    gns: dict[str, Any] = {"__name__": "__generator__"}   # bare, as in the judge's measure mode
    exec(data["generator"], gns)
    rng = random.Random(gen["seed"])
    rng2 = random.Random(gen["seed"])
    for n in gen["sizes"]:
        a = gns["generate"](rng, n)
        if json.loads(json.dumps(a)) != a:
            errs.append(f"generated args for n={n} are not JSON-stable")
        if gns["generate"](rng2, n) != a:
            errs.append(f"generator not deterministic at n={n}")
        tests.append((f"gen n={n}", a))
    for extra in range(extra_seeds):
        for j, n in enumerate(gen["sizes"]):
            tests.append((f"gen seed={extra}:{j} n={n}", gns["generate"](random.Random(f"{extra}:{j}"), n)))
    sys.setrecursionlimit(5000)
    ref_total = alt_total = ref_max = 0.0
    gen_outputs: set[str] = set()
    for label, args in tests:
        if json.loads(json.dumps(args)) != args:
            errs.append(f"{label}: args are not JSON-stable")
        if data["kind"] == "design":
            ops = args["operations"]
            if ops[:1] != [data["design"]["class_name"]] or len(ops) != len(args["arguments"]) \
                    or data["design"]["class_name"] in ops[1:]:
                errs.append(f"{label}: a design test must start with the constructor only, one argument list per call")
        try:
            s = time.process_time()
            ref = run_solution(data["reference_solution"], data, args)
            rt = time.process_time() - s
            ref = json.loads(json.dumps(ref))
        except Exception as exc:
            errs.append(f"{label}: reference raised {type(exc).__name__}: {exc}")
            continue
        try:
            s = time.process_time()
            alt = run_solution(data["alternative_solution"], data, args)
            at = time.process_time() - s
            alt = json.loads(json.dumps(alt))
        except Exception as exc:
            errs.append(f"{label}: alternative raised {type(exc).__name__}: {exc}")
            continue
        ref_total += rt
        ref_max = max(ref_max, rt)
        if label.startswith("gen"):
            gen_outputs.add(json.dumps(ref, sort_keys=True))
        alt_total += at
        if rt > slow:
            errs.append(f"{label}: reference slow {rt:.2f}s CPU (the judge allows 2 s per test)")
        try:
            if check is not None and not compare(data, args, ref, ref, check):
                errs.append(f"{label}: checker rejects the reference output")
            if not compare(data, args, ref, alt, check):
                short = json.dumps(args)[:300]
                errs.append(f"{label}: DISAGREE args={short} ref={json.dumps(ref)[:200]} alt={json.dumps(alt)[:200]}")
        except Exception as exc:
            errs.append(f"{label}: compare raised {type(exc).__name__}: {exc}")
    for i, ex in enumerate(data.get("examples", [])):
        try:
            if data.get("kind") == "design" and "=" not in ex["input"]:
                lines = [ln for ln in ex["input"].strip().splitlines() if ln.strip()]
                args = {"operations": parse_literal(lines[0]), "arguments": parse_literal(lines[1])}
            else:
                args = parse_example(ex["input"])
            want = parse_literal(str(ex["output"]))
            got = json.loads(json.dumps(run_solution(data["reference_solution"], data, args)))
            if not compare(data, args, want, got, check):
                errs.append(f"example {i}: stated {want!r} but reference gives {got!r}")
        except Exception as exc:
            errs.append(f"example {i}: could not run ({type(exc).__name__}: {exc})")
    if len(gen["sizes"]) > 5 and len(gen_outputs) == 1:
        errs.append("every generated test has the same expected output (weak generator)")
    if ref_total > 10:
        errs.append(f"reference total {ref_total:.1f}s CPU (> 10 s; the judge allows 20 s per submission)")
    if alt_total > 10:
        errs.append(f"alternative total {alt_total:.1f}s (> 10s)")
    dt = time.perf_counter() - t0
    if errs:
        print(f"FAIL {path.name} ({len(tests)} tests, {dt:.1f}s)")
        for e in errs[:15]:
            print("   ", e)
        return False
    if not quiet:
        print(f"ok   {path.name}: {len(tests)} tests, CPU ref {ref_total:.2f}s (max {ref_max:.2f}s) alt {alt_total:.2f}s")
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--slow", type=float, default=1.0, help="flag reference tests using more CPU seconds than this")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--extra-seeds", type=int, default=0,
                    help="also run every generator size with this many other seeds")
    ns = ap.parse_args()
    files: list[Path] = []
    for p in ns.paths or [DEFAULT_DIR]:
        files += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    bad = [f.name for f in files if not check_problem(f, ns.slow, ns.quiet, ns.extra_seeds)]
    print(f"{len(files) - len(bad)}/{len(files)} problems pass")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
