"""Complexity class accuracy on public solutions the project did not write.

Source: kamyu104/LeetCode-Solutions (MIT licence), fetched at development time as a bare git
directory; none of its code is kept in this repository. This script maps its Python files to
the problems the bank shares with it (LeetCode slugs are the file names), splits each file
into its alternative solutions (``class Solution``, ``Solution2``, ...), judges each one (only
accepted code is estimated, as in ``submit``), estimates its class twice and compares it
with the hand label in ``benchmarks/data/coding_public_labels.csv`` (labels and file
references only). Data card: ``docs/data/coding_public.md``.

Run: .venv/bin/python benchmarks/coding_public.py [GIT_DIR]         the figures
     .venv/bin/python benchmarks/coding_public.py --draft [GIT_DIR] a labelling sheet (stdout)
GIT_DIR defaults to $LOOPCOACH_PUBLIC_SOLUTIONS, then /work/.mirror/kamyu104+LeetCode-Solutions/repo.
"""

from __future__ import annotations

import ast
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from loopcoach.config import load_settings
from loopcoach.errors import LoopcoachError
from loopcoach.services import coding
from loopcoach.services.context import AppContext

LABELS = Path(__file__).parent / "data" / "coding_public_labels.csv"
DEFAULT_DIR = "/work/.mirror/kamyu104+LeetCode-Solutions/repo"
REPO = "kamyu104/LeetCode-Solutions"
# the collection is written for Python 2 and 3; these names make the Python 2 spellings run
SHIM = "xrange = range\nfrom functools import reduce\nimport itertools\nitertools.izip = zip\n" \
       "itertools.imap = map\nitertools.izip_longest = itertools.zip_longest\n"


@dataclass(frozen=True)
class Unit:
    """One alternative solution in a public file."""

    problem: str
    path: str
    cls: str
    code: str
    comment: str  # the author's "# Time:" line above the class, if any


def _git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True,
                          text=True).stdout


def _time_comment(lines: list[str], line: int) -> str:
    """The nearest ``# Time:`` comment above ``line`` (1-based)."""
    for text in reversed(lines[: line - 1]):
        if text.strip().lower().startswith("# time"):
            return text.strip()[1:].strip()
    return ""


class _Py2Division(ast.NodeTransformer):
    """Python 2's ``/`` on the integers these solutions divide is floor division."""

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Div) and not (_floaty(node.left) or _floaty(node.right)):
            node.op = ast.FloorDiv()
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Div) and not _floaty(node.value):
            node.op = ast.FloorDiv()
        return node


def _floaty(node: ast.AST) -> bool:
    """A float literal or ``float(...)`` anywhere in the operand: a true division was meant."""
    return any((isinstance(n, ast.Constant) and isinstance(n.value, float))
               or (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "float")
               for n in ast.walk(node))


# the judge's own node classes: a file's copy of them would not be a LeetCode type
_HARNESS_CLASSES = {"ListNode", "TreeNode"}


def split_units(problem: str, path: str, text: str, main_class: str) -> list[Unit]:
    """Each top-level ``main_class``, ``main_class2``, ... with the file's shared helpers,
    ported mechanically to Python 3 (``xrange``, ``izip``, integer ``/``)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    lines = text.splitlines()
    comments = {id(n): _time_comment(lines, n.lineno) for n in tree.body}
    tree = _Py2Division().visit(tree)
    is_main = [isinstance(n, ast.ClassDef) and n.name.rstrip("0123456789") == main_class for n in tree.body]
    shared = "\n".join(ast.unparse(n) for n, m in zip(tree.body, is_main, strict=True)
                       if not m and not isinstance(n, ast.Expr)
                       and not (isinstance(n, ast.ClassDef) and n.name in _HARNESS_CLASSES))
    units = []
    for node, main in zip(tree.body, is_main, strict=True):
        if not main:
            continue
        assert isinstance(node, ast.ClassDef)
        original = node.name
        node.name = main_class
        code = SHIM + shared + "\n\n" + ast.unparse(node) + "\n"
        units.append(Unit(problem, path, original, code, comments[id(node)]))
    return units


def collect(ctx: AppContext, git_dir: str, commit: str) -> list[Unit]:
    """Every unit of every file whose slug is a bank problem."""
    files = set(_git(git_dir, "ls-tree", "--name-only", commit, "Python/").split())
    units: list[Unit] = []
    for item in ctx.content("coding").items:
        path = f"Python/{item.id}.py"
        if path not in files:
            continue
        main = item.design.class_name if item.design else "Solution"
        units.extend(split_units(item.id, path, _git(git_dir, "show", f"{commit}:{path}"), main))
    return units


def draft(ctx: AppContext, units: list[Unit]) -> None:
    """A sheet to label by hand: the unit, the bank's size variable, the author's comment."""
    for u in units:
        problem = coding.get_problem(ctx, u.problem)
        print(f"{u.problem},{u.cls},size={problem.complexity.size_param},author: {u.comment}")


def main() -> None:
    """Judge, estimate twice and print accuracy against the hand labels, with a baseline."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    git_dir = args[0] if args else os.environ.get("LOOPCOACH_PUBLIC_SOLUTIONS", DEFAULT_DIR)
    if not Path(git_dir).is_dir():
        print(f"skipped: no copy of {REPO} at {git_dir} (fetch it and pass its git directory)")
        return
    # a home of its own unless LOOPCOACH_HOME names one (its cache keeps the expected outputs)
    home = os.environ.get("LOOPCOACH_HOME") or tempfile.mkdtemp(prefix="bench-public-")
    ctx = AppContext(load_settings({"LOOPCOACH_HOME": home}))
    labels = {}
    commit = "HEAD"
    if LABELS.is_file():
        with LABELS.open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh)]
        labels = {(r["problem"], r["class"]): r for r in rows}
        commit = rows[0]["commit"] if rows else commit
    units = collect(ctx, git_dir, commit)
    if "--draft" in sys.argv:
        draft(ctx, units)
        return
    results: list[tuple[Unit, dict[str, str], str, str]] = []
    excluded: Counter[str] = Counter()
    slowest = 0.0
    for u in units:
        row = labels.get((u.problem, u.cls))
        if row is None or row["label"] == "skip":
            excluded["not labelled (" + (row["note"] if row else "no row") + ")"] += 1
            continue
        try:
            verdict = coding.judge(ctx, u.problem, u.code)["verdict"]
        except LoopcoachError as exc:
            excluded[f"not judged: {exc.message[:60]}"] += 1
            continue
        if verdict != "accepted":
            excluded[f"not accepted ({verdict})"] += 1
            print(f"--- {u.problem:<44} {u.cls:<10} {verdict}", flush=True)
            continue
        got = []
        for _ in (1, 2):
            start = time.perf_counter()
            try:
                got.append(coding.complexity(ctx, u.problem, u.code)["time"])
            except LoopcoachError as exc:
                got.append("error: " + exc.message[:40])
            slowest = max(slowest, time.perf_counter() - start)
        results.append((u, row, got[0], got[1]))
        mark = "ok " if got[0] == row["label"] else "BAD"
        print(f"{mark} {u.problem:<44} {u.cls:<10} label {row['label']:<10} got {got[0]:<10} "
              f"rerun {got[1]}", flush=True)
    report(results, excluded, slowest, commit, git_dir)
    coding.get_runner().close()


def report(results: list[tuple[Unit, dict[str, str], str, str]], excluded: Counter[str], slowest: float,
           commit: str, git_dir: str) -> None:
    """Accuracy (all, and per hard case), the majority baseline, stability, exclusions."""
    n = len(results)
    if not n:
        print("no labelled, accepted units")
        return
    good = sum(1 for _, row, a, _ in results if a == row["label"])
    common, count = Counter(row["label"] for _, row, _, _ in results).most_common(1)[0]
    same = sum(1 for _, _, a, b in results if a == b)
    head = _git(git_dir, "rev-parse", commit).strip()
    print(f"\nsplit: public, {REPO}@{head[:10]} (MIT), {n} accepted units on "
          f"{len({u.problem for u, _, _, _ in results})} bank problems; never used to tune the estimator")
    print(f"complexity class accuracy (public): {good}/{n} = {100 * good / n:.1f}%")
    print(f"baseline, always the most common class ({common}): {count}/{n} = {100 * count / n:.1f}%")
    print(f"stability: {same}/{n} identical on a rerun")
    tags: Counter[str] = Counter()
    tag_good: Counter[str] = Counter()
    for _, row, a, _ in results:
        for tag in filter(None, row.get("hard", "").split(";")):
            tags[tag] += 1
            tag_good[tag] += a == row["label"]
    for tag, total in sorted(tags.items()):
        print(f"  hard case {tag}: {tag_good[tag]}/{total}")
    print(f"slowest estimate: {slowest:.1f} s")
    for why, k in excluded.most_common():
        print(f"excluded {k}: {why}")


if __name__ == "__main__":
    main()
