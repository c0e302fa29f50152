"""``loopcoach doctor`` shows the optional language model: off, an endpoint, or what an embedded one lacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest


def _llm_check(out: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in out["checks"] if c["name"] == "llm")


def test_off_by_default_and_says_how_to_turn_it_on(cli: Callable[..., Any]) -> None:
    out = json.loads(cli("doctor", "--json").stdout)
    check = _llm_check(out)
    assert check["ok"] and check["detail"].startswith("off.") and "LOOPCOACH_LLM_URL" in check["detail"]
    assert out["llm"]["on"] is False


def test_an_endpoint_is_shown_without_contacting_it(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOOPCOACH_LLM_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("LOOPCOACH_LLM_MODEL", "llama3.2:1b")
    check = _llm_check(json.loads(cli("doctor", "--json").stdout))
    assert check["ok"] and check["detail"].startswith("llama3.2:1b at http://127.0.0.1:9/v1/chat/completions")


def test_a_missing_gguf_file_is_reported_with_the_fix(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setenv("LOOPCOACH_LLM_GGUF", str(tmp_path / "nope.gguf"))
    out = json.loads(cli("doctor", "--json").stdout)
    check = _llm_check(out)
    assert not check["ok"] and "not a file" in check["detail"]
    assert check["fix"] in out["missing"]


@pytest.mark.skipif(find_spec("llama_cpp") is not None, reason="llama-cpp-python is installed here")
def test_the_embedded_backend_without_its_extra_names_the_install(cli: Callable[..., Any],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOOPCOACH_LLM_GGUF", "gemma3-270m")
    check = _llm_check(json.loads(cli("doctor", "--json").stdout))
    assert not check["ok"] and "llama-cpp-python" in check["detail"]
    assert check["fix"].startswith("pip install 'loopcoach[llm]'")
