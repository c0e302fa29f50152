"""``loopcoach serve``: the local web app."""

from __future__ import annotations

import dataclasses
import threading
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
    import uvicorn

    from loopcoach.config import load_settings
    from loopcoach.services.warmup import warm_up
    from loopcoach.web.app import create_app

    try:
        settings = load_settings()
        if group:
            settings = dataclasses.replace(settings, group=True)
        app = create_app(settings)
    except LoopcoachError as exc:
        fail(exc, False)
    bind_host = host or settings.host
    bind_port = port or settings.port
    mode = "a cohort (sign-in required)" if settings.group else "one local user"
    typer.echo(f"loopcoach: serving http://{bind_host}:{bind_port} for {mode} (data in {settings.home})", err=True)
    warm_up(app.state.ctx, lambda message: typer.echo(message, err=True))
    threading.Thread(target=_warm_reader, name="loopcoach-reader-warm-up", daemon=True).start()
    uvicorn.run(app, host=bind_host, port=bind_port, log_level="warning")


def _warm_reader() -> None:
    """Start a document reader process in the background (see loopcoach.services.documents)."""
    from loopcoach.services.documents import shared_reader

    try:
        shared_reader().warm()
    except LoopcoachError as exc:
        typer.echo(f"loopcoach: the document reader did not start: {exc.message}", err=True)
