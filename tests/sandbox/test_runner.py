"""The SandboxRunner protocol itself (real zygotes, real children), with a tiny prelude."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from loopcoach.sandbox.process import SandboxRunner
from loopcoach.sandbox.runner import Job, Limits

PRELUDE = '''
SEEN = []
def __setup__(source, config):
    global NS
    NS = {"__name__": "solution"}
    exec(compile(source, "<solution>", "exec"), NS)
def __case__(payload):
    SEEN.append(payload)
    return NS["f"](payload)
'''


@pytest.fixture(scope="module")
def runner() -> Iterator[SandboxRunner]:
    r = SandboxRunner(workers=1)
    yield r
    r.close()


def test_cases_arrive_one_at_a_time(runner: SandboxRunner) -> None:
    """The code never sees a case before answering the previous one."""
    src = "import gc\ndef f(x):\n    return sum(1 for o in gc.get_objects() if isinstance(o, dict) and o.get('tag') == 'case')\n"
    cases: list[object] = [{"tag": "case", "i": [i]} for i in range(5)]  # a list: gc-tracked
    res = runner.run(Job(prelude=PRELUDE, source=src, cases=cases))
    assert [c.value for c in res.cases] == [1, 2, 3, 4, 5]


def test_values_are_plain_json_and_usage_is_reported(runner: SandboxRunner) -> None:
    res = runner.run(Job(prelude=PRELUDE, source="def f(x):\n    return {'n': x, 'l': [x, None, True]}\n",
                         cases=[1, 2]))
    assert res.setup == "ok" and [c.value for c in res.cases] == [{"n": 1, "l": [1, None, True]},
                                                                  {"n": 2, "l": [2, None, True]}]
    assert res.total_cpu_ms > 0 and res.peak_memory_kb > 0 and res.exit_status == "exited with code 0"
    assert all(c.cpu_ms >= 0 and c.memory_kb > 0 for c in res.cases)


def test_compile_error_line(runner: SandboxRunner) -> None:
    res = runner.run(Job(prelude=PRELUDE, source="x = 1\ndef f(x)\n    return x\n", cases=[1]))
    assert res.setup == "compile_error" and res.setup_error is not None and res.setup_error.line == 2
    assert [c.status for c in res.cases] == ["not_run"]


def test_setup_that_never_ends_is_a_timeout(runner: SandboxRunner) -> None:
    res = runner.run(Job(prelude=PRELUDE, source="while True:\n    pass\n", cases=[1],
                         limits=Limits(setup_wall_ms=500)))
    assert res.setup == "timeout"


def test_stop_on_error_and_job_wall_budget(runner: SandboxRunner) -> None:
    src = "import time\ndef f(x):\n    if x == 2:\n        raise ValueError('two')\n    time.sleep(0.05)\n    return x\n"
    res = runner.run(Job(prelude=PRELUDE, source=src, cases=[1, 2, 3], stop_on_error=True))
    assert [c.status for c in res.cases] == ["ok", "error", "not_run"]
    assert res.cases[1].error is not None and res.cases[1].error.line == 4
    res = runner.run(Job(prelude=PRELUDE, source=src.replace("x == 2", "x < 0"), cases=list(range(100)),
                         limits=Limits(job_wall_ms=300)))
    statuses = [c.status for c in res.cases]
    assert statuses[0] == "ok" and statuses[-1] == "not_run"


def test_result_size_cap(runner: SandboxRunner) -> None:
    res = runner.run(Job(prelude=PRELUDE, source="def f(x):\n    return 'y' * (2 * 2**20)\n", cases=[1],
                         limits=Limits(result_kb=1024)))
    assert res.cases[0].status == "output"


def test_a_killed_worker_is_replaced(runner: SandboxRunner) -> None:
    ok = runner.run(Job(prelude=PRELUDE, source="def f(x):\n    return x\n", cases=[7]))
    assert ok.cases[0].value == 7
    for z in list(runner._all):  # the real worker processes
        os.kill(z.proc.pid, signal.SIGKILL)
        z.proc.wait()
    time.sleep(0.05)
    again = runner.run(Job(prelude=PRELUDE, source="def f(x):\n    return x\n", cases=[8]))
    assert again.cases[0].value == 8
