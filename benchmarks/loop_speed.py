"""Speed of the loop area: plan building, iCalendar export, dashboard with charts, adaptive item choice.

Run: .venv/bin/python benchmarks/loop_speed.py   (uses a temporary data folder with 600 synthetic attempts)
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime, timedelta

from loopcoach.areas.loop.ical import plan_to_ical
from loopcoach.areas.loop.plan import build_plan
from loopcoach.config import load_settings
from loopcoach.services import dashboard, loop
from loopcoach.services.context import AppContext


def _ms(fn: object, repeat: int = 20) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()  # type: ignore[operator]
    return (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    """Print milliseconds per operation."""
    with tempfile.TemporaryDirectory() as home:
        ctx = AppContext(load_settings({"LOOPCOACH_HOME": home}))
        rng = random.Random(1)
        now = datetime.now(UTC)
        ids = {a: [i.id for i in ctx.content(a).items] for a in ("coding", "theory", "design")}
        for n in range(600):
            area = ("coding", "theory", "design")[n % 3]
            ctx.store.add_attempt(area, rng.choice(ids[area]), "x", {}, rng.randint(10, 100),
                                  finished_at=(now - timedelta(days=rng.randint(0, 60))).isoformat())
        for qid in ids["theory"][:40]:
            ctx.store.save_card("theory", qid, {}, (now + timedelta(days=rng.randint(-3, 20))).isoformat())
        ctx.content("coding")  # warm the banks once, as a running server has them
        stats = dashboard.collect_stats(ctx)
        today = now.date()
        plan = build_plan(stats, today, today + timedelta(days=90), 10)
        print(f"collect_stats (600 attempts, 40 cards): {_ms(lambda: dashboard.collect_stats(ctx), 5):.1f} ms")
        print(f"build_plan (90 days): {_ms(lambda: build_plan(stats, today, today + timedelta(days=90), 10)):.2f} ms")
        print(f"plan_to_ical (90 days): {_ms(lambda: plan_to_ical(plan)):.2f} ms")
        print(f"dashboard page data with 4 SVG charts: {_ms(lambda: dashboard.dashboard(ctx), 5):.1f} ms")
        print(f"adaptive choice of 3 theory questions: "
              f"{_ms(lambda: loop.pick_items(ctx, 'theory', 3, rng), 10):.1f} ms")
        ctx.close()


if __name__ == "__main__":
    main()
