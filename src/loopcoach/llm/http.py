"""A chat model behind an OpenAI-compatible ``/chat/completions`` endpoint, over plain HTTP.

Standard library only (``urllib``): the endpoint route needs no extra
package. Every failure becomes one :class:`ModelError` sentence naming the
endpoint: nothing listening, a timeout, an HTTP error, a reply that is not a
chat completion.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence

from loopcoach.areas.interview.model import Message
from loopcoach.errors import ModelError

MAX_REPLY_BYTES = 1_000_000


def completions_url(base: str) -> str:
    """``base`` (e.g. ``http://127.0.0.1:11434/v1``) with ``/chat/completions`` appended unless present."""
    base = base.strip().rstrip("/")
    return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


class OpenAICompatibleModel:
    """Chat completions from an endpoint the user runs or chooses."""

    def __init__(self, url: str, model: str, key: str | None = None, timeout: float = 20.0,
                 temperature: float = 0.2) -> None:
        if not url.startswith(("http://", "https://")):
            raise ModelError(f"LOOPCOACH_LLM_URL must start with http:// or https://, not {url!r}.")
        self.url = completions_url(url)
        self.model = model
        self.key = key
        self.timeout = timeout
        self.temperature = temperature

    @property
    def name(self) -> str:
        """Backend, model and endpoint."""
        return f"{self.model} at {self.url}"

    def _request(self, messages: Sequence[Message], max_tokens: int) -> urllib.request.Request:
        body = {"model": self.model, "messages": [m.to_dict() for m in messages], "max_tokens": max_tokens,
                "temperature": self.temperature, "stream": False}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        return urllib.request.Request(self.url, data=json.dumps(body).encode("utf-8"), headers=headers,
                                      method="POST")

    def complete(self, messages: Sequence[Message], *, max_tokens: int = 96) -> str:
        """The first choice's message content; ModelError for anything else."""
        request = self._request(messages, max_tokens)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(MAX_REPLY_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise ModelError(f"The language model at {self.url} refused the request (HTTP {exc.code} "
                             f"{exc.reason}).") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise ModelError(f"The language model at {self.url} did not answer within "
                                 f"{self.timeout:g} seconds.") from None
            raise ModelError(f"No language model answers at {self.url} ({exc.reason}); start your server "
                             "or unset LOOPCOACH_LLM_URL.") from None
        except TimeoutError:
            raise ModelError(f"The language model at {self.url} did not answer within "
                             f"{self.timeout:g} seconds.") from None
        except OSError as exc:
            raise ModelError(f"The connection to the language model at {self.url} failed ({exc}).") from None
        if len(raw) > MAX_REPLY_BYTES:
            raise ModelError(f"The language model at {self.url} sent a reply larger than 1 MB.")
        return parse_completion(raw, self.url)


def parse_completion(raw: bytes, where: str) -> str:
    """The text of an OpenAI chat-completion body; ModelError when the body is not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
        content = data["choices"][0]["message"]["content"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError):
        raise ModelError(f"The language model at {where} sent a reply that is not an OpenAI chat "
                         "completion.") from None
    if not isinstance(content, str):
        raise ModelError(f"The language model at {where} sent a chat completion without text.")
    return content
