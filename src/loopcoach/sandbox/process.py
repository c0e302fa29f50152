"""The real sandbox: a pool of warm fork servers (``zygote.py``) and the trusted parent side.

For each job the parent makes a private, empty working folder and two pipes,
hands the child ends to a warm zygote (``SCM_RIGHTS``), and then feeds the
cases one at a time, each with a wall-clock deadline. The child never sees a
future case or any expected output. Results come back as length-prefixed JSON
that is size-capped and parsed here; the exit status and CPU/memory usage come
from the zygote's ``wait4``, which the child cannot forge. On a deadline the
parent kills the child's whole process group.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from importlib import resources
from typing import Any

from loopcoach.errors import InternalError
from loopcoach.sandbox.runner import CaseResult, CaseStatus, ErrorInfo, Job, Limits, RunResult

NOBODY = 65534
_OUTPUT_READ_LIMIT = 64 * 1024


class _Deadline(Exception):
    """The child did not answer in time."""


class _TooBig(Exception):
    """The child sent a message over the size limit."""


def _read_paths() -> list[str]:
    """Folders the child may read: the Python standard library and system libraries."""
    stdlib = os.path.dirname(os.__file__)
    paths = [stdlib, os.path.join(stdlib, "lib-dynload"), "/usr/lib", "/lib", "/lib64",
             "/usr/lib64", "/dev/null", "/dev/urandom"]
    return [p for p in paths if os.path.exists(p)]


class _Zygote:
    """One warm fork server process and its control socket."""

    def __init__(self) -> None:
        script = resources.files("loopcoach.sandbox").joinpath("zygote.py")
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", str(script), str(child.fileno())],
            pass_fds=[child.fileno()], env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        child.close()
        self.sock = parent

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        try:
            self.sock.close()
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()

    def recv(self, timeout: float) -> dict[str, Any]:
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(1 << 16)
        except (TimeoutError, OSError) as exc:
            raise InternalError("The sandbox worker stopped answering.") from exc
        if not data:
            raise InternalError("The sandbox worker exited unexpectedly.")
        result: dict[str, Any] = json.loads(data)
        return result


class _Channel:
    """The parent's ends of one child's pipes, with deadlines and a size cap."""

    def __init__(self, wfd: int, rfd: int, max_bytes: int) -> None:
        self.wfd, self.rfd, self.max_bytes = wfd, rfd, max_bytes
        os.set_blocking(wfd, False)

    def send(self, obj: object, deadline: float) -> None:
        data = json.dumps(obj).encode()
        buf = memoryview(struct.pack(">I", len(data)) + data)
        while buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Deadline
            _r, w, _x = select.select([], [self.wfd], [], left)
            if w:
                buf = buf[os.write(self.wfd, buf):]

    def _read(self, n: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        while n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Deadline
            r, _w, _x = select.select([self.rfd], [], [], left)
            if r:
                chunk = os.read(self.rfd, min(n, 1 << 20))
                if not chunk:
                    raise EOFError
                chunks.append(chunk)
                n -= len(chunk)
        return b"".join(chunks)

    def recv(self, deadline: float) -> Any:
        (size,) = struct.unpack(">I", self._read(4, deadline))
        if size > self.max_bytes:
            raise _TooBig
        return json.loads(self._read(size, deadline))

    def close(self) -> None:
        for fd in (self.wfd, self.rfd):
            with contextlib.suppress(OSError):
                os.close(fd)


def _error(raw: Any) -> ErrorInfo | None:
    if not isinstance(raw, dict):
        return None
    line = raw.get("line")
    return ErrorInfo(type=str(raw.get("type", "Error"))[:200], message=str(raw.get("message", ""))[:2000],
                     line=line if isinstance(line, int) else None)


def _describe_status(status: int) -> tuple[str, CaseStatus | None]:
    """Human description of a wait status and the case status it implies."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        implied: dict[int, CaseStatus] = {signal.SIGXCPU: "timeout", signal.SIGXFSZ: "output",
                                          signal.SIGKILL: "timeout"}
        return f"killed by {name}", implied.get(sig, "crashed")
    return f"exited with code {os.WEXITSTATUS(status)}", None


class SandboxRunner:
    """Runs jobs in locked-down children of warm zygotes (see the module docstring)."""

    def __init__(self, workers: int = 2) -> None:
        self._pool: queue.Queue[_Zygote | None] = queue.Queue()
        for _ in range(max(1, workers)):
            self._pool.put(None)  # started lazily
        self._lock = threading.Lock()
        self._missing: list[str] | None = None
        self._all: list[_Zygote] = []

    # -- pool -------------------------------------------------------------
    def _acquire(self) -> _Zygote:
        z = self._pool.get()
        if z is None or not z.alive():
            if z is not None:
                z.close()
            z = _Zygote()
            with self._lock:
                self._all.append(z)
        return z

    def warm(self) -> None:
        """Start every worker now and run one trivial job (imports, page-in)."""
        self.missing_layers()

    def close(self) -> None:
        """Stop every worker process."""
        with self._lock:
            for z in self._all:
                z.close()
            self._all.clear()

    def missing_layers(self) -> list[str]:
        """Probe once which isolation layers are unavailable on this machine."""
        if self._missing is None:
            prelude = "def __setup__(source, config):\n    pass\ndef __case__(p):\n    return p\n"
            result = self.run(Job(prelude=prelude, source="", cases=[1]))
            if result.setup != "ok":
                raise InternalError("The sandbox could not start: " + result.exit_status)
            self._missing = list(result.missing_layers)
        return list(self._missing)

    # -- one job ----------------------------------------------------------
    def run(self, job: Job) -> RunResult:
        """Run ``job`` in a fresh locked-down child of a warm zygote."""
        z = self._acquire()
        healthy = False
        try:
            result = self._run_on(z, job)
            healthy = True
            return result
        finally:
            if not healthy:
                z.close()
                self._pool.put(None)
            else:
                self._pool.put(z)

    def _run_on(self, z: _Zygote, job: Job) -> RunResult:
        start = time.monotonic()
        limits: Limits = job.limits
        tmpdir = tempfile.mkdtemp(prefix="loopcoach-sandbox-")
        if os.geteuid() == 0:
            os.chown(tmpdir, NOBODY, NOBODY)
        os.chmod(tmpdir, 0o700)
        p2c_r, p2c_w = os.pipe()
        c2p_r, c2p_w = os.pipe()
        req = {"limits": asdict(limits), "tmpdir": tmpdir, "read_paths": _read_paths(),
               "prelude": job.prelude}
        try:
            socket.send_fds(z.sock, [json.dumps(req).encode()], [p2c_r, c2p_w])
        finally:
            os.close(p2c_r)
            os.close(c2p_w)
        chan = _Channel(p2c_w, c2p_r, limits.result_kb * 1024 + 1024)
        pid = int(z.recv(10.0)["pid"])
        try:
            pidfd: int | None = os.pidfd_open(pid)
        except OSError:
            pidfd = None
        killed = False

        def kill() -> None:
            nonlocal killed
            killed = True
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)  # the child and anything it managed to start
            if pidfd is not None:
                with contextlib.suppress(OSError):
                    signal.pidfd_send_signal(pidfd, signal.SIGKILL)  # race-free even if pid is reused

        result = RunResult(setup="crashed", cases=[])
        pending: int | None = None  # index of a case that got no answer
        try:
            try:
                chan.send({"source": job.source, "config": job.config},
                          time.monotonic() + limits.setup_wall_ms / 1000)
                hello = chan.recv(time.monotonic() + limits.setup_wall_ms / 1000)
            except _Deadline:
                kill()
                result.setup = "timeout"
                hello = None
            except (EOFError, BrokenPipeError, ValueError, _TooBig):
                hello = None
            if isinstance(hello, dict):
                result.missing_layers = [str(m) for m in hello.get("missing", [])]
                status = hello.get("setup")
                if status in ("ok", "compile_error", "error", "memory"):
                    result.setup = status
                result.setup_error = _error(hello.get("error"))
            if result.setup == "ok":
                pending = self._feed(chan, job, result, kill, start)
            with contextlib.suppress(_Deadline, OSError):
                chan.send({"op": "end"}, time.monotonic() + 1.0)
        finally:
            chan.close()
            try:
                report = z.recv(3.0)
            except InternalError:
                kill()
                report = z.recv(3.0)
            if pidfd is not None:
                os.close(pidfd)
            result.stdout = _read_output(tmpdir)
            shutil.rmtree(tmpdir, ignore_errors=True)
        self._finish(result, report, pending, killed, job)
        result.wall_ms = (time.monotonic() - start) * 1000
        result.pid, result.workdir = pid, tmpdir
        return result

    def _feed(self, chan: _Channel, job: Job, result: RunResult, kill: Any, start: float) -> int | None:
        """Send cases one at a time; return the index of an unanswered case, if any."""
        limits = job.limits
        for i, payload in enumerate(job.cases):
            if limits.job_wall_ms and (time.monotonic() - start) * 1000 > limits.job_wall_ms:
                return None  # the job's time budget is spent: the remaining cases stay not_run
            deadline = time.monotonic() + limits.wall_ms_per_case / 1000
            try:
                chan.send({"op": "case", "payload": payload}, deadline)
                msg = chan.recv(deadline)
            except _Deadline:
                kill()
                result.cases.append(CaseResult(status="timeout", cpu_ms=float(limits.wall_ms_per_case)))
                return None
            except _TooBig:
                kill()
                result.cases.append(CaseResult(status="output", error=ErrorInfo(
                    "OutputLimit", "the returned value is larger than the output limit")))
                return None
            except (ValueError, RecursionError):
                kill()  # unreadable JSON (absurdly long number, deep nesting): the child's fault
                result.cases.append(CaseResult(status="error", error=ErrorInfo(
                    "InvalidResult", "the returned value could not be read back as JSON data")))
                return None
            except (EOFError, OSError):
                return i
            case = _case_from(msg)
            if case.status == "ok" and case.cpu_ms > limits.cpu_ms_per_case:
                case.status = "timeout"
            result.cases.append(case)
            if case.status in ("timeout", "memory", "output") or (
                    job.stop_on_error and case.status != "ok"):
                kill()
                return None
        return None

    def _finish(self, result: RunResult, report: dict[str, Any], pending: int | None,
                killed: bool, job: Job) -> None:
        status = int(report.get("status", 0))
        result.total_cpu_ms = float(report.get("cpu_ms", 0.0))
        result.peak_memory_kb = int(report.get("maxrss_kb", 0))
        result.exit_status, implied = _describe_status(status)
        near_limit = result.peak_memory_kb >= job.limits.memory_mb * 1024 * 0.9
        if pending is not None or (result.setup == "crashed" and not killed):
            kind: CaseStatus = implied or "crashed"
            if kind == "crashed" and near_limit:
                kind = "memory"
            if kind == "crashed" and implied is None:
                message = ("the program exited before returning a result (" + result.exit_status + ")")
            else:
                message = "the program was " + result.exit_status
            if result.setup == "crashed":
                result.setup_error = ErrorInfo("Crash", message)
                if kind in ("timeout", "memory", "output"):
                    result.setup = "timeout" if kind == "timeout" else ("memory" if kind == "memory" else "output")
            else:
                result.cases.append(CaseResult(status=kind, error=ErrorInfo("Crash", message),
                                               memory_kb=result.peak_memory_kb))
        while len(result.cases) < len(job.cases):
            result.cases.append(CaseResult(status="not_run"))


def _case_from(msg: Any) -> CaseResult:
    if not isinstance(msg, dict):
        return CaseResult(status="crashed", error=ErrorInfo("Protocol", "unreadable result"))
    cpu = msg.get("cpu_ns", 0)
    cpu_ms = float(cpu) / 1e6 if isinstance(cpu, (int, float)) else 0.0
    mem = msg.get("maxrss_kb", 0)
    mem_kb = int(mem) if isinstance(mem, int) else 0
    if msg.get("ok") is True:
        return CaseResult(status="ok", value=msg.get("value"), cpu_ms=cpu_ms, memory_kb=mem_kb)
    kind = msg.get("kind")
    status: CaseStatus = kind if kind in ("memory", "output") else "error"
    return CaseResult(status=status, error=_error(msg.get("error")), cpu_ms=cpu_ms, memory_kb=mem_kb)


def _read_output(tmpdir: str) -> str:
    """The child's stdout/stderr, never following a link the child may have planted."""
    try:
        fd = os.open(os.path.join(tmpdir, ".output"), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return ""
    try:
        if not _is_regular(fd):
            return ""
        return os.read(fd, _OUTPUT_READ_LIMIT).decode("utf-8", "replace")
    finally:
        os.close(fd)


def _is_regular(fd: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(fd).st_mode)
