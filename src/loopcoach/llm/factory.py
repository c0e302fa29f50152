"""The language model the settings choose: an endpoint, an embedded GGUF file, or none (the default)."""

from __future__ import annotations

from typing import Any

from loopcoach.areas.interview.model import ChatModel
from loopcoach.config import Settings

HOW_TO_TURN_ON = ("To let a local language model phrase the follow-ups, set LOOPCOACH_LLM_URL to an "
                  "OpenAI-compatible endpoint (llama.cpp server, Ollama) or LOOPCOACH_LLM_GGUF to a GGUF file; "
                  "the grader stays the judge either way.")


def model_from_settings(settings: Settings) -> ChatModel | None:
    """The configured backend, or None. Building one does not contact or load anything."""
    if settings.llm_url:
        from loopcoach.llm.http import OpenAICompatibleModel

        return OpenAICompatibleModel(settings.llm_url, settings.llm_model, settings.llm_key, settings.llm_timeout)
    if settings.llm_gguf:
        from loopcoach.llm.embedded import LlamaCppModel

        return LlamaCppModel(settings.llm_gguf, settings.cache_dir, timeout=settings.llm_timeout)
    return None


def describe(settings: Settings) -> dict[str, Any]:
    """What the doctor and the pages show: which backend, which model, how to turn it on."""
    if settings.llm_url:
        from loopcoach.llm.http import completions_url

        return {"backend": "openai-compatible", "model": settings.llm_model,
                "where": completions_url(settings.llm_url), "on": True, "hint": None}
    if settings.llm_gguf:
        return {"backend": "llama.cpp", "model": settings.llm_gguf, "where": "in-process", "on": True, "hint": None}
    return {"backend": None, "model": None, "where": None, "on": False, "hint": HOW_TO_TURN_ON}
