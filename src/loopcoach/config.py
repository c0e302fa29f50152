"""Settings, built by ``load_settings`` from environment variables, never at import time.

Every setting is listed in ``SETTINGS_DOC`` (the README's table is checked
against it by a test).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from loopcoach.errors import BadInputError

SETTINGS_DOC: dict[str, str] = {
    "LOOPCOACH_HOME": "Data folder (database, user content overlay, caches). "
    "Default: the platform's user data folder, e.g. ~/.local/share/loopcoach.",
    "LOOPCOACH_DATABASE_URL": "SQLAlchemy database URL. Default: sqlite:///$LOOPCOACH_HOME/loopcoach.db. "
    "A postgresql+psycopg://... URL serves a group from a PostgreSQL server.",
    "LOOPCOACH_HOST": "Address the web app binds to. Default: 127.0.0.1 (this machine only).",
    "LOOPCOACH_PORT": "Port of the web app. Default: 8000.",
    "LOOPCOACH_ALLOWED_HOSTS": "More host names the web app answers to, comma-separated (e.g. the machine's "
    "LAN address for a peer mock). Always allowed: localhost, 127.0.0.1, [::1] and the bound address. "
    "Any other Host header gets 400 (this stops DNS rebinding).",
    "LOOPCOACH_PUBLIC_URL": "The address other people use to reach this server, e.g. http://192.168.1.20:8000; "
    "share links are built from it and its host is allowed. Default: none (links are relative to the page).",
    "LOOPCOACH_USER": "Name of the local user that owns the data. Default: the login name, or 'me'.",
    "LOOPCOACH_LLM_URL": "Optional language model for the follow-up interviewer: the base URL of an "
    "OpenAI-compatible chat endpoint, e.g. http://127.0.0.1:8080/v1 (llama.cpp server) or "
    "http://127.0.0.1:11434/v1 (Ollama). Default: unset (no model; rule-based follow-ups).",
    "LOOPCOACH_LLM_MODEL": "Model name sent to the endpoint. Default: 'local'.",
    "LOOPCOACH_LLM_KEY": "API key sent as a Bearer token to the endpoint, if it needs one. Default: unset.",
    "LOOPCOACH_LLM_GGUF": "Optional embedded model instead of an endpoint: a GGUF file run by llama-cpp-python "
    "(the llm extra), or 'gemma3-270m' for the packaged Gemma 3 270M. Default: unset.",
    "LOOPCOACH_LLM_TIMEOUT": "Seconds to wait for the model's reply before falling back to the rule-based "
    "follow-up. Default: 20.",
    "LOOPCOACH_GROUP": "1 to serve a cohort (group mode): every page needs a signed-in account "
    "(see 'Serving a cohort'). Default: 0, one local user without sign-in. 'loopcoach serve --group' sets it.",
    "LOOPCOACH_SECRET_KEY": "Group mode: the key that signs session cookies; give every web process the same one. "
    "Default: a random key kept in $LOOPCOACH_HOME/session_key (created on first use, readable by its owner only).",
}

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True)
class Settings:
    """Where loopcoach keeps its data and how it serves the web app."""

    home: Path
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    user: str = "me"
    allowed_hosts: tuple[str, ...] = ()
    public_url: str | None = None
    llm_url: str | None = None
    llm_model: str = "local"
    llm_key: str | None = None
    llm_gguf: str | None = None
    llm_timeout: float = 20.0
    group: bool = False
    secret_key: str = ""

    @property
    def content_dir(self) -> Path:
        """The user's overlay folder for content items of their own."""
        return self.home / "content"

    @property
    def cache_dir(self) -> Path:
        """Caches that can be deleted at any time (embeddings, expected test outputs)."""
        return self.home / "cache"

    @property
    def is_sqlite(self) -> bool:
        """True when the store is an embedded SQLite file."""
        return self.database_url.startswith("sqlite")


def default_home() -> Path:
    """The platform's user data folder for loopcoach."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("loopcoach", appauthor=False))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from ``env`` (default ``os.environ``)."""
    source = os.environ if env is None else env
    home_value = source.get("LOOPCOACH_HOME", "").strip()
    home = Path(home_value).expanduser() if home_value else default_home()
    database_url = source.get("LOOPCOACH_DATABASE_URL", "").strip() or f"sqlite:///{home / 'loopcoach.db'}"
    port_value = source.get("LOOPCOACH_PORT", "8000").strip() or "8000"
    try:
        port = int(port_value)
    except ValueError:
        raise BadInputError(f"LOOPCOACH_PORT must be a number, not {port_value!r}.") from None
    if not 0 < port < 65536:
        raise BadInputError(f"LOOPCOACH_PORT must be between 1 and 65535, not {port}.")
    allowed_hosts = tuple(h.strip().strip("[]").lower()
                          for h in re.split(r"[,\s]+", source.get("LOOPCOACH_ALLOWED_HOSTS", "")) if h.strip())
    for name in allowed_hosts:
        if not re.fullmatch(r"[a-z0-9.:-]+", name):
            raise BadInputError(f"LOOPCOACH_ALLOWED_HOSTS lists {name!r}, which is not a host name or address "
                                "(give names like lab.local or 192.168.1.20, without scheme or port).")
    public_url = _public_url(source.get("LOOPCOACH_PUBLIC_URL", "").strip())
    user = source.get("LOOPCOACH_USER", "").strip() or source.get("USER", "").strip() or "me"
    timeout_value = source.get("LOOPCOACH_LLM_TIMEOUT", "").strip() or "20"
    try:
        llm_timeout = float(timeout_value)
    except ValueError:
        raise BadInputError(f"LOOPCOACH_LLM_TIMEOUT must be a number of seconds, not {timeout_value!r}.") from None
    if not 0 < llm_timeout <= 600:
        raise BadInputError(f"LOOPCOACH_LLM_TIMEOUT must be between 0 and 600 seconds, not {timeout_value}.")
    group_value = source.get("LOOPCOACH_GROUP", "").strip().lower()
    if group_value not in _TRUE | _FALSE:
        raise BadInputError(f"LOOPCOACH_GROUP must be 1 or 0, not {group_value!r}.")
    host = source.get("LOOPCOACH_HOST", "").strip() or "127.0.0.1"
    return Settings(
        home=home,
        database_url=database_url,
        host=host,
        port=port,
        user=user,
        allowed_hosts=allowed_hosts,
        group=group_value in _TRUE,
        secret_key=source.get("LOOPCOACH_SECRET_KEY", "").strip(),
        public_url=public_url,
        llm_url=source.get("LOOPCOACH_LLM_URL", "").strip() or None,
        llm_model=source.get("LOOPCOACH_LLM_MODEL", "").strip() or "local",
        llm_key=source.get("LOOPCOACH_LLM_KEY", "").strip() or None,
        llm_gguf=source.get("LOOPCOACH_LLM_GGUF", "").strip() or None,
        llm_timeout=llm_timeout,
    )


def _public_url(value: str) -> str | None:
    """The configured public origin without a trailing slash, or None; anything else is one sentence."""
    if not value:
        return None
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        raise BadInputError(f"LOOPCOACH_PUBLIC_URL must look like http://host:port, not {value!r}.")
    return f"{parts.scheme}://{parts.netloc}".lower()
