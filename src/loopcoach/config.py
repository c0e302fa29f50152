"""Settings, built by ``load_settings`` from environment variables, never at import time.

Every setting is listed in ``SETTINGS_DOC`` (the README's table is checked
against it by a test).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from loopcoach.errors import BadInputError

SETTINGS_DOC: dict[str, str] = {
    "LOOPCOACH_HOME": "Data folder (database, user content overlay, caches). "
    "Default: the platform's user data folder, e.g. ~/.local/share/loopcoach.",
    "LOOPCOACH_DATABASE_URL": "SQLAlchemy database URL. Default: sqlite:///$LOOPCOACH_HOME/loopcoach.db. "
    "A postgresql+psycopg://... URL serves a group from a PostgreSQL server.",
    "LOOPCOACH_HOST": "Address the web app binds to. Default: 127.0.0.1 (this machine only).",
    "LOOPCOACH_PORT": "Port of the web app. Default: 8000.",
    "LOOPCOACH_USER": "Name of the local user that owns the data. Default: the login name, or 'me'.",
    "LOOPCOACH_GROUP": "1 to serve a cohort (group mode): every page needs a signed-in account "
    "(see 'Serving a cohort'). Default: 0, one local user without sign-in. 'loopcoach serve --group' sets it.",
    "LOOPCOACH_SECRET_KEY": "Group mode: the key that signs session cookies; give every web process the same one. "
    "Default: a random key kept in $LOOPCOACH_HOME/secret_key (created on first use, readable by its owner only).",
    "LOOPCOACH_PUBLIC_URL": "Group mode: the address people open, used in sign-up links. "
    "Default: http://LOOPCOACH_HOST:LOOPCOACH_PORT.",
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
    group: bool = False
    secret_key: str = ""
    public_url: str = ""

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
    user = source.get("LOOPCOACH_USER", "").strip() or source.get("USER", "").strip() or "me"
    group_value = source.get("LOOPCOACH_GROUP", "").strip().lower()
    if group_value not in _TRUE | _FALSE:
        raise BadInputError(f"LOOPCOACH_GROUP must be 1 or 0, not {group_value!r}.")
    host = source.get("LOOPCOACH_HOST", "").strip() or "127.0.0.1"
    public_url = source.get("LOOPCOACH_PUBLIC_URL", "").strip().rstrip("/") or f"http://{host}:{port}"
    return Settings(
        home=home,
        database_url=database_url,
        host=host,
        port=port,
        user=user,
        group=group_value in _TRUE,
        secret_key=source.get("LOOPCOACH_SECRET_KEY", "").strip(),
        public_url=public_url,
    )
