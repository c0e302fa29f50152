"""The OpenAI-compatible HTTP backend against a real local server speaking the protocol."""

from __future__ import annotations

import socket

import pytest

from loopcoach.areas.interview.model import Message
from loopcoach.errors import ModelError
from loopcoach.llm.http import OpenAICompatibleModel, completions_url
from tests.interview.stub_server import Script

MESSAGES = [Message("system", "Ask one question."), Message("user", "About recall.")]


def test_a_reply_is_the_first_choices_text_and_the_request_is_a_chat_completion(
        llm_server: tuple[str, Script]) -> None:
    url, script = llm_server
    script.content = "What does recall miss?"
    model = OpenAICompatibleModel(url, "tiny", key="sk-local", timeout=5)
    assert model.complete(MESSAGES, max_tokens=40) == "What does recall miss?"
    body = script.requests[-1]
    assert body["model"] == "tiny" and body["max_tokens"] == 40 and body["stream"] is False
    assert body["messages"] == [m.to_dict() for m in MESSAGES]
    assert script.headers[-1]["Authorization"] == "Bearer sk-local"
    assert model.name == f"tiny at {url}/chat/completions"


def test_urls_with_or_without_the_path_work() -> None:
    assert completions_url("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert completions_url("http://h:1/v1/chat/completions") == "http://h:1/v1/chat/completions"
    with pytest.raises(ModelError, match="must start with http"):
        OpenAICompatibleModel("localhost:8080", "m")


def test_an_absent_endpoint_is_one_sentence() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    with pytest.raises(ModelError, match=r"^No language model answers at http://127\.0\.0\.1:\d+/v1/chat/completions"):
        OpenAICompatibleModel(f"http://127.0.0.1:{port}/v1", "m", timeout=2).complete(MESSAGES)


def test_a_slow_endpoint_times_out_with_one_sentence(llm_server: tuple[str, Script]) -> None:
    url, script = llm_server
    script.delay = 1.5
    with pytest.raises(ModelError, match=r"did not answer within 0\.3 seconds"):
        OpenAICompatibleModel(url, "m", timeout=0.3).complete(MESSAGES)


def test_an_http_error_is_one_sentence(llm_server: tuple[str, Script]) -> None:
    url, script = llm_server
    script.status = 500
    with pytest.raises(ModelError, match=r"refused the request \(HTTP 500"):
        OpenAICompatibleModel(url, "m", timeout=5).complete(MESSAGES)


def test_a_wrong_path_is_an_http_error(llm_server: tuple[str, Script]) -> None:
    url, _ = llm_server
    with pytest.raises(ModelError, match="HTTP 404"):
        OpenAICompatibleModel(url.removesuffix("/v1") + "/api", "m", timeout=5).complete(MESSAGES)


@pytest.mark.parametrize("raw", [b"not json at all", b'{"choices": []}', b'{"error": "model not loaded"}',
                                 b"\xff\xfe\x00", b'{"choices": [{"message": {"content": null}}]}'])
def test_garbage_is_one_sentence(llm_server: tuple[str, Script], raw: bytes) -> None:
    url, script = llm_server
    script.raw = raw
    with pytest.raises(ModelError, match=r"not an OpenAI chat completion|without text"):
        OpenAICompatibleModel(url, "m", timeout=5).complete(MESSAGES)
