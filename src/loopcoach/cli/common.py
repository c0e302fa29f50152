"""What every command shares: the contracts' --json rule, exit code 2 for bad input, input reading.

A command builds its result in a ``work`` function and hands it to
``run_command``, which prints exactly one JSON object on stdout with
``--json`` (or calls the renderer on a Rich console), and turns any
``LoopcoachError`` into one sentence on stderr (plus the error object on
stdout with ``--json``) and exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from loopcoach.errors import BadInputError, LoopcoachError, NotFoundError, TooLargeError
from loopcoach.services.context import AppContext

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout and nothing else.")]
Renderer = Callable[[Console, dict[str, Any]], None]
Work = Callable[[AppContext], tuple[dict[str, Any], Renderer]]
DEFAULT_MAX_TEXT_BYTES = 1_000_000


def stdout_console() -> Console:
    """A console for reports on stdout."""
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    """A console for messages on stderr."""
    return Console(stderr=True, highlight=False)


def fail(error: LoopcoachError, json_output: bool) -> NoReturn:
    """Report ``error`` per the contracts and exit with code 2."""
    if json_output:
        sys.stdout.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    sys.stderr.write(f"Error: {error.message}\n")
    sys.stderr.flush()
    raise typer.Exit(code=2)


def emit_json(result: dict[str, Any]) -> None:
    """Print one JSON object on stdout."""
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_command(work: Work, json_output: bool, ctx: AppContext | None = None) -> None:
    """Run ``work`` with an AppContext and print its result per the contracts."""
    context = ctx or AppContext()
    try:
        result, render = work(context)
    except LoopcoachError as exc:
        fail(exc, json_output)
    except (KeyboardInterrupt, typer.Exit, typer.Abort):
        raise
    except MemoryError:
        fail(TooLargeError("The input is too large to analyse in memory."), json_output)
    except OSError as exc:
        # A path the command did not check itself (too long, a broken link, a full disk): still one sentence.
        name = str(exc.filename) if exc.filename is not None else "A file"
        shown = name if len(name) <= 80 else name[:77] + "..."
        fail(BadInputError(f"{shown} cannot be used: {exc.strerror or exc}."), json_output)
    finally:
        context.close()
    if json_output:
        emit_json(result)
    else:
        render(stdout_console(), result)


def decode_text(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_TEXT_BYTES) -> str:
    """Bytes -> text by the rules every edge shares (``loopcoach.text.decoding``)."""
    from loopcoach.text.decoding import decode_text as decode

    return decode(data, name, max_bytes)


def read_bytes_arg(path: str, max_bytes: int = DEFAULT_MAX_TEXT_BYTES) -> tuple[bytes, str]:
    """Read a PATH argument ('-' for stdin) as bytes; returns (data, display name)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return data, "Standard input"
    p = Path(path)
    if not p.exists():
        raise NotFoundError(f"{path} does not exist.")
    if p.is_dir():
        raise BadInputError(f"{path} is a folder; give a file.")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise TooLargeError(f"{path} is {size:,} bytes; the limit is {max_bytes:,} bytes.")
        return p.read_bytes(), path
    except PermissionError:
        raise BadInputError(f"{path} cannot be read (permission denied).") from None
    except OSError as exc:
        raise BadInputError(f"{path} cannot be read: {exc.strerror}.") from None


def read_text_arg(path: str, max_bytes: int = DEFAULT_MAX_TEXT_BYTES) -> str:
    """Read a PATH argument ('-' for stdin) as non-empty UTF-8 text."""
    data, name = read_bytes_arg(path, max_bytes)
    return decode_text(data, name, max_bytes)
