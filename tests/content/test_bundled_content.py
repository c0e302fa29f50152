"""Every bundled content file of every bank validates against its schema (one test per file)."""

from importlib import resources

import pytest

from loopcoach.content.loader import SUFFIXES, bundled_folder, parse_item, schema_for
from loopcoach.content.registry import BANKS


def _files() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for spec in BANKS.values():
        folder = bundled_folder(spec)
        if folder.is_dir():
            found.extend((spec.name, e.name) for e in folder.iterdir() if e.name.endswith(SUFFIXES))
    return sorted(found)


@pytest.mark.parametrize(("bank", "name"), _files())
def test_bundled_file_validates(bank: str, name: str) -> None:
    spec = BANKS[bank]
    entry = bundled_folder(spec).joinpath(name)
    parse_item(entry.read_text(encoding="utf-8"), name, schema_for(spec), f"{spec.folder}/{name}")


def test_banks_are_importable_package_data() -> None:
    assert resources.files("loopcoach.content").joinpath("data").is_dir()
