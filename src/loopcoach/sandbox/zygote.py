"""The warm fork server of the sandbox (runs as its own ``python -I -S`` process).

This file is executed as a script, never imported by loopcoach: it uses the
standard library only. It pre-imports everything a LeetCode solution may use,
then waits on a Unix socket for job requests from the trusted parent. For
each job it forks a child that locks itself down (see ``lockdown``), reads
the harness and the untrusted source from a pipe, and answers one case at a
time; the zygote itself only waits for the child and reports its exit status
and resource usage, which the child cannot forge.

Wire format on the job pipes: 4-byte big-endian length + UTF-8 JSON.
"""

from __future__ import annotations

# Pre-imports: what LeetCode's Python environment offers, plus what a
# solution commonly reaches for. After the lockdown the child may not be able
# to read the standard library from disk, so everything is loaded here.
import abc  # noqa: F401
import array  # noqa: F401
import bisect  # noqa: F401
import collections
import collections.abc  # noqa: F401
import contextlib
import copy  # noqa: F401
import ctypes
import ctypes.util
import dataclasses  # noqa: F401
import datetime  # noqa: F401
import decimal  # noqa: F401
import enum  # noqa: F401
import fractions  # noqa: F401
import functools  # noqa: F401
import gc
import heapq  # noqa: F401
import io  # noqa: F401
import itertools  # noqa: F401
import json
import math  # noqa: F401
import operator  # noqa: F401
import os
import queue  # noqa: F401
import random  # noqa: F401
import re  # noqa: F401
import resource
import signal
import socket
import statistics  # noqa: F401
import string  # noqa: F401
import struct
import sys
import threading  # noqa: F401
import time
import traceback  # noqa: F401
import types
import typing  # noqa: F401
import unicodedata  # noqa: F401
from typing import Any

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
NOBODY = 65534

_libc = ctypes.CDLL(None, use_errno=True)


# --------------------------------------------------------------------- framing
def send_msg(fd: int, obj: object) -> None:
    """Write one framed JSON message to ``fd``."""
    data = json.dumps(obj).encode()
    buf = struct.pack(">I", len(data)) + data
    while buf:
        n = os.write(fd, buf)
        buf = buf[n:]


def _read_exact(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_msg(fd: int) -> Any:
    """Read one framed JSON message from ``fd``."""
    (size,) = struct.unpack(">I", _read_exact(fd, 4))
    return json.loads(_read_exact(fd, size))


# -------------------------------------------------------------------- seccomp
class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_NE = 1


def _scmp_errno(err: int) -> int:
    return 0x00050000 | (err & 0xFFFF)


BLOCKED_EPERM = (
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    "fork", "vfork", "clone", "execve", "execveat",
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_open", "pidfd_getfd",
    "pidfd_send_signal", "mount", "umount2", "unshare", "setns", "pivot_root", "chroot",
    "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "setsid", "setpgid",
    "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups",
    "kexec_load", "init_module", "finit_module", "delete_module", "reboot", "swapon",
    "swapoff", "syslog", "acct", "quotactl", "name_to_handle_at", "open_by_handle_at",
    "mknod", "mknodat", "link", "linkat", "symlink", "symlinkat", "personality",
)


def _load_libseccomp() -> ctypes.CDLL | None:
    """Load libseccomp once, in the zygote (find_library spawns helpers: never in a child)."""
    for path in ("libseccomp.so.2", ctypes.util.find_library("seccomp")):
        if not path:
            continue
        try:
            return ctypes.CDLL(path, use_errno=True)
        except OSError:
            continue
    return None


_LIBSECCOMP = _load_libseccomp()


def install_seccomp() -> str | None:
    """Load a deny-list seccomp filter; return None on success or the reason it failed."""
    lib = _LIBSECCOMP
    if lib is None:
        return "libseccomp2 is not installed"
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                           ctypes.c_uint, ctypes.POINTER(_ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(SCMP_ACT_ALLOW)
    if not ctx:
        return "seccomp_init failed"
    eperm = _scmp_errno(1)
    for name in BLOCKED_EPERM:
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr < 0:
            continue
        if lib.seccomp_rule_add_array(ctx, eperm, nr, 0, None) != 0:
            return f"seccomp rule for {name} failed"
    # clone3 -> ENOSYS so that libc falls back to clone, which is blocked above
    nr = lib.seccomp_syscall_resolve_name(b"clone3")
    if nr >= 0:
        lib.seccomp_rule_add_array(ctx, _scmp_errno(38), nr, 0, None)
    # signals only to ourselves
    me = os.getpid()
    for name, arg in (("kill", 0), ("tgkill", 0), ("tkill", 0), ("rt_sigqueueinfo", 0),
                      ("rt_tgsigqueueinfo", 0)):
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr < 0:
            continue
        cmp = (_ArgCmp * 1)(_ArgCmp(arg, SCMP_CMP_NE, me, 0))
        if name == "tkill":
            cmp = (_ArgCmp * 1)(_ArgCmp(0, SCMP_CMP_NE, me, 0))
        lib.seccomp_rule_add_array(ctx, eperm, nr, 1, cmp)
    if lib.seccomp_load(ctx) != 0:
        return "seccomp_load failed"
    return None


# ------------------------------------------------------------------- landlock
LL_FS_READ = (1 << 0) | (1 << 2) | (1 << 3)          # execute, read file, read dir
LL_FS_ALL_V1 = (1 << 13) - 1
LL_NET_ALL = (1 << 0) | (1 << 1)
LL_SCOPE_ALL = (1 << 0) | (1 << 1)                    # abstract unix sockets, signals


def install_landlock(read_paths: list[str], write_path: str) -> str | None:
    """Allow reading ``read_paths`` and writing under ``write_path`` only."""
    abi = _libc.syscall(444, None, 0, 1)
    if abi < 1:
        return "the kernel has no Landlock support"
    fs = LL_FS_ALL_V1
    if abi >= 2:
        fs |= 1 << 13
    if abi >= 3:
        fs |= 1 << 14
    if abi >= 5:
        fs |= 1 << 15
    net = LL_NET_ALL if abi >= 4 else 0
    scoped = LL_SCOPE_ALL if abi >= 6 else 0
    attr = struct.pack("QQQ", fs, net, scoped)
    size = 24 if abi >= 6 else (16 if abi >= 4 else 8)
    buf = ctypes.create_string_buffer(attr[:size], size)
    rfd = _libc.syscall(444, buf, ctypes.c_size_t(size), 0)
    if rfd < 0:
        return "landlock_create_ruleset failed: " + os.strerror(ctypes.get_errno())
    try:
        rules = [(p, LL_FS_READ) for p in read_paths] + [(write_path, fs)]
        for path, access in rules:
            try:
                pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            if not os.path.isdir(path):
                access &= (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14)
            rule = ctypes.create_string_buffer(struct.pack("=Qi", access & fs, pfd), 12)
            ok = _libc.syscall(445, rfd, 1, rule, 0)
            os.close(pfd)
            if ok != 0:
                return f"landlock_add_rule({path}) failed: " + os.strerror(ctypes.get_errno())
        if _libc.syscall(446, rfd, 0) != 0:
            return "landlock_restrict_self failed: " + os.strerror(ctypes.get_errno())
    finally:
        os.close(rfd)
    return None


# -------------------------------------------------------------------- lockdown
def lockdown(req: dict[str, Any]) -> list[str]:
    """Apply every isolation layer in the child; return the layers that are missing."""
    missing: list[str] = []
    lim = req["limits"]
    tmpdir = req["tmpdir"]
    root = os.geteuid() == 0
    if _libc.unshare(CLONE_NEWNET) != 0 and _libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        missing.append("network namespace (unshare failed: "
                           + os.strerror(ctypes.get_errno()) + ")")
    os.chdir(tmpdir)
    out = os.open(os.path.join(tmpdir, ".output"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)
    os.close(null)
    os.environ.clear()
    os.environ.update({"HOME": tmpdir, "TMPDIR": tmpdir, "LANG": "C.UTF-8", "PATH": "/nonexistent"})
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cpu = int(lim["total_cpu_s"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    mem = int(lim["memory_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    out_b = int(lim["output_kb"]) * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (out_b, out_b))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (16, 16))
    err = install_landlock(list(req["read_paths"]), tmpdir)
    if err:
        missing.append("Landlock filesystem rules (" + err + ")")
    if root:
        os.setgroups([])
        os.setresgid(NOBODY, NOBODY, NOBODY)
        os.setresuid(NOBODY, NOBODY, NOBODY)
    elif err:
        missing.append("separate user id (not running as root)")
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    err = install_seccomp()
    if err:
        missing.append("seccomp filter (" + err + ")")
    return missing


# ----------------------------------------------------------------------- child
def _maxrss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _error_info(exc: BaseException) -> dict[str, Any]:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<solution>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.filename == "<solution>":
        line = exc.lineno
    return {"type": type(exc).__name__, "message": str(exc)[:2000], "line": line}


def _flush() -> None:
    """Push the submission's buffered prints to the output file (size-capped by RLIMIT_FSIZE)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()


def child_main(req: dict[str, Any], cin: int, cout: int, prelude: types.CodeType) -> None:
    """Lock down, load the harness and the source, then answer cases until told to stop."""
    os.setsid()
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    missing = lockdown(req)
    max_result = int(req["limits"]["result_kb"]) * 1024
    job = recv_msg(cin)
    ns: dict[str, Any] = {"__name__": "__harness__"}
    exec(prelude, ns)  # compiled once by the zygote (trusted harness code)
    try:
        ns["__setup__"](job["source"], job.get("config") or {})
    except SyntaxError as exc:
        send_msg(cout, {"setup": "compile_error", "error": _error_info(exc), "missing": missing})
        return
    except MemoryError as exc:
        send_msg(cout, {"setup": "memory", "error": _error_info(exc), "missing": missing})
        return
    except BaseException as exc:
        send_msg(cout, {"setup": "error", "error": _error_info(exc), "missing": missing})
        return
    _flush()
    send_msg(cout, {"setup": "ok", "missing": missing})
    run_case = ns["__case__"]
    while True:
        msg = recv_msg(cin)
        if msg.get("op") != "case":
            return
        t0 = time.thread_time_ns()
        try:
            value = run_case(msg["payload"])
            t1 = time.thread_time_ns()
            data = json.dumps({"ok": True, "value": value, "cpu_ns": t1 - t0,
                               "maxrss_kb": _maxrss_kb()})
        except MemoryError as exc:
            t1 = time.thread_time_ns()
            data = json.dumps({"ok": False, "kind": "memory", "error": _error_info(exc),
                               "cpu_ns": t1 - t0, "maxrss_kb": _maxrss_kb()})
        except BaseException as exc:
            t1 = time.thread_time_ns()
            data = json.dumps({"ok": False, "kind": "error", "error": _error_info(exc),
                               "cpu_ns": t1 - t0, "maxrss_kb": _maxrss_kb()})
        _flush()
        raw = data.encode()
        if len(raw) > max_result:
            raw = json.dumps({"ok": False, "kind": "output", "cpu_ns": t1 - t0,
                              "maxrss_kb": _maxrss_kb(),
                              "error": {"type": "OutputLimit", "line": None,
                                        "message": f"the result is {len(raw)} bytes"}}).encode()
        os.write(cout, struct.pack(">I", len(raw)) + raw)


# ---------------------------------------------------------------------- zygote
def serve(sock: socket.socket) -> None:
    """Fork one child per request; report its pid, then its exit status and usage."""
    compiled: dict[str, types.CodeType] = {}
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, 2)
        except (ConnectionError, OSError):
            return
        if not msg:
            return
        req = json.loads(msg)
        cin, cout = fds
        # compiling the harness costs ~15 ms: do it once per harness text, before forking
        source = req.pop("prelude")
        prelude = compiled.get(source)
        if prelude is None:
            prelude = compile(source, "<harness>", "exec")
            compiled[source] = prelude
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                sock.close()
                os.closerange(3, cin)
                os.closerange(cin + 1, cout)
                os.closerange(cout + 1, 4096)
                child_main(req, cin, cout, prelude)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        os.close(cin)
        os.close(cout)
        sock.send(json.dumps({"pid": pid}).encode())
        _pid, status, ru = os.wait4(pid, 0)
        report = {"pid": pid, "status": status, "cpu_ms": (ru.ru_utime + ru.ru_stime) * 1000.0,
                  "maxrss_kb": ru.ru_maxrss}
        sock.send(json.dumps(report).encode())


def main() -> None:
    """Entry point: raise the stack limit once (re-exec), then serve on fd ``argv[1]``."""
    if os.environ.get("_LOOPCOACH_ZYGOTE_STACK") != "1":  # internal re-exec marker, not a setting
        _soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        want = 512 * 1024 * 1024
        if hard == resource.RLIM_INFINITY or hard >= want:
            resource.setrlimit(resource.RLIMIT_STACK, (want, hard))
        env = {**os.environ, "_LOOPCOACH_ZYGOTE_STACK": "1"}
        os.execve(sys.executable, [sys.executable, "-I", "-S", *sys.argv], env)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    sys.setrecursionlimit(100000)
    fd = int(sys.argv[1])
    sock = socket.socket(fileno=fd)
    gc.collect()
    gc.freeze()
    serve(sock)


if __name__ == "__main__":
    main()
