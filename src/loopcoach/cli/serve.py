"""``loopcoach serve``: the local web app."""

from __future__ import annotations

import threading
import time
from typing import Annotated

import typer

from loopcoach.cli.common import fail
from loopcoach.errors import LoopcoachError


def command(
    host: Annotated[str | None, typer.Option(help="Address to bind (default LOOPCOACH_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default LOOPCOACH_PORT or 8000).")] = None,
    group: Annotated[bool, typer.Option("--group", help="Serve a cohort: every page needs a signed-in account "
                                                        "(same as LOOPCOACH_GROUP=1).")] = False,
) -> None:
    """Start the web app (http://127.0.0.1:8000 by default)."""
    from dataclasses import replace

    import uvicorn

    from loopcoach.config import load_settings
    from loopcoach.services.warmup import Readiness, warm_up
    from loopcoach.web.app import create_app

    try:
        settings = load_settings()
        # The guard answers to the bound address, so the app is built for the address actually bound.
        settings = replace(settings, host=host or settings.host, port=port or settings.port,
                           group=group or settings.group)
        app = create_app(settings)
    except LoopcoachError as exc:
        fail(exc, False)
    bind_host, bind_port = settings.host, settings.port
    url = f"http://{bind_host}:{bind_port}"
    mode = "a cohort (sign-in required)" if settings.group else "one local user"
    typer.echo(f"loopcoach: starting {url} for {mode} (data in {settings.home})", err=True)
    # A peer-mock pad edit is at most 100,000 characters: 1 MB bounds a WebSocket message (uvicorn's default is 16).
    server = uvicorn.Server(uvicorn.Config(app, host=bind_host, port=bind_port, log_level="warning",
                                           ws_max_size=1024 * 1024))

    def report(state: Readiness) -> None:
        while not server.started and not server.should_exit:  # "ready" means the port answers too
            time.sleep(0.05)
        if state.error is None and server.started:
            typer.echo(f"loopcoach: ready at {url} (sentence model and graders loaded in {state.seconds:.1f} s).",
                       err=True)

    _, readiness = warm_up(app.state.ctx, lambda message: typer.echo(message, err=True), on_ready=report)
    app.state.readiness = readiness
    threading.Thread(target=_warm_reader, name="loopcoach-reader-warm-up", daemon=True).start()
    server.run()


def _warm_reader() -> None:
    """Start a document reader process in the background (see loopcoach.services.documents)."""
    from loopcoach.services.documents import shared_reader

    try:
        shared_reader().warm()
    except LoopcoachError as exc:
        typer.echo(f"loopcoach: the document reader did not start: {exc.message}", err=True)
