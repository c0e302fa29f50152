"""Reading resume documents with bounded work: the one place both the web app and the CLI parse files.

Three bounds hold for every file, whatever it claims to be:

- how much is read (``ReadLimits``: 20 PDF pages, 2,000 DOCX paragraphs, 150,000
  characters...), applied inside the readers and reported as *notices*, one sentence
  each ("cv.pdf has 5,000 pages; loopcoach reads the first 20.");
- a wall-clock budget (10 s): past it the reader process is killed and the file is
  refused with one sentence;
- a memory ceiling (1 GB of address space, ``RLIMIT_AS``) on the reader process.

Parsing runs in warm child processes (``document_worker.py``), a small pool shared
by the whole process and started on first use, so a hostile PDF can neither freeze
nor exhaust the web server or the CLI. ``DocumentReader.read`` blocks its calling
thread; the web app calls it from a worker thread, never on the event loop.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, fields
from pathlib import PurePath
from typing import Any

from loopcoach.areas.resume.model import Line, RawDocument
from loopcoach.areas.resume.readers import MAX_BYTES
from loopcoach.areas.resume.readers.limits import DEFAULT_LIMITS, ReadLimits
from loopcoach.errors import (
    BadInputError,
    BinaryInputError,
    EmptyInputError,
    InternalError,
    InvalidDocumentError,
    NotFoundError,
    TooLargeError,
)

_ERRORS: dict[str, type[BadInputError]] = {cls.__name__: cls for cls in (
    BadInputError, NotFoundError, EmptyInputError, TooLargeError, BinaryInputError, InvalidDocumentError)}
_LINE_FIELDS = [f.name for f in fields(Line)]
_MAX_REPLY = 64 * 1024 * 1024
_START_SECONDS = 60.0  # importing the readers on a loaded machine; not part of a document's budget


@dataclass(frozen=True)
class DocumentBudget:
    """The bounds on reading one document."""

    seconds: float = 10.0
    memory_bytes: int = 1024 * 1024 * 1024
    retire_rss_mb: int = 400  # a reader that grew past this is replaced after its request
    limits: ReadLimits = field(default_factory=ReadLimits)


class _Timeout(Exception):
    pass


class _Died(Exception):
    pass


class _Worker:
    """One reader process and its pipes."""

    def __init__(self, memory_bytes: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "loopcoach.services.document_worker", str(memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin = self.proc.stdin
        self.fd = self.proc.stdout.fileno()
        if self._read(4, time.monotonic() + _START_SECONDS) != b"LCDR":
            raise _Died

    def _read(self, n: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        while n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Timeout
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                raise _Timeout
            chunk = os.read(self.fd, min(n, 1 << 20))
            if not chunk:
                raise _Died
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def ask(self, meta: dict[str, Any], data: bytes, seconds: float) -> dict[str, Any]:
        """Send one request and wait at most ``seconds`` for its reply."""
        head = json.dumps(meta).encode("utf-8")
        try:
            self.stdin.write(struct.pack("!II", len(head), len(data)) + head + data)
            self.stdin.flush()
        except (BrokenPipeError, OSError):
            raise _Died from None
        deadline = time.monotonic() + seconds
        (size,) = struct.unpack("!I", self._read(4, deadline))
        if size > _MAX_REPLY:
            raise _Died
        reply: dict[str, Any] = json.loads(self._read(size, deadline))
        return reply

    def kill(self) -> None:
        """Stop the process at once and reap it."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class DocumentReader:
    """A pool of reader processes (started on first use) that turns resume files into RawDocuments."""

    def __init__(self, workers: int = 2, budget: DocumentBudget | None = None) -> None:
        self.budget = budget or DocumentBudget()
        self.workers = workers
        self._slots: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(workers):
            self._slots.put(None)
        self._closed = False

    def read(self, data: bytes, filename: str) -> RawDocument:
        """Read one resume file within the budget; BadInputError (one sentence) for unusable input."""
        name = PurePath(filename).name or "the resume"
        # Cheap refusals never need a process.
        if len(data) > MAX_BYTES:
            raise TooLargeError(f"{name} is {len(data) / 1_048_576:.1f} MB, and loopcoach reads resumes up to 10 MB.")
        if not data.strip():
            raise EmptyInputError(f"{name} is empty.")
        budget = self.budget
        meta = {"filename": filename, "limits": budget.limits.to_dict()}
        worker = self._slots.get()
        reply: dict[str, Any] | None = None
        try:
            if worker is None or worker.proc.poll() is not None:
                worker = _start(budget.memory_bytes)
            reply = worker.ask(meta, data, budget.seconds)
        except _Timeout:
            _discard(worker)
            worker = None
            raise TooLargeError(f"{name} took more than {budget.seconds:g} seconds to read, so loopcoach stopped; "
                                "a resume of a few pages reads in about a second.") from None
        except _Died:
            _discard(worker)
            worker = None
            raise InvalidDocumentError(
                f"{name} stopped the document reader (it is damaged, or reading it needs more than "
                f"{budget.memory_bytes // 1_048_576:,} MB of memory), so it was not read.") from None
        finally:
            if worker is not None and (reply is None or not _reusable(reply, budget)):
                _discard(worker)
                worker = None
            self._slots.put(worker)
        return _from_reply(reply, name, budget)

    def warm(self) -> None:
        """Start one reader process now, so the first upload does not wait for the imports."""
        worker = self._slots.get()
        try:
            if worker is None or worker.proc.poll() is not None:
                worker = _start(self.budget.memory_bytes)
        finally:
            self._slots.put(worker)

    def close(self) -> None:
        """Stop every reader process (new ones start if the reader is used again)."""
        for _ in range(self.workers):
            worker = self._slots.get()
            _discard(worker)
        for _ in range(self.workers):
            self._slots.put(None)


def _reusable(reply: dict[str, Any], budget: DocumentBudget) -> bool:
    """True when the worker answered normally, stayed small, and can take the next request."""
    return (not reply.get("memory") and not reply.get("bug") and not reply.get("retire")
            and int(reply.get("rss_mb", 0)) <= budget.retire_rss_mb)


def _start(memory_bytes: int) -> _Worker:
    try:
        return _Worker(memory_bytes)
    except (_Died, _Timeout, OSError) as exc:
        raise InternalError("The document reader process could not be started; check the installation with "
                            f"'loopcoach doctor' ({type(exc).__name__}).") from None


def _discard(worker: _Worker | None) -> None:
    if worker is not None:
        worker.kill()


def _from_reply(reply: dict[str, Any], name: str, budget: DocumentBudget) -> RawDocument:
    if reply.get("ok"):
        doc = reply["doc"]
        lines = [_line(row) for row in doc["lines"]]
        return RawDocument(format=doc["format"], lines=lines, links=list(doc["links"]), pages=int(doc["pages"]),
                           notices=[str(n) for n in doc["notices"]])
    if reply.get("memory"):
        raise TooLargeError(f"{name} needs more than {budget.memory_bytes // 1_048_576:,} MB of memory to read, "
                            "so loopcoach refused it.")
    if "error" in reply:
        error = reply["error"]
        cls = _ERRORS.get(str(error.get("type")), BadInputError)
        raise cls(str(error["message"]), str(error.get("code") or cls.code))
    raise InternalError(f"Reading {name} failed inside loopcoach ({reply.get('bug', 'no reply')}).")


def _line(row: list[Any]) -> Line:
    values = dict(zip(_LINE_FIELDS, row, strict=True))
    values["links"] = tuple(str(link) for link in values["links"])
    return Line(**values)


_shared: DocumentReader | None = None
_shared_lock = threading.Lock()


def shared_reader() -> DocumentReader:
    """The process's reader pool, created on first use and stopped when the process exits."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = DocumentReader()
            atexit.register(_shared.close)
        return _shared


def read_resume_document(data: bytes, filename: str, reader: DocumentReader | None = None) -> RawDocument:
    """Read a resume file with bounded work (pages, time, memory); see the module docstring."""
    return (reader or shared_reader()).read(data, filename)


__all__ = ["DEFAULT_LIMITS", "DocumentBudget", "DocumentReader", "ReadLimits", "read_resume_document",
           "shared_reader"]
