"""The one interface every language-model backend implements.

The domain only knows this protocol; the backends (an OpenAI-compatible HTTP
endpoint, an embedded llama.cpp model) live in :mod:`loopcoach.llm` and are
chosen from settings by the services. A backend raises
:class:`loopcoach.errors.ModelError` (one sentence) for anything that goes
wrong: absent server, timeout, HTTP error, unreadable reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One chat message."""

    role: Role
    content: str

    def to_dict(self) -> dict[str, str]:
        """The OpenAI chat-completions form."""
        return {"role": self.role, "content": self.content}


class ChatModel(Protocol):
    """A chat model: messages in, one reply text out."""

    @property
    def name(self) -> str:
        """What to show the user: backend and model, e.g. ``openai-compatible llama3 at http://...``."""
        ...

    def complete(self, messages: Sequence[Message], *, max_tokens: int = 96) -> str:
        """The model's reply to ``messages``; ``ModelError`` when it cannot give one."""
        ...
