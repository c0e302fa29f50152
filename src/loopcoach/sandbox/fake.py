"""A fake Runner for tests of OTHER layers (services, web): no isolation at all.

It executes the prelude and the source in this process, one namespace per
job, so it must only ever see trusted code. It can pretend that isolation
layers are missing (to test the loud degradation path) and records the jobs
it was given.
"""

from __future__ import annotations

import json
import time
from typing import Any

from loopcoach.sandbox.runner import CaseResult, ErrorInfo, Job, RunResult


def _error(exc: BaseException) -> ErrorInfo:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<solution>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return ErrorInfo(type(exc).__name__, str(exc), line)


class FakeRunner:
    """Runs jobs in-process; ``missing`` is reported as unavailable layers."""

    def __init__(self, missing: list[str] | None = None) -> None:
        self.missing = list(missing or [])
        self.jobs: list[Job] = []

    def missing_layers(self) -> list[str]:
        """The layers this fake pretends are missing."""
        return list(self.missing)

    def close(self) -> None:
        """Nothing to release."""

    def run(self, job: Job) -> RunResult:
        """Execute ``job`` in this process and return plain JSON values."""
        self.jobs.append(job)
        start = time.monotonic()
        ns: dict[str, Any] = {"__name__": "__harness__"}
        exec(compile(job.prelude, "<harness>", "exec"), ns)
        result = RunResult(setup="ok", cases=[], missing_layers=list(self.missing))
        try:
            ns["__setup__"](job.source, job.config)
        except SyntaxError as exc:
            result.setup, result.setup_error = "compile_error", _error(exc)
        except Exception as exc:
            result.setup, result.setup_error = "error", _error(exc)
        for payload in job.cases:
            if result.setup != "ok":
                result.cases.append(CaseResult(status="not_run"))
                continue
            t0 = time.thread_time_ns()
            try:
                value = json.loads(json.dumps(ns["__case__"](payload)))
                result.cases.append(CaseResult(status="ok", value=value,
                                               cpu_ms=(time.thread_time_ns() - t0) / 1e6))
            except Exception as exc:
                result.cases.append(CaseResult(status="error", error=_error(exc),
                                               cpu_ms=(time.thread_time_ns() - t0) / 1e6))
        result.wall_ms = (time.monotonic() - start) * 1000
        return result
