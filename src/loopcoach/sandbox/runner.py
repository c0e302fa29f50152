"""The Runner protocol and its data types: run untrusted code on a list of cases.

A ``Job`` carries a trusted *prelude* (Python source defining ``__setup__(source,
config)`` and ``__case__(payload)``), the untrusted *source*, the JSON cases and
the limits. A runner returns a ``RunResult`` with one ``CaseResult`` per case,
holding only parsed JSON produced by the child: callers compare plain data,
never objects the submission made. ``SandboxRunner`` (``sandbox.process``) is
the real thing; ``FakeRunner`` (``sandbox.fake``) is for other layers' tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

CaseStatus = Literal["ok", "error", "timeout", "memory", "output", "crashed", "not_run"]
SetupStatus = Literal["ok", "compile_error", "error", "timeout", "memory", "output", "crashed"]


@dataclass(frozen=True)
class Limits:
    """Resource limits of one job (per case where named so)."""

    cpu_ms_per_case: int = 2000
    wall_ms_per_case: int = 4000
    total_cpu_s: int = 20
    memory_mb: int = 512
    output_kb: int = 1024
    result_kb: int = 16384
    setup_wall_ms: int = 4000
    job_wall_ms: int = 0  # 0: none; else stop feeding cases after this (the rest are not_run)


@dataclass(frozen=True)
class Job:
    """Untrusted source plus the trusted prelude that drives it on each case."""

    prelude: str
    source: str
    cases: list[object]
    limits: Limits = field(default_factory=Limits)
    config: dict[str, object] = field(default_factory=dict)
    stop_on_error: bool = False


@dataclass
class ErrorInfo:
    """An exception raised by the submission (type, message, line in the solution)."""

    type: str
    message: str
    line: int | None = None


@dataclass
class CaseResult:
    """The outcome of one case; ``value`` is parsed JSON, never a live object."""

    status: CaseStatus
    value: object = None
    error: ErrorInfo | None = None
    cpu_ms: float = 0.0
    memory_kb: int = 0


@dataclass
class RunResult:
    """The outcome of a whole job."""

    setup: SetupStatus
    cases: list[CaseResult]
    setup_error: ErrorInfo | None = None
    stdout: str = ""
    total_cpu_ms: float = 0.0
    peak_memory_kb: int = 0
    exit_status: str = ""
    missing_layers: list[str] = field(default_factory=list)
    wall_ms: float = 0.0
    pid: int = 0  # the child's pid (also its session id): lets tests check nothing outlived it
    workdir: str = ""  # the private working folder (removed when the run ends)


class Runner(Protocol):
    """Runs a job in isolation and returns only data."""

    def run(self, job: Job) -> RunResult:
        """Run every case of ``job`` (stopping early on a fatal failure)."""
        ...

    def missing_layers(self) -> list[str]:
        """Isolation layers this machine cannot provide (empty when all are active)."""
        ...

    def close(self) -> None:
        """Release worker processes."""
        ...
