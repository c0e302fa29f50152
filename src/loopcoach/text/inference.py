"""ONNX Runtime sessions for the bundled models: imported lazily, one per model file per process.

``load_session(path, label)`` is the one way loopcoach opens an ``.onnx``
file (the sentence encoder, and any small model an area ships). The
session is built on the first call and returned from memory afterwards, so
a process pays for the import of onnxruntime and for the graph
optimisation once. A load that takes longer than ``SLOW_LOAD_SECONDS``
says so on stderr, with the time it took when done (stdout stays clean for
``--json``).
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from loopcoach.errors import InternalError

SLOW_LOAD_SECONDS = 0.5
THREADS = 2  # the laptop this is built for has 2 cores; more threads only contend with the web server


class Session(Protocol):
    """What loopcoach uses of ``onnxruntime.InferenceSession``."""

    def run(self, output_names: Sequence[str] | None, input_feed: Mapping[str, np.ndarray]) -> list[np.ndarray]:
        """Outputs of the graph for these inputs (thread-safe)."""
        ...


_SESSIONS: dict[Path, Session] = {}
_LOCK = threading.Lock()


def loaded(path: Path) -> bool:
    """Whether the session for ``path`` is already in memory."""
    return path.resolve() in _SESSIONS


def load_session(path: Path, label: str, say: Callable[[str], None] | None = None, *,
                 float_weights: bool = True) -> Session:
    """The session for the model at ``path``, built on the first call; ``label`` names it in messages.

    ``float_weights`` (default) expands weights stored as int8 blocks (DequantizeLinear on initializers)
    into float32 once at load, so the model computes in float32; pass False for a model quantised for
    int8 kernels (QDQ around activations), whose rewrites that setting would turn off.
    """
    key = path.resolve()
    with _LOCK:
        found = _SESSIONS.get(key)
        if found is None:
            found = _SESSIONS[key] = _build(key, label, say or say_on_stderr, float_weights)
        return found


def _build(path: Path, label: str, say: Callable[[str], None], float_weights: bool) -> Session:
    if not path.is_file():
        raise InternalError(f"The {label} is missing ({path}); reinstall loopcoach.")
    start = time.perf_counter()
    slow = threading.Event()
    megabytes = path.stat().st_size / 1e6

    def announce() -> None:
        slow.set()
        say(f"loopcoach: loading the {label} ({megabytes:.0f} MB)...")

    timer = threading.Timer(SLOW_LOAD_SECONDS, announce)
    timer.daemon = True
    timer.start()
    try:
        session = _open(path, label, float_weights)
    finally:
        timer.cancel()
    if slow.is_set():
        say(f"loopcoach: the {label} is ready ({time.perf_counter() - start:.1f} s).")
    return session


def _open(path: Path, label: str, float_weights: bool) -> Session:
    try:
        import onnxruntime as ort
    except ImportError:
        raise InternalError("ONNX Runtime is not installed: run 'pip install onnxruntime' (make install does it).") from None
    options = ort.SessionOptions()
    options.intra_op_num_threads = min(THREADS, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3  # warnings about optimisations are for developers, not users
    # Idle worker threads must not spin on a shared 2-core laptop (the sandbox and the server run beside them).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if float_weights:
        # With the QDQ rewrites off, ORT folds DequantizeLinear on initializers into float32 constants once
        # at load; with them on it dequantises on every call (about 3x slower for the sentence model).
        options.add_session_config_entry("session.disable_quant_qdq", "1")
    try:
        session: Session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped exception classes
        raise InternalError(f"The {label} at {path} cannot be loaded ({exc}); reinstall loopcoach.") from None
    return session


def sha256_of(path: Path) -> str:
    """Hex sha256 of a model file (``loopcoach doctor`` checks a shipped file against its record)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def say_on_stderr(message: str) -> None:
    """The default way a load speaks: one line on stderr, flushed."""
    print(message, file=sys.stderr, flush=True)
