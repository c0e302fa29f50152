"""A static pass over a solution: the words behind a complexity, and what takes extra space.

It never runs the code. ``time_notes`` names the structures that set the growth
("nested loop over nums at line 4", "sort inside a loop at line 7", "recursion without
memoisation at line 3"); ``space_uses`` lists the containers and the recursion that take
extra space, leaving out what is returned (the output does not count as extra space).
``stated_requirements`` reads a problem statement's own limits ("Use only O(1) extra space").
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from loopcoach.areas.coding.claims import parse_bound

_CONTAINER_CALLS = {"dict": "a dict", "set": "a set", "list": "a list copy", "Counter": "a Counter",
                    "defaultdict": "a dict", "deque": "a deque", "sorted": "a sorted copy",
                    "OrderedDict": "a dict", "frozenset": "a set", "tuple": "a tuple copy"}
_MEMO_DECORATORS = {"cache", "lru_cache", "cached"}


@dataclass(frozen=True)
class Use:
    """One thing that takes extra space, with its line."""

    what: str
    line: int

    def text(self) -> str:
        """``a dict `seen` (line 4)``."""
        return f"{self.what} (line {self.line})"


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _returned_names(fn: ast.AST) -> set[str]:
    return {n.value.id for n in ast.walk(fn) if isinstance(n, ast.Return) and isinstance(n.value, ast.Name)}


def _target_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _constant_size(value: ast.AST) -> bool:
    """``[0] * 26``, ``[0, 0]``, ``{}`` of literals: a size that does not grow with the input."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mult):
        return any(isinstance(side, ast.Constant) and isinstance(side.value, int) and side.value <= 256
                   for side in (value.left, value.right))
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return all(isinstance(e, ast.Constant) for e in value.elts) and bool(value.elts)
    return False


def _container(value: ast.AST) -> str | None:
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return "a dict"
    if isinstance(value, (ast.Set, ast.SetComp)):
        return "a set"
    if isinstance(value, (ast.List, ast.ListComp)):
        return "a list"
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mult) and isinstance(value.left, ast.List):
        return "a list"
    if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice):
        return "a slice copy"
    if isinstance(value, ast.Call):
        name = _target_name(value.func)
        if name in _CONTAINER_CALLS:
            return _CONTAINER_CALLS[name]
    return None


def space_uses(source: str) -> list[Use]:
    """The containers and recursion of the solution that take extra space (not its output)."""
    tree = _parse(source)
    if tree is None:
        return []
    uses: list[Use] = []
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        out = _returned_names(fn)
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                name = _target_name(node.targets[0])
                kind = _container(node.value)
                if kind and name and name not in out and not _constant_size(node.value):
                    uses.append(Use(f"{kind} `{name}`", node.lineno))
            elif isinstance(node, ast.Call) and _target_name(node.func) == fn.name \
                    and fn.name != "__init__" and not _memoised(fn):
                uses.append(Use(f"the recursion stack of `{fn.name}`", node.lineno))
                break
        if _memoised(fn):
            uses.append(Use(f"the memo table of `{fn.name}`", fn.lineno))
    seen: set[tuple[str, int]] = set()
    unique = []
    for u in sorted(uses, key=lambda u: u.line):
        if (u.what, u.line) not in seen:
            seen.add((u.what, u.line))
            unique.append(u)
    return unique


def _loop_target(node: ast.For | ast.While) -> str:
    if isinstance(node, ast.For):
        it = node.iter
        if isinstance(it, ast.Call) and _target_name(it.func) in ("range", "enumerate", "reversed", "zip") \
                and it.args:
            arg = it.args[-1] if _target_name(it.func) == "range" else it.args[0]
            if isinstance(arg, ast.Call) and _target_name(arg.func) == "len" and arg.args:
                arg = arg.args[0]
            return ast.unparse(arg)
        return ast.unparse(it)
    return "a condition"


def time_notes(source: str) -> list[str]:
    """What sets the growth, in words with lines: nested loops, sorting or linear scans inside
    loops, recursion with or without memoisation."""
    tree = _parse(source)
    if tree is None:
        return []
    notes: list[str] = []

    def visit(node: ast.AST, loops: list[ast.For | ast.While]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.For, ast.While)):
                if loops and len(loops) == 1:
                    notes.append(f"nested loop over {_loop_target(child)} inside the loop over "
                                 f"{_loop_target(loops[0])} at line {child.lineno}")
                visit(child, [*loops, child])
                continue
            if loops and isinstance(child, ast.Call):
                name = _target_name(child.func)
                if name in ("sorted", "sort"):
                    notes.append(f"sort inside a loop at line {child.lineno}")
                elif name in ("index", "count", "remove", "insert") and isinstance(child.func, ast.Attribute):
                    notes.append(f"`.{name}()` scans a list inside a loop at line {child.lineno}")
            if loops and isinstance(child, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn))
                                                                 for op in child.ops):
                right = child.comparators[-1]
                if isinstance(right, (ast.List, ast.ListComp)) or (isinstance(right, ast.Subscript)
                                                                   and isinstance(right.slice, ast.Slice)):
                    notes.append(f"`in` on a list inside a loop at line {child.lineno} is a linear scan")
            if loops and isinstance(child, ast.Subscript) and isinstance(child.slice, ast.Slice) \
                    and isinstance(child.ctx, ast.Load):
                notes.append(f"slicing copies inside a loop at line {child.lineno}")
            visit(child, loops)

    visit(tree, [])
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call) and _target_name(n.func) == fn.name]
        if not calls or fn.name == "__init__":
            continue
        memo = _memoised(fn) or _has_dict_memo(fn)
        branching = len(calls) > 1
        if memo:
            notes.append(f"recursion with memoisation at line {fn.lineno}: each state is computed once")
        elif branching:
            notes.append(f"recursion branching {len(calls)} ways without memoisation at line {fn.lineno}: "
                         "exponential unless the states repeat rarely")
    seen: set[str] = set()
    return [n for n in notes if not (n in seen or seen.add(n))]  # type: ignore[func-returns-value]


def _memoised(fn: ast.FunctionDef) -> bool:
    """Decorated with ``functools.cache`` or ``lru_cache``."""
    return any(_target_name(d.func if isinstance(d, ast.Call) else d) in _MEMO_DECORATORS
               for d in fn.decorator_list)


def _has_dict_memo(fn: ast.FunctionDef) -> bool:
    """``if key in memo: return memo[key]`` inside the function."""
    for node in ast.walk(fn):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) \
                and any(isinstance(op, ast.In) for op in node.test.ops) \
                and any(isinstance(s, ast.Return) for s in node.body):
            return True
    return False


_REQUIREMENT = re.compile(r"(O\([^()]*(?:\([^()]*\))?[^()]*\))\s+(extra\s+space|space|time)", re.I)


def stated_requirements(statement: str) -> dict[str, str]:
    """The limits the statement itself sets: ``{"space": "O(1)", "time": "O(n)"}``."""
    out: dict[str, str] = {}
    for m in _REQUIREMENT.finditer(statement):
        bound = parse_bound(m.group(1))
        if bound is not None:
            out.setdefault("time" if m.group(2).lower() == "time" else "space", bound.text())
    return out


_GROWING_WORDS = (("hash map", "a hash map"), ("hashmap", "a hash map"), ("dictionary", "a dictionary"),
                  ("hash set", "a hash set"), ("extra array", "an extra array"), ("copy", "a copy"),
                  ("prefix array", "a prefix array"), ("memo", "a memo table"))


def space_check(required: str, claimed: str | None, source: str, approach: str = "") -> dict[str, object]:
    """Whether the claim, the code and the explanation respect the statement's space limit."""
    need = parse_bound(required)
    mine = parse_bound(claimed) if claimed else None
    uses = space_uses(source)
    said = [what for word, what in _GROWING_WORDS if word in approach.lower()]
    problems: list[str] = []
    constant = need is not None and need.one_variable() == "O(1)"
    if need is not None and mine is not None and mine.one_variable() != need.one_variable() \
            and constant:
        problems.append(f"you claimed {mine.text()} extra space")
    if constant and uses:
        problems.append("the code keeps " + ", ".join(u.text() for u in uses[:3]))
    if constant and said:
        problems.append("the approach uses " + ", ".join(said))
    if problems:
        message = f"The problem asks for {required} extra space, but " + "; ".join(problems) + "."
    else:
        message = f"Meets the problem's {required} extra-space limit" + (
            " (nothing in the code grows with the input besides the output)." if constant else ".")
    return {"required": required, "claimed": mine.text() if mine else None,
            "uses": [u.text() for u in uses], "ok": not problems, "message": message}
