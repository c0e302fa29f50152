"""Load test of group mode: N signed-in candidates against a server with 1 and with 2 judge workers.

Run: .venv/bin/python benchmarks/group_load.py [--candidates 40] [--rounds 5] [--interval 60] [--kill-one]

Everything runs on 127.0.0.1 and stops at the end: a throw-away PostgreSQL
(or --database-url, whose database is used as it is), `loopcoach serve --group`
and `loopcoach worker` processes. Each candidate signs in, then every
``--interval`` seconds for ``--rounds`` rounds browses three pages, gets a story
analysed and submits a two-sum solution, polling its state until the verdict.
Printed per worker count: submissions and how many got a verdict, judge
throughput while the queue drains, the time from submit to verdict (p50 / p99),
page latency (p50 / p99 over every page and form request) and errors. With
``--kill-one`` a further 2-worker run kills one worker with SIGKILL while it
runs a job and checks that every submission still got its verdict.
``--interval 0`` has every candidate submit again as soon as the verdict
arrives: the queue stays full, so the throughput is the workers' capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "load test password"
ACCEPTED = """class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
"""
WRONG = ACCEPTED.replace("return [seen[target - x], i]", "return [i, seen[target - x]]")
STORY = ("Last spring our nightly training job kept failing. I owned the fix: I profiled the data loader, "
         "I rewrote the sharding and I added retries. As a result failures fell from nine a week to zero.")
PAGES = ("/coding", "/coding/two-sum", "/readiness")


@dataclass
class Tally:
    """What one run measured."""

    page_ms: list[float] = field(default_factory=list)
    verdict_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    submitted: int = 0
    judged: int = 0
    first_submit: float = 0.0
    last_verdict: float = 0.0


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _timed(client: httpx.AsyncClient, tally: Tally, method: str, url: str, **kw: Any) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        res = await client.request(method, url, **kw)
    except httpx.HTTPError as exc:
        tally.errors.append(f"{method} {url}: {type(exc).__name__}")
        return None
    tally.page_ms.append((time.perf_counter() - start) * 1000)
    if res.status_code >= 400:
        tally.errors.append(f"{method} {url}: HTTP {res.status_code}")
    return res


async def candidate(base: str, name: str, rounds: int, interval: float, tally: Tally, start_at: float) -> None:
    """One signed-in candidate: browse, answer, submit, wait for the verdict; every ``interval`` seconds."""
    async with httpx.AsyncClient(base_url=base, timeout=60, headers={"Origin": base}) as client:
        page = await client.get("/signin")
        found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)  # signed for this cookie
        if found is None:
            tally.errors.append(f"sign-in page for {name}: no CSRF token (HTTP {page.status_code})")
            return
        headers = {"X-CSRF-Token": found.group(1)}
        res = await client.post("/signin", data={"name": name, "password": PASSWORD}, headers=headers)
        if res.status_code != 303 or "loopcoach_session" not in client.cookies:
            tally.errors.append(f"sign-in of {name}: HTTP {res.status_code}")
            return
        await asyncio.sleep(max(0.0, start_at - time.monotonic()) + random.uniform(0, interval))
        for _ in range(rounds):
            began = time.monotonic()
            for page in PAGES:
                await _timed(client, tally, "GET", page)
            await _timed(client, tally, "POST", "/behavioral/analyse", data={"text": STORY, "kind": "story"},
                         headers={**headers, "HX-Request": "true"})
            code = ACCEPTED if random.random() < 0.8 else WRONG
            sent = time.monotonic()
            res = await _timed(client, tally, "POST", "/coding/two-sum/submit", data={"code": code},
                               headers={**headers, "HX-Request": "true"})
            if res is not None and 'hx-get="/coding/work/' in res.text:
                tally.submitted += 1
                tally.first_submit = tally.first_submit or sent
                work_id = res.text.split('hx-get="/coding/work/')[1].split('"')[0]
                while True:
                    await asyncio.sleep(1.0)
                    state = await _timed(client, tally, "GET", f"/api/work/{work_id}")
                    if state is None:
                        break
                    status = state.json().get("status")
                    if status in ("done", "failed"):
                        if status == "done":
                            tally.judged += 1
                        else:
                            tally.errors.append(f"submission {work_id} failed: {state.json().get('error')}")
                        tally.verdict_s.append(time.monotonic() - sent)
                        tally.last_verdict = time.monotonic()
                        break
            elif res is not None:
                tally.errors.append(f"submit of {name} was not queued: HTTP {res.status_code}")
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - began)))


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as handle:
        return subprocess.Popen([sys.executable, "-m", "loopcoach", *args], env=env, stdout=handle, stderr=handle,
                                start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


async def _killer(ctx: Any, workers: list[subprocess.Popen[bytes]], names: list[str], note: list[str]) -> None:
    """Kill the first worker with SIGKILL as soon as it runs a job."""
    import sqlalchemy as sa

    from loopcoach.store import tables as t

    while True:
        await asyncio.sleep(0.5)
        with ctx.store.engine.connect() as conn:
            busy = conn.execute(sa.select(t.work_items.c.id).where(t.work_items.c.status == "running",
                                                                    t.work_items.c.worker == names[0])).first()
        if busy:
            workers[0].send_signal(signal.SIGKILL)
            note.append(f"killed worker {names[0]} with SIGKILL while it ran submission {busy[0]}")
            return


def run(database_url: str, workers: int, args: argparse.Namespace, kill: bool = False) -> dict[str, Any]:
    """One measured run with ``workers`` judge workers; returns the figures."""
    import sqlalchemy as sa
    from tests.pgserver import _free_port

    from loopcoach.config import load_settings
    from loopcoach.services import accounts
    from loopcoach.services.context import AppContext
    from loopcoach.store import tables as t
    from loopcoach.store.work import WorkStore

    home = Path(tempfile.mkdtemp(prefix="bench-group-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "LOOPCOACH_HOME": str(home), "LOOPCOACH_DATABASE_URL": database_url,
           "LOOPCOACH_GROUP": "1", "LOOPCOACH_SECRET_KEY": uuid.uuid4().hex * 2, "LOOPCOACH_HOST": "127.0.0.1",
           "LOOPCOACH_PORT": str(port), "LOOPCOACH_PUBLIC_URL": base}
    ctx = AppContext(load_settings(env))
    names = [f"cand-{workers}w-{i:03d}" for i in range(args.candidates)]
    for name in names:
        accounts.add_user(ctx, name, "candidate", f"load-{workers}", PASSWORD)
    procs: list[subprocess.Popen[bytes]] = []
    worker_names = [f"bench-{workers}w-{i}" for i in range(workers)]
    note: list[str] = []
    tally = Tally()
    with ExitStack() as stack:
        server = _spawn(["serve", "--group"], env, home / "server.log")
        stack.callback(_stop, server)
        for wname in worker_names:
            proc = _spawn(["worker", "--name", wname], env, home / f"{wname}.log")
            procs.append(proc)
            stack.callback(_stop, proc)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise SystemExit(f"the server did not answer within 120 s; see {home / 'server.log'}")
        time.sleep(3)  # let the workers warm their sandboxes

        async def main() -> None:
            start_at = time.monotonic() + 2
            jobs = [candidate(base, n, args.rounds, args.interval, tally, start_at) for n in names]
            killer = None
            if kill:
                killer = asyncio.create_task(_killer(ctx, procs, worker_names, note))
            await asyncio.gather(*jobs)
            if killer is not None:
                killer.cancel()

        asyncio.run(main())
        counts = WorkStore(ctx.store.engine).counts()
        with ctx.store.engine.connect() as conn:
            retried = int(conn.execute(sa.select(sa.func.count()).where(t.work_items.c.tries > 1)).scalar() or 0)
    ctx.close()
    drain = max(1e-9, tally.last_verdict - tally.first_submit)
    return {"workers": workers, "submitted": tally.submitted, "judged": tally.judged, "counts": counts,
            "retried": retried, "throughput_per_min": 60 * tally.judged / drain,
            "verdict_p50": _pct(tally.verdict_s, 0.5), "verdict_p99": _pct(tally.verdict_s, 0.99),
            "page_p50": _pct(tally.page_ms, 0.5), "page_p99": _pct(tally.page_ms, 0.99),
            "requests": len(tally.page_ms), "errors": tally.errors, "note": note}


def main() -> None:
    """Run with 1 and with 2 workers and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5, help="submissions per candidate")
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between a candidate's rounds")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--kill-one", action="store_true",
                        help="add a run with 2 workers where one is killed with SIGKILL mid-job")
    parser.add_argument("--database-url", default="", help="an existing PostgreSQL database (default: start one)")
    args = parser.parse_args()
    if not 1 <= args.candidates <= 200 or not 1 <= args.rounds <= 20:
        raise SystemExit("Use 1-200 candidates and 1-20 rounds (this is a bounded local benchmark).")
    from tests.pgserver import throwaway_postgres

    print(f"group load: {args.candidates} candidates x {args.rounds} rounds, one every {args.interval:.0f} s, "
          f"on 127.0.0.1 ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    results: list[dict[str, Any]] = []
    everything: list[dict[str, Any]] = []
    plan = [(int(c), False) for c in args.workers.split(",")] + ([(2, True)] if args.kill_one else [])
    for count, kill in plan:
        with ExitStack() as stack:
            url = args.database_url or stack.enter_context(throwaway_postgres(f"load_{count}w{int(kill)}", 200))
            r = run(url, count, args, kill)
        everything.append(r)
        if not kill:
            results.append(r)
        lost = r["submitted"] - r["judged"]
        print(f"\n{count} worker(s){', one killed with SIGKILL mid-job' if kill else ''}: {r['submitted']} submitted, {r['judged']} judged ({lost} without a verdict), "
              f"work items {r['counts']}, {r['retried']} rerun after a worker stopped")
        print(f"  judge throughput while draining: {r['throughput_per_min']:.1f} submissions/min")
        print(f"  submit -> verdict: p50 {r['verdict_p50']:.1f} s, p99 {r['verdict_p99']:.1f} s")
        print(f"  page latency over {r['requests']} requests: p50 {r['page_p50']:.0f} ms, "
              f"p99 {r['page_p99']:.0f} ms; errors: {len(r['errors'])}")
        for line in r["note"]:
            print(f"  {line}")
        for err in r["errors"][:5]:
            print(f"  error: {err}")
    if len(results) >= 2 and results[0]["throughput_per_min"] > 0:
        ratio = results[-1]["throughput_per_min"] / results[0]["throughput_per_min"]
        print(f"\nthroughput {results[-1]['workers']} vs {results[0]['workers']} worker(s): {ratio:.2f}x")
    print("every submission got a verdict" if all(r["submitted"] == r["judged"] for r in everything)
          else "SOME SUBMISSIONS GOT NO VERDICT")
    print(f"(median of all page p50s: {statistics.median(r['page_p50'] for r in results):.0f} ms)")


if __name__ == "__main__":
    main()
