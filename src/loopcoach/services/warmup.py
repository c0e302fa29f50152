"""Load the sentence model in the background when the web server starts, so no request waits for it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from loopcoach.errors import LoopcoachError
from loopcoach.services.context import AppContext


def warm_up(ctx: AppContext, say: Callable[[str], None]) -> threading.Thread:
    """Start loading the embedder on a daemon thread; ``say`` reports when it is ready (or why not)."""

    def load() -> None:
        start = time.perf_counter()
        try:
            ctx.embedder.load(say=lambda _message: None)  # one message of our own instead of the slow-load notice
        except LoopcoachError as exc:
            say(f"loopcoach: the sentence model did not load: {exc.message}")
            return
        say(f"loopcoach: the sentence model is ready ({time.perf_counter() - start:.1f} s).")

    say("loopcoach: loading the sentence model in the background...")
    thread = threading.Thread(target=load, name="loopcoach-model-warm-up", daemon=True)
    thread.start()
    return thread
