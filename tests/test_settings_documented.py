"""Every setting is documented in the README, and every environment variable read is a setting."""

import re
from pathlib import Path

from loopcoach.config import SETTINGS_DOC, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SETTINGS_DOC:
        assert f"`{name}`" in readme, f"README.md does not document {name}"


def test_every_environment_variable_read_is_a_documented_setting() -> None:
    # Names with a leading underscore (_LOOPCOACH_...) are internal markers between processes, not settings.
    read: set[str] = set()
    for path in (ROOT / "src" / "loopcoach").rglob("*.py"):
        read |= set(re.findall(r"[\"'](LOOPCOACH_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert read <= set(SETTINGS_DOC), f"undocumented settings: {sorted(read - set(SETTINGS_DOC))}"


def test_defaults_and_overrides(tmp_path: Path) -> None:
    s = load_settings({"LOOPCOACH_HOME": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'loopcoach.db'}"
    assert (s.host, s.port) == ("127.0.0.1", 8000)
    s = load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_PORT": "9001", "LOOPCOACH_HOST": "0.0.0.0"})
    assert (s.host, s.port) == ("0.0.0.0", 9001)


def test_bad_port_is_one_sentence(tmp_path: Path) -> None:
    import pytest

    from loopcoach.errors import BadInputError

    with pytest.raises(BadInputError, match="LOOPCOACH_PORT must be a number"):
        load_settings({"LOOPCOACH_HOME": str(tmp_path), "LOOPCOACH_PORT": "eighty"})
