"""The LOOPCOACH_LLM_* settings: off by default, which backend each choice builds, bad values in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopcoach.config import load_settings
from loopcoach.errors import BadInputError
from loopcoach.llm.embedded import LlamaCppModel
from loopcoach.llm.factory import model_from_settings
from loopcoach.llm.http import OpenAICompatibleModel


def test_no_model_by_default(tmp_path: Path) -> None:
    s = load_settings({"LOOPCOACH_HOME": str(tmp_path)})
    assert (s.llm_url, s.llm_gguf, s.llm_key, s.llm_model, s.llm_timeout) == (None, None, None, "local", 20.0)
    assert model_from_settings(s) is None


def test_an_endpoint_wins_over_a_gguf_file(tmp_path: Path) -> None:
    s = load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_LLM_URL": "http://127.0.0.1:8080/v1",
                       "LOOPCOACH_LLM_GGUF": "gemma3-270m", "LOOPCOACH_LLM_TIMEOUT": "2.5"})
    model = model_from_settings(s)
    assert isinstance(model, OpenAICompatibleModel) and model.timeout == 2.5
    s = load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_LLM_GGUF": "gemma3-270m"})
    assert isinstance(model_from_settings(s), LlamaCppModel)  # built, not loaded


@pytest.mark.parametrize(("value", "message"), [("soon", "must be a number of seconds"), ("0", "between 0 and 600"),
                                                ("9000", "between 0 and 600")])
def test_a_bad_timeout_is_one_sentence(tmp_path: Path, value: str, message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_LLM_TIMEOUT": value})
