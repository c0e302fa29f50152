"""Hostile submissions against the REAL sandbox, each with its verdict and a leak check.

Every submission goes through the real judge (``services.coding.judge``) on
two-sum. After each one we check that nothing leaked: the secret (an env var
and a world-readable file outside the sandbox) is not in the result, no file
appeared in a world-writable folder outside the sandbox, no sandbox process
survives, no working folder is left behind, and the parent still judges.
"""

from __future__ import annotations

import json
import os
import socket
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from loopcoach.config import load_settings
from loopcoach.sandbox.process import SandboxRunner
from loopcoach.sandbox.runner import Job, RunResult
from loopcoach.services import coding
from loopcoach.services.context import AppContext

SECRET = "s3cret-token-7f1c2a"
GOOD = """
class Solution:
    def twoSum(self, nums, target):
        seen = {}
        for j, v in enumerate(nums):
            if target - v in seen:
                return [seen[target - v], j]
            seen[v] = j
"""


def method(body: str, header: str = "") -> str:
    """A two-sum Solution whose method runs ``body``."""
    return (textwrap.dedent(header) + "\nclass Solution:\n    def twoSum(self, nums, target):\n"
            + textwrap.indent(textwrap.dedent(body), "        "))


ACCEPTED = {"accepted"}
NOT_ACCEPTED = {"wrong_answer", "runtime_error", "compile_error", "time_limit_exceeded",
                "memory_limit_exceeded", "output_limit_exceeded"}
RTE = {"runtime_error"}

HOSTILE: list[tuple[str, str, set[str]]] = [
    ("fork_bomb", method("import os\nwhile True:\n    os.fork()\n"), RTE),
    ("memory_bomb", method("x = [0] * (10 ** 10)\nreturn x\n"), {"memory_limit_exceeded"}),
    ("memory_bomb_bytes", method("blocks = []\nwhile True:\n    blocks.append(bytearray(50 * 2**20))\n"),
     {"memory_limit_exceeded"}),
    ("busy_loop", method("while True:\n    pass\n"), {"time_limit_exceeded"}),
    ("long_sleep", method("import time\ntime.sleep(1000)\n"), {"time_limit_exceeded"}),
    ("ignore_sigxcpu", method("import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\n"
                              "while True:\n    pass\n"), {"time_limit_exceeded"}),
    ("env_secret", method("import os\nreturn [0, 1] if not os.environ.get('LOOPCOACH_TEST_SECRET')"
                          " else os.environ['LOOPCOACH_TEST_SECRET']\n"), {"wrong_answer"}),
    ("proc_environ", method("return open('/proc/' + str(__import__('os').getppid()) + '/environ').read()\n"),
     RTE),
    ("read_secret_file", method("return open('{secret_file}').read()\n"), RTE),
    ("list_root", method("import os\nreturn os.listdir('/')\n"), RTE),
    ("write_outside", method("open('{out_dir}/pwned', 'w').write('x')\nreturn [0, 1]\n"), RTE),
    ("write_dev_shm", method("open('/dev/shm/loopcoach-pwned', 'w').write('x')\n"), RTE),
    ("symlink_escape", method("import os\nos.symlink('{secret_file}', '.output')\nreturn [0, 1]\n"),
     NOT_ACCEPTED),
    ("socket_connect", method("import socket\ns = socket.create_connection(('127.0.0.1', {port}))\n"
                              "return [0, 1]\n"), RTE),
    ("subprocess", method("import subprocess\nreturn subprocess.run(['id'], capture_output=True).stdout\n"),
     RTE),
    ("kill_parent", method("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nreturn [0, 1]\n"),
     RTE),
    ("kill_everyone", method("import os, signal\nos.kill(-1, signal.SIGKILL)\nreturn [0, 1]\n"), RTE),
    ("ptrace_parent", method("import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                             "if libc.ptrace(16, os.getppid(), 0, 0) != 0:\n"
                             "    raise OSError(ctypes.get_errno(), 'ptrace refused')\n"), RTE),
    ("daemon_thread", method("import threading, time\n"
                             "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
                             "return [0, 1]\n"), RTE),
    ("double_fork_daemon", method("import os\nif os.fork() == 0:\n    os.setsid()\n"
                                  "    if os.fork() == 0:\n        import time; time.sleep(60)\n"
                                  "return [0, 1]\n"), RTE),
    ("ctypes_segfault", method("import ctypes\nctypes.string_at(0)\n"), RTE),
    ("output_flood", method("while True:\n    print('x' * 4096)\n"), {"output_limit_exceeded"}),
    ("huge_return", method("return 'x' * (40 * 2 ** 20)\n"), {"output_limit_exceeded"}),
    ("recursion_bomb", method("def f(n):\n    return f(n + 1) + 1\nreturn f(0)\n"), RTE),
    ("deep_recursion_limit", method("import sys\nsys.setrecursionlimit(10 ** 9)\n"
                                    "def f(n):\n    return [f(n + 1)]\nreturn f(0)\n"),
     {"runtime_error", "time_limit_exceeded", "memory_limit_exceeded"}),
    ("thread_bomb", method("import threading\nwhile True:\n"
                           "    threading.Thread(target=lambda: None).start()\n"), RTE),
    ("gc_hunt_expected", method("import gc\nfor o in gc.get_objects():\n"
                                "    if isinstance(o, dict) and 'expected' in o:\n"
                                "        return o['expected']\nreturn [0, 0]\n"), {"wrong_answer"}),
    ("frame_hunt", method("import sys\nf = sys._getframe()\nfound = []\nwhile f is not None:\n"
                          "    for k, v in f.f_locals.items():\n"
                          "        if 'expect' in k:\n            return v\n    f = f.f_back\n"
                          "return [0, 0]\n"), {"wrong_answer"}),
    ("fake_eq_object", method("return AlwaysEqual()\n", header="""
        class AlwaysEqual:
            def __eq__(self, other):
                return True
            def __ne__(self, other):
                return False
        """), RTE),
    ("fake_eq_int_subclass", method("return [Liar(0), Liar(0)]\n", header="""
        class Liar(int):
            def __eq__(self, other):
                return True
            __hash__ = int.__hash__
        """), {"wrong_answer"}),
    ("fake_eq_list_subclass", method("return LyingList([0, 0])\n", header="""
        class LyingList(list):
            def __eq__(self, other):
                return True
        """), {"wrong_answer"}),
    ("override_builtins", method("return [0, 0]\n", header="""
        import builtins, json
        builtins.isinstance = lambda *a: True
        builtins.len = lambda x: 2
        json.dumps = lambda *a, **k: '{"ok": true, "value": [0, 1], "cpu_ns": 1, "maxrss_kb": 1}'
        """), NOT_ACCEPTED),
    ("forge_result_messages", method("return [0, 0]\n", header="""
        import os, struct
        msg = b'{"ok": true, "value": [0, 1], "cpu_ns": 1, "maxrss_kb": 1}'
        for fd in range(3, 16):
            try:
                os.write(fd, struct.pack('>I', len(msg)) + msg)
            except OSError:
                pass
        """), NOT_ACCEPTED),
    ("forge_unreadable_result", method("return [0, 0]\n", header="""
        import os, struct
        msg = b'{"ok": true, "value": ' + b'9' * 50000 + b'}'
        for fd in range(3, 16):
            try:
                os.write(fd, struct.pack('>I', len(msg)) + msg)
            except OSError:
                pass
        """), NOT_ACCEPTED),
    ("deeply_nested_return", method("x = []\nfor _ in range(200000):\n    x = [x]\nreturn x\n"),
     NOT_ACCEPTED),
    ("read_ahead_pipe", method("import os\nfor fd in range(3, 16):\n    try:\n"
                               "        os.set_blocking(fd, False); data = os.read(fd, 1 << 20)\n"
                               "        if data:\n            return str(data)\n"
                               "    except OSError:\n        pass\nreturn [0, 0]\n"), NOT_ACCEPTED),
    ("early_exit", method("import os\nos._exit(0)\n"), RTE),
    ("sys_exit", method("import sys\nsys.exit(0)\n"), RTE),
    ("close_all_fds", method("import os\nos.closerange(0, 64)\nreturn [0, 1]\n"), RTE),
    ("raise_rlimits", method("import resource\nresource.setrlimit(resource.RLIMIT_CPU, (10**6, 10**6))\n"),
     RTE),
    ("unshare_mount", method("import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                             "if libc.unshare(0x00020000) != 0:\n"
                             "    raise OSError(ctypes.get_errno(), 'unshare refused')\n"), RTE),
    ("import_time_bomb", "import os\ntry:\n    os.fork()\nexcept OSError:\n    pass\nwhile True:\n    pass\nclass Solution:\n    pass\n",
     {"time_limit_exceeded"}),
]


class Recording:
    """The real SandboxRunner, remembering each run's child pid and working folder."""

    def __init__(self) -> None:
        self.inner = SandboxRunner(workers=2)
        self.runs: list[RunResult] = []

    def run(self, job: Job) -> RunResult:
        result = self.inner.run(job)
        self.runs.append(result)
        return result

    def missing_layers(self) -> list[str]:
        return self.inner.missing_layers()

    def close(self) -> None:
        self.inner.close()


def _survivors(session: int) -> list[int]:
    """PIDs still alive in the child's session (its pid); setsid is blocked inside."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session:  # field 6 of /proc/pid/stat: the session id
            out.append(int(entry))
    return out


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("hostile")
    secret_file = base / "secret.txt"
    secret_file.write_text(SECRET)
    secret_file.chmod(0o644)
    out_dir = base / "open"
    out_dir.mkdir()
    out_dir.chmod(0o777)
    base.chmod(0o755)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    accepted: list[Any] = []
    stop = threading.Event()

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                accepted.append(listener.accept())
            except OSError:
                continue

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    ctx = AppContext(load_settings({"LOOPCOACH_HOME": str(base / "home")}))
    recording = Recording()
    coding.set_runner(recording)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOOPCOACH_TEST_SECRET", SECRET)
        yield {"ctx": ctx, "secret_file": secret_file, "out_dir": out_dir,
               "port": listener.getsockname()[1], "accepted": accepted, "runner": recording}
    coding.set_runner(None)
    stop.set()
    thread.join(2)
    listener.close()
    ctx.close()


@pytest.mark.parametrize(("name", "source", "verdicts"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_submission(env: dict[str, Any], name: str, source: str, verdicts: set[str]) -> None:
    src = (source.replace("{secret_file}", str(env["secret_file"]))
           .replace("{out_dir}", str(env["out_dir"])).replace("{port}", str(env["port"])))
    runs = env["runner"].runs
    runs.clear()
    result = coding.judge(env["ctx"], "two-sum", src)
    assert result["verdict"] in verdicts, (name, result["verdict"], result["message"])
    child = runs[-1]
    assert child.pid > 0 and child.workdir
    assert result["verdict"] != "internal_error"
    dumped = json.dumps(result)
    assert SECRET not in dumped, f"{name} leaked the secret"
    assert not list(env["out_dir"].iterdir()), f"{name} wrote outside the sandbox"
    assert not Path("/dev/shm/loopcoach-pwned").exists()
    assert not env["accepted"], f"{name} reached the network"
    assert _survivors(child.pid) == [], f"{name} left a process behind"
    assert not Path(child.workdir).exists(), "the working folder was left behind"
    again = coding.judge(env["ctx"], "two-sum", GOOD)
    assert again["verdict"] == "accepted", f"the judge is broken after {name}: {again['message']}"


def test_at_least_25_hostile_cases() -> None:
    assert len(HOSTILE) >= 25


def test_every_layer_is_active_here(env: dict[str, Any]) -> None:
    """On this machine (root, Landlock, libseccomp2) no layer may be missing."""
    assert env["runner"].missing_layers() == []
