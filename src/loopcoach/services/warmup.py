"""Get the server ready before it says so: load the sentence model and run one grade per model-backed area.

``loopcoach serve`` starts this on a thread next to the web server and prints
"ready" only when both are done, so the user's first theory or design grade
pays neither the model load nor the first-use setup of the graders (their
imports, the shared framework vectors, the pair model). ``Readiness`` is what
``/api/health`` reports meanwhile.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from loopcoach.errors import LoopcoachError
from loopcoach.services.context import AppContext

WARM_THEORY_ANSWER = (
    "It trades bias against variance: a simpler model underfits and a flexible one overfits, "
    "so I would check the validation error on held-out data."
)
WARM_DESIGN_NOTES = (
    "## Clarify\nHow many users per day and what latency do we need?\n"
    "## Metrics\nOffline precision at k and online click-through rate in an A/B test.\n"
    "## Baseline\nStart with a popularity baseline, then a logistic regression on simple features."
)


@dataclass
class Readiness:
    """What the warm-up has finished; ``ready`` is set once everything is loaded (or has failed)."""

    done: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float | None = None
    ready: threading.Event = field(default_factory=threading.Event)

    def to_dict(self) -> dict[str, object]:
        """The readiness part of ``/api/health``."""
        return {"ready": self.ready.is_set(), "warm": list(self.done), "error": self.error}


def _warm_theory(ctx: AppContext) -> None:
    from loopcoach.services import theory

    first = theory.questions(ctx)[0]
    theory.grade(ctx, first.id, WARM_THEORY_ANSWER, save=False)


def _warm_design(ctx: AppContext) -> None:
    from loopcoach.services import design

    first = design.list_prompts(ctx)["prompts"][0]["id"]
    design.grade(ctx, first, WARM_DESIGN_NOTES, record=False)


def warm_up(ctx: AppContext, say: Callable[[str], None],
            on_ready: Callable[[Readiness], None] | None = None) -> tuple[threading.Thread, Readiness]:
    """Load the model and warm the graders on a daemon thread; ``on_ready`` runs when it is done."""
    state = Readiness()

    def load() -> None:
        start = time.perf_counter()
        try:
            ctx.embedder.load(say=lambda _message: None)  # one message of our own instead of the slow-load notice
            state.done.append("sentence model")
            for name, step in (("theory grader", _warm_theory), ("design grader", _warm_design)):
                step(ctx)
                state.done.append(name)
        except LoopcoachError as exc:
            state.error = exc.message
            say(f"loopcoach: the sentence model did not load: {exc.message}")
        except Exception as exc:  # a warm-up failure must not keep the server from saying so
            state.error = f"warming the graders failed ({type(exc).__name__}: {exc})"
            say(f"loopcoach: {state.error}; the first grade will be slower.")
        state.seconds = time.perf_counter() - start
        state.ready.set()
        if on_ready is not None:
            on_ready(state)

    say("loopcoach: loading the sentence model and warming the graders...")
    thread = threading.Thread(target=load, name="loopcoach-model-warm-up", daemon=True)
    thread.start()
    return thread, state
