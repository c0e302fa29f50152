"""Coding use cases: list, judge, run on custom input, estimate complexity, submit.

Wires the coding bank, the in-sandbox harness (``areas.coding``), a sandbox
``Runner`` and the store. Expected outputs are computed by the problem's
reference solution in the sandbox, cross-checked against its alternative
solution, and cached in ``settings.cache_dir/coding`` keyed by a hash of the
problem and of the harness.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from loopcoach.areas.coding import static
from loopcoach.areas.coding import verdict as verdicts
from loopcoach.areas.coding.claims import parse_claim
from loopcoach.areas.coding.compare import load_checker, matches
from loopcoach.areas.coding.complexity import Point, complexity_feedback, estimate
from loopcoach.areas.coding.harness import harness_config, parse_custom_input, prelude_source
from loopcoach.content.schemas.coding import CodingProblem
from loopcoach.errors import (
    BadInputError,
    BinaryInputError,
    ContentError,
    EmptyInputError,
    NotFoundError,
    TooLargeError,
)
from loopcoach.sandbox.runner import Job, Limits, Runner, RunResult
from loopcoach.services.context import AppContext

MAX_SOURCE_BYTES = 64 * 1024
JUDGE_LIMITS = Limits(cpu_ms_per_case=2000, wall_ms_per_case=5000, total_cpu_s=60)
CONTENT_LIMITS = Limits(cpu_ms_per_case=10000, wall_ms_per_case=20000, total_cpu_s=300,
                        memory_mb=1024, setup_wall_ms=10000)
MEASURE_LIMITS = Limits(cpu_ms_per_case=6000, wall_ms_per_case=9000, total_cpu_s=40, job_wall_ms=11000)
MEASURE_BUDGET = 400_000
MEASURE_MAX_N = 20_000
MEASURE_SEEDS = (101, 202, 303, 404, 505, 606, 707, 808)
_runner_lock = threading.Lock()
_runner: list[Runner] = []


# ------------------------------------------------------------------ runner
def get_runner() -> Runner:
    """The process-wide sandbox runner (a warm zygote pool), created on first use."""
    with _runner_lock:
        if not _runner:
            from loopcoach.sandbox.process import SandboxRunner

            _runner.append(SandboxRunner(workers=2))
        return _runner[0]


def set_runner(runner: Runner | None) -> None:
    """Replace the process-wide runner (tests of other layers pass a fake)."""
    with _runner_lock:
        for old in _runner:
            if old is not runner:
                old.close()
        _runner.clear()
        if runner is not None:
            _runner.append(runner)


def sandbox_report(runner: Runner | None = None) -> dict[str, Any]:
    """Which isolation layers are active; a doctor-style check dict."""
    missing = (runner or get_runner()).missing_layers()
    return {"name": "sandbox", "ok": not missing,
            "detail": "all isolation layers active (netns, rlimits, Landlock, uid drop, seccomp)"
            if not missing else "MISSING: " + "; ".join(missing),
            "missing_layers": missing,
            "fix": None if not missing else "See docs/areas/coding.md: run as root or enable the layer."}


# ---------------------------------------------------------------- content
def list_problems(ctx: AppContext) -> dict[str, Any]:
    """The contract listing."""
    bank = ctx.content("coding")
    return {"problems": [{"id": p.id, "title": p.title, "difficulty": p.difficulty,
                          "topics": list(p.topics)} for p in bank.items]}


_one_cache: dict[tuple[str, str], tuple[int, CodingProblem]] = {}


def _load_one(ctx: AppContext, problem_id: str) -> CodingProblem | None:
    """Parse just this problem's file (overlay first, then bundled), without loading the bank.

    Loading the whole bank parses every YAML file (about a second on a slow machine); a
    judge of one problem needs one file. The loader's own parse_item validates it.
    """
    from loopcoach.content.loader import SUFFIXES, bundled_folder, parse_item, schema_for
    from loopcoach.content.registry import BANKS

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", problem_id):
        return None
    spec = BANKS["coding"]
    overlay = ctx.settings.content_dir / spec.folder
    folders: list[tuple[Any, str]] = [(overlay, str(overlay)), (bundled_folder(spec), f"bundled {spec.folder}")]
    for folder, label in folders:
        for suffix in SUFFIXES:
            entry = folder.joinpath(problem_id + suffix)
            if not entry.is_file():
                continue
            data = entry.read_bytes()
            key = (label, problem_id)
            stamp = hash(data)
            hit = _one_cache.get(key)
            if hit is not None and hit[0] == stamp:
                return hit[1]
            item: CodingProblem = parse_item(data.decode("utf-8", "replace"), entry.name,
                                             schema_for(spec), f"{label}/{entry.name}")  # type: ignore[assignment]
            _one_cache[key] = (stamp, item)
            return item
    return None


@lru_cache(maxsize=1)
def _bundled_checkers() -> frozenset[str]:
    """Hashes of the checkers shipped with the bank: the only ones the judge will run."""
    import yaml

    from loopcoach.content.loader import bundled_folder
    from loopcoach.content.registry import BANKS

    out = set()
    for entry in bundled_folder(BANKS["coding"]).iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            doc = yaml.safe_load(entry.read_text("utf-8")) or {}
            if isinstance(doc, dict) and isinstance(doc.get("checker"), str):
                out.add(hashlib.sha256(doc["checker"].encode()).hexdigest())
    return frozenset(out)


def _trusted(problem: CodingProblem) -> CodingProblem:
    """A checker runs in this (trusted) process with no time limit, so only a bundled one may:
    a problem file from the user's content folder with its own checker is refused."""
    if problem.compare == "checker" and problem.checker is not None \
            and hashlib.sha256(problem.checker.encode()).hexdigest() not in _bundled_checkers():
        raise ContentError(f"Coding problem '{problem.id}' brings its own checker; checkers run inside "
                           "the judge itself, so only the bundled ones run. Use compare: exact, "
                           "unordered, unordered_nested or float instead.")
    return problem


def get_problem(ctx: AppContext, problem_id: str) -> CodingProblem:
    """The problem with this id (NotFoundError otherwise; ContentError for an untrusted checker)."""
    one = _load_one(ctx, problem_id)
    if one is not None:
        return _trusted(one)
    bank = ctx.content("coding")
    if problem_id not in bank:
        raise NotFoundError(f"There is no coding problem with the id '{problem_id}'; "
                            "'loopcoach code list' shows the ids.")
    problem: CodingProblem = bank.get(problem_id)
    return _trusted(problem)


def check_source(text: str, name: str = "The solution") -> str:
    """Refuse empty, binary, oversized and non-Python input with one sentence."""
    if "\x00" in text:
        raise BinaryInputError(f"{name} is a binary file, not Python code.")
    if len(text.encode("utf-8", "replace")) > MAX_SOURCE_BYTES:
        raise TooLargeError(f"{name} is larger than 64 KB; a solution must be smaller.")
    if not text.strip():
        raise EmptyInputError(f"{name} is empty.")
    if "class " not in text:
        try:
            ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            raise BadInputError(f"{name} is not Python code.") from None
        raise BadInputError(f"{name} defines no class: a solution is a class Solution "
                            "(or the design problem's class), as on LeetCode.")
    return text


# ---------------------------------------------------------- test expansion
@dataclass
class Suite:
    """The full test list of a problem with expected outputs."""

    args: list[dict[str, Any]]
    expected: list[Any]
    hand: int
    # the slowest test's CPU time of the reference and the alternative solution, measured on
    # this machine when the suite was built: the judge's time limit scales with them
    ref_ms: float = 0.0
    alt_ms: float = 0.0


_suites: dict[str, Suite] = {}  # cache file path -> suite (the path names the content hash)
_digests: dict[int, tuple[CodingProblem, str]] = {}


def _digest(problem: CodingProblem) -> str:
    """Hash of the problem and of the harness: the key of its cached expected outputs."""
    hit = _digests.get(id(problem))
    if hit is not None and hit[0] is problem:
        return hit[1]
    h = hashlib.sha256(problem.model_dump_json().encode())
    h.update(prelude_source().encode())
    digest = h.hexdigest()[:20]
    _digests[id(problem)] = (problem, digest)
    return digest


def _run(runner: Runner, problem: CodingProblem, source: str, cases: list[object], limits: Limits,
         mode: str = "solve", stop: bool = False) -> RunResult:
    cfg = harness_config(problem, mode)  # type: ignore[arg-type]
    return runner.run(Job(prelude=prelude_source(), source=source, cases=cases, limits=limits,
                          config=cfg, stop_on_error=stop))


def _content_fail(problem: CodingProblem, what: str) -> ContentError:
    return ContentError(f"Coding problem '{problem.id}' is inconsistent: {what}.")


def _generated_args(runner: Runner, problem: CodingProblem) -> list[dict[str, Any]]:
    gen = problem.generated_tests
    cases: list[object] = [{"seed": gen.seed * 1_000_003 + i, "n": n} for i, n in enumerate(gen.sizes)]
    res = _run(runner, problem, problem.generator, cases, CONTENT_LIMITS, "generate")
    if res.setup != "ok":
        raise _content_fail(problem, f"the generator does not load ({verdicts.describe_error(res.setup_error)})")
    out: list[dict[str, Any]] = []
    for i, case in enumerate(res.cases):
        if case.status != "ok" or not isinstance(case.value, dict):
            raise _content_fail(problem, f"the generator failed for size {gen.sizes[i]} "
                                         f"({verdicts.describe_error(case.error)})")
        out.append(case.value)
    return out


def build_suite(ctx: AppContext, problem: CodingProblem, runner: Runner | None = None) -> Suite:
    """Hand tests + generated tests with expected outputs (cached, cross-checked)."""
    path = ctx.settings.cache_dir / "coding" / f"{problem.id}-{_digest(problem)}.json"
    cached = _suites.get(str(path))
    if cached is not None:
        return cached
    try:
        doc = json.loads(path.read_text("utf-8"))
        suite = Suite(args=doc["args"], expected=doc["expected"], hand=doc["hand"],
                      ref_ms=float(doc.get("ref_ms", 0.0)), alt_ms=float(doc.get("alt_ms", 0.0)))
        _suites[str(path)] = suite
        return suite
    except (OSError, ValueError, KeyError):
        pass
    runner = runner or get_runner()
    hand = [t.args for t in problem.tests]
    args = hand + _generated_args(runner, problem)
    ref = _run(runner, problem, problem.reference_solution, list(args), CONTENT_LIMITS)
    alt = _run(runner, problem, problem.alternative_solution, list(args), CONTENT_LIMITS)
    checker = load_checker(problem.checker) if problem.compare == "checker" and problem.checker else None
    for name, res in (("reference", ref), ("alternative", alt)):
        if res.setup != "ok":
            raise _content_fail(problem, f"the {name} solution does not load "
                                         f"({verdicts.describe_error(res.setup_error)})")
    expected: list[Any] = []
    for i, (a, r, s) in enumerate(zip(args, ref.cases, alt.cases, strict=True)):
        for name, case in (("reference", r), ("alternative", s)):
            if case.status != "ok":
                raise _content_fail(problem, f"the {name} solution fails test {i + 1} "
                                             f"({case.status}: {verdicts.describe_error(case.error)})")
        if checker is not None and not matches(problem, a, r.value, r.value, checker):
            raise _content_fail(problem, f"the reference answer of test {i + 1} fails the checker")
        if not matches(problem, a, r.value, s.value, checker):
            raise _content_fail(problem, f"reference and alternative disagree on test {i + 1} "
                                         f"({verdicts.short(r.value, 80)} vs {verdicts.short(s.value, 80)})")
        expected.append(r.value)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    ref_ms = max((c.cpu_ms for c in ref.cases), default=0.0)
    alt_ms = max((c.cpu_ms for c in alt.cases), default=0.0)
    tmp.write_text(json.dumps({"args": args, "expected": expected, "hand": len(hand), "ref_ms": ref_ms,
                               "alt_ms": alt_ms}), "utf-8")
    tmp.replace(path)
    suite = Suite(args=args, expected=expected, hand=len(hand), ref_ms=ref_ms, alt_ms=alt_ms)
    _suites[str(path)] = suite
    return suite


# ------------------------------------------------------------------ judge
def fair_limit_ms(problem: CodingProblem, suite: Suite) -> int:
    """The per-test CPU limit: the problem's floor (2 s unless it sets one), raised to 10x the
    reference's and 3x the alternative's slowest test as measured on this machine, so that a
    slow laptop does not fail an optimal solution; at most 10 s."""
    floor = problem.time_limit_ms or JUDGE_LIMITS.cpu_ms_per_case
    scaled = max(10 * suite.ref_ms, 3 * suite.alt_ms)
    return int(min(max(floor, math.ceil(scaled / 100) * 100), CONTENT_LIMITS.cpu_ms_per_case))


def judge(ctx: AppContext, problem_id: str, source: str, runner: Runner | None = None) -> dict[str, Any]:
    """Judge ``source`` on every test of the problem (the contract JSON)."""
    problem = get_problem(ctx, problem_id)
    check_source(source)
    runner = runner or get_runner()
    suite = build_suite(ctx, problem, runner)
    limit = fair_limit_ms(problem, suite)
    limits = JUDGE_LIMITS
    if limit != JUDGE_LIMITS.cpu_ms_per_case:
        limits = Limits(cpu_ms_per_case=limit, wall_ms_per_case=limit * 2 + 1000, total_cpu_s=60)
    res = _run(runner, problem, source, list(suite.args), limits)
    warnings = [f"{m}" for m in res.missing_layers]
    result = verdicts.judge(problem, suite.args, suite.expected, list(res.cases), setup=res.setup,
                            setup_error=res.setup_error, cpu_limit_ms=limits.cpu_ms_per_case,
                            warnings=warnings)
    result["reference_ms"] = round(suite.ref_ms, 1)  # what the limit was scaled from
    result["wall_ms"] = round(res.wall_ms, 1)
    result["sandbox_cpu_ms"] = round(res.total_cpu_ms, 1)  # the child's whole CPU, from wait4
    if res.stdout:
        result["stdout"] = res.stdout[:4000]
    return result


def run_custom(ctx: AppContext, problem_id: str, source: str, input_text: str,
               runner: Runner | None = None) -> dict[str, Any]:
    """Run ``source`` on one custom input without judging; show the reference's answer too."""
    problem = get_problem(ctx, problem_id)
    check_source(source)
    try:
        args = parse_custom_input(problem, input_text)
    except ValueError as exc:
        raise BadInputError(str(exc)) from None
    runner = runner or get_runner()
    mine = _run(runner, problem, source, [args], JUDGE_LIMITS)
    ref = _run(runner, problem, problem.reference_solution, [args], JUDGE_LIMITS)
    out: dict[str, Any] = {"problem_id": problem.id, "input": verdicts.format_input(args),
                           "stdout": mine.stdout[:4000], "warnings": mine.missing_layers}
    if mine.setup != "ok":
        out.update({"status": "compile_error" if mine.setup == "compile_error" else "runtime_error",
                    "output": None, "error": verdicts.describe_error(mine.setup_error)})
    else:
        case = mine.cases[0]
        out.update({"status": "ok" if case.status == "ok" else verdicts.VERDICT_OF_STATUS[case.status],
                    "output": case.value, "time_ms": round(case.cpu_ms, 3),
                    "error": None if case.status == "ok" else verdicts.describe_error(case.error)})
    ref_case = ref.cases[0] if ref.setup == "ok" else None
    out["expected"] = ref_case.value if ref_case and ref_case.status == "ok" else None
    if ref_case is not None and ref_case.status == "ok" and out["status"] == "ok":
        out["matches_reference"] = matches(problem, args, ref_case.value, out["output"])
    return out


# ------------------------------------------------------------- complexity
def _sizes(problem: CodingProblem) -> list[int]:
    """1..12 (exponential growth shows in small steps), then x1.5 up to the largest test size."""
    top = min(max(problem.generated_tests.sizes), MEASURE_MAX_N)
    sizes = list(range(1, min(top, 12) + 1))
    n = 12
    while n * 1.5 < top:
        n = int(n * 1.5)
        sizes.append(n)
    if sizes[-1] != top:
        sizes.append(top)
    return sizes


def measure(ctx: AppContext, problem: CodingProblem, source: str, runner: Runner,
            space_points: list[Point] | None = None) -> list[Point]:
    """Operation counts and best CPU times of ``source`` on growing generated inputs; the peak
    extra bytes (two series, function problems) go to ``space_points`` when it is given."""
    space: dict[int, float] = {}
    space_points = [] if space_points is None else space_points
    sizes = _sizes(problem)
    # one seed per series for every size: the generator's first random choices (input
    # family, value spread) stay the same as n grows, so each series is one consistent
    # family; the count at a size is the max over the series (the worst family), and
    # only the first two series are also timed
    seeds = MEASURE_SEEDS
    cases: list[object] = [{"seed": s, "n": n, "budget": MEASURE_BUDGET,
                            "repeats": 3 if k < 2 else 0, "space": k < 2}
                           for n in sizes for k, s in enumerate(seeds)]
    res = _run(runner, problem, source, cases, MEASURE_LIMITS, "measure", stop=True)
    if res.setup != "ok":
        raise BadInputError("The solution does not load, so its complexity cannot be measured: "
                            + verdicts.describe_error(res.setup_error) + ".")
    by_size: dict[int, Point] = {}
    for i, case in enumerate(res.cases):
        if case.status != "ok" or not isinstance(case.value, dict) or case.value.get("over"):
            # keep only sizes where every series finished
            by_size.pop(sizes[i // len(seeds)], None)
            break
        v = case.value
        size = sizes[i // len(seeds)]  # the generator's n, as the problem's complexity names it
        count = float(v.get("count") or 0)
        cpu = v.get("cpu_ns")
        if problem.kind == "design":  # per operation
            count /= size
            cpu = None if cpu is None else cpu / size
        old = by_size.get(size)
        if old is None or count > old.count:
            by_size[size] = Point(size=size, count=count,
                                  cpu_ns=cpu if old is None or cpu is None or old.cpu_ns is None
                                  else min(cpu, old.cpu_ns))
        if v.get("space_bytes") is not None:
            space[size] = max(space.get(size, 0.0), float(v["space_bytes"]))
    points = sorted(by_size.values(), key=lambda p: p.size)
    space_points[:] = [Point(size=n, count=b) for n, b in sorted(space.items()) if n in by_size]
    if len(points) < 3:
        raise BadInputError("The solution fails or is too slow on the smallest generated inputs, "
                            "so its complexity cannot be measured; make it pass first.")
    return points


SPACE_FLOOR_BYTES = 4096  # below this at the largest size, extra space is constant


def space_class(points: list[Point]) -> str | None:
    """The growth class of the peak extra bytes, or None when there is nothing to fit."""
    if len(points) < 3:
        return None
    if max(p.count for p in points) < SPACE_FLOOR_BYTES:
        return "O(1)"  # a few hundred bytes of ints and frames, whatever n is
    # allocator noise at small sizes: a constant floor so that relative errors stay sane
    return estimate([Point(size=p.size, count=p.count + 512) for p in points]).time


def complexity(ctx: AppContext, problem_id: str, source: str, runner: Runner | None = None) -> dict[str, Any]:
    """The contract result of the complexity estimator."""
    problem = get_problem(ctx, problem_id)
    check_source(source)
    space_points: list[Point] = []
    points = measure(ctx, problem, source, runner or get_runner(), space_points)
    est = estimate(points)
    space = space_class(space_points)
    expected = problem.complexity.time_class or problem.complexity.time
    return {"problem_id": problem.id, "time": est.time, "expected": expected,
            "expected_detail": problem.complexity.time_detail or problem.complexity.time,
            "size_param": problem.complexity.size_param,
            "space": space, "expected_space": problem.complexity.space,
            "space_points": [{"n": p.size, "bytes": int(p.count)} for p in space_points],
            "confidence": est.confidence, "signal": est.source, "time_slope": est.time_slope,
            "points": [{"n": p.size, "ops": round(p.count, 1),
                        "cpu_ms": None if p.cpu_ns is None else round(p.cpu_ns / 1e6, 4)}
                       for p in points]}


def submit(ctx: AppContext, problem_id: str, source: str, *, claimed_time: str = "",
           claimed_space: str = "", approach: str = "", started_at: str | None = None,
           runner: Runner | None = None, via: str = "web", estimate_time: bool = True) -> dict[str, Any]:
    """Judge, estimate the complexity when accepted, give feedback and store the attempt."""
    result, attempt = evaluate(ctx, problem_id, source, claimed_time=claimed_time, claimed_space=claimed_space,
                               approach=approach, started_at=started_at, runner=runner, via=via,
                               estimate_time=estimate_time)
    result["attempt_id"] = ctx.store.add_attempt(
        attempt["area"], attempt["item_id"], attempt["input_text"], attempt["result"], attempt["score"],
        started_at=attempt["started_at"], meta=attempt["meta"])
    return result


def evaluate(ctx: AppContext, problem_id: str, source: str, *, claimed_time: str = "",
             claimed_space: str = "", approach: str = "", started_at: str | None = None,
             runner: Runner | None = None, via: str = "web",
             estimate_time: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """What ``submit`` does short of storing: the result and the attempt to record (a queue worker
    records it together with closing its work item)."""
    runner = runner or get_runner()
    problem = get_problem(ctx, problem_id)
    result = judge(ctx, problem_id, source, runner)
    measured: dict[str, Any] | None = None
    if result["verdict"] == "accepted" and estimate_time:
        try:
            measured = complexity(ctx, problem_id, source, runner)
        except BadInputError:
            measured = None
    optimal = problem.complexity.time_class
    names = tuple(p.name for p in problem.function.params) if problem.function else ()
    feedback = complexity_feedback(
        claimed_time.strip() or None, measured["time"] if measured else None, optimal,
        claimed_space=claimed_space.strip() or None, optimal_space=problem.complexity.space,
        optimal_detail=problem.complexity.time_detail, size_param=problem.complexity.size_param,
        names=names, verdict=result["verdict"]) if estimate_time else []
    # the measured space class (measured["space"]) agrees with the bank's stated space on only
    # about two thirds of the reference solutions (docs/areas/coding.md), so it is reported in
    # the JSON but not yet used to contradict a candidate's claim
    if feedback and result["verdict"] in ("accepted", "time_limit_exceeded"):
        slow = measured is None or (optimal is not None and measured["time"] != optimal)
        if slow:  # the words behind a growth above the optimum
            feedback.extend(f"Look at the {note}." for note in static.time_notes(source)[:3])
    stated = static.stated_requirements(problem.statement)
    if "space" in stated and estimate_time:
        claim = parse_claim(claimed_space or claimed_time, "space" if claimed_space.strip() else "time", names)
        check = static.space_check(stated["space"], claim.space.text() if claim.space else None, source,
                                   approach)
        result["space_check"] = check
        feedback.append(str(check["message"]))
    result["complexity"] = measured
    result["feedback"] = feedback
    score = round(100 * result["passed"] / max(1, result["total"]))
    stored = {k: v for k, v in result.items() if k != "tests"}
    stored["tests"] = result["tests"]
    attempt = {"area": "coding", "item_id": problem.id, "input_text": source, "result": stored, "score": score,
               "started_at": started_at,
               "meta": {"verdict": result["verdict"], "claimed_time": claimed_time, "claimed_space": claimed_space,
                        "approach": approach, "measured_time": measured["time"] if measured else None,
                        "time_ms": result["time_ms"], "via": via}}
    return result, attempt


def history(ctx: AppContext, problem_id: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Recent coding attempts, newest first."""
    rows = ctx.store.list_attempts(area="coding", item_id=problem_id, limit=limit)
    return [{"id": a.id, "problem_id": a.item_id, "verdict": a.meta.get("verdict"), "score": a.score,
             "finished_at": a.finished_at, "measured_time": a.meta.get("measured_time"),
             "claimed_time": a.meta.get("claimed_time"), "time_ms": a.meta.get("time_ms")}
            for a in rows]


def status_by_problem(ctx: AppContext) -> dict[str, str]:
    """problem id -> "solved" | "attempted" from the store."""
    out: dict[str, str] = {}
    for a in ctx.store.list_attempts(area="coding", limit=10000):
        if a.item_id is None:
            continue
        if a.meta.get("verdict") == "accepted":
            out[a.item_id] = "solved"
        else:
            out.setdefault(a.item_id, "attempted")
    return out
