"""Loading content banks: bundled files plus the user's overlay folder.

One item per file: ``*.yaml`` (the whole item) or ``*.md`` (YAML front
matter between ``---`` lines, the Markdown body in the field ``body``).
Every file is validated by its bank's pydantic schema; the item's ``id``
must equal the file name stem. A broken file raises ``ContentError``
naming the file, the field and the problem. Overlay items (in
``settings.content_dir/<folder>/``) with a bundled id replace the bundled one.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from loopcoach.config import Settings
from loopcoach.content.registry import BANKS, BankSpec
from loopcoach.errors import ContentError, NotFoundError

Item = TypeVar("Item", bound=BaseModel)
MAX_FILE_BYTES = 2_000_000
SUFFIXES = (".yaml", ".yml", ".md")


@dataclass
class Bank(Generic[Item]):
    """The validated items of one bank, sorted by id."""

    spec: BankSpec
    items: list[Item]
    sources: dict[str, str] = field(default_factory=dict)  # id -> "bundled" | overlay path
    _by_id: dict[str, Item] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {str(getattr(item, "id")): item for item in self.items}  # noqa: B009

    def get(self, item_id: str) -> Item:
        """The item with this id; NotFoundError names the bank when there is none."""
        try:
            return self._by_id[item_id]
        except KeyError:
            raise NotFoundError(
                f"There is no {self.spec.name} item with the id '{item_id}'; "
                f"'loopcoach {self.spec.name} list' shows the ids."
            ) from None

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def __len__(self) -> int:
        return len(self.items)


def schema_for(spec: BankSpec) -> type[BaseModel]:
    """Import the schema class a bank names."""
    module_name, _, class_name = spec.schema.partition(":")
    schema: type[BaseModel] = getattr(importlib.import_module(module_name), class_name)
    return schema


def _describe_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    msg = str(err["msg"]).rstrip(".")
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"field '{where}': {msg}{more}"


def parse_item(text: str, name: str, schema: type[Item], source: str) -> Item:
    """Parse and validate one file's text; ``name`` is the file name, ``source`` how to name it in errors."""
    import yaml  # here, not at the top: a bank read from the parsed cache needs no YAML

    # libyaml's safe loader when PyYAML was built with it (about 10x faster on the banks), else the pure-Python one.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stem, _, suffix = name.rpartition(".")
    data: Any
    try:
        if suffix == "md":
            if not text.startswith("---"):
                raise ContentError(f"{source} must start with YAML front matter between '---' lines.")
            parts = text.split("\n---", 1)
            if len(parts) != 2:
                raise ContentError(f"{source} has front matter that is never closed with a '---' line.")
            data = yaml.load(parts[0][3:], Loader=loader) or {}
            if isinstance(data, dict):
                data["body"] = parts[1].lstrip("-").lstrip("\n")
        else:
            data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise ContentError(f"{source} is not valid YAML{line}: {problem}.") from None
    if not isinstance(data, dict):
        raise ContentError(f"{source} must hold a YAML mapping (field: value), not {type(data).__name__}.")
    try:
        item = schema.model_validate(data)
    except ValidationError as exc:
        raise ContentError(f"{source}: {_describe_error(exc)}.") from None
    item_id = getattr(item, "id", None)
    if item_id != stem:
        raise ContentError(f"{source}: field 'id' is '{item_id}' but must equal the file name '{stem}'.")
    return item


def _read(entry: Traversable | Path, source: str) -> str:
    data = entry.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(f"{source} is larger than {MAX_FILE_BYTES // 1_000_000} MB.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{source} is not UTF-8 text.") from None


def _files(folder: Traversable | Path) -> Iterator[Traversable | Path]:
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith(SUFFIXES) and not entry.name.startswith((".", "_")):
            yield entry


def bundled_folder(spec: BankSpec) -> Traversable:
    """The bank's folder inside the installed package."""
    return resources.files("loopcoach.content").joinpath("data", spec.folder)


def load_folder(spec: BankSpec, folder: Traversable | Path, label: str) -> dict[str, BaseModel]:
    """Validate every file of one folder; ``label`` prefixes file names in errors."""
    schema = schema_for(spec)
    items: dict[str, BaseModel] = {}
    for entry in _files(folder):
        source = f"{label}/{entry.name}"
        item = parse_item(_read(entry, source), entry.name, schema, source)
        items[str(getattr(item, "id"))] = item  # noqa: B009
    return items


def load_bank(name: str, settings: Settings) -> Bank[Any]:
    """Load a bank: bundled items, then the user's overlay items on top (from the parsed cache when current)."""
    spec = BANKS.get(name)
    if spec is None:
        raise NotFoundError(f"There is no content bank named '{name}'; known banks: {', '.join(sorted(BANKS))}.")
    overlay = settings.content_dir / spec.folder
    cache_file = _bank_cache_file(spec, overlay, settings)
    cached = _read_bank_cache(spec, cache_file)
    if cached is not None:
        return cached
    items = load_folder(spec, bundled_folder(spec), f"bundled {spec.folder}")
    sources = dict.fromkeys(items, "bundled")
    for item_id, item in load_folder(spec, overlay, str(overlay)).items():
        items[item_id] = item
        sources[item_id] = str(overlay / item_id)
    bank: Bank[Any] = Bank(spec, [items[k] for k in sorted(items)], sources)
    _write_bank_cache(spec, bank, cache_file)
    return bank


# The parsed-bank cache: a command that needs one question should not parse 127 YAML files. The key covers
# everything parsing depends on (every file's name, size and mtime, the schema modules, loopcoach's version),
# and the items are re-validated from JSON by pydantic (fast), so a hit yields the same models as a parse.
def _bank_cache_file(spec: BankSpec, overlay: Path, settings: Settings) -> Path:
    from loopcoach import __version__

    digest = hashlib.sha256(f"{__version__}\n{spec}\n".encode())
    schema_file = getattr(sys.modules.get(schema_for(spec).__module__), "__file__", None)
    if schema_file:  # every module beside the schema: a shared validator there changes parsing too
        for module in sorted(Path(schema_file).parent.glob("*.py")):
            digest.update(_stat_line(module))
    for folder in (bundled_folder(spec), overlay):
        for entry in _files(folder):
            digest.update(_stat_line(Path(str(entry))))
    return settings.cache_dir / f"bank-{spec.name}-{digest.hexdigest()[:20]}.json"


def _stat_line(path: Path) -> bytes:
    st = path.stat()
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()


def _read_bank_cache(spec: BankSpec, cache_file: Path) -> Bank[Any] | None:
    try:
        raw = json.loads(cache_file.read_bytes())
        schema = schema_for(spec)
        items = [schema.model_validate(item) for item in raw["items"]]
        return Bank(spec, items, {str(k): str(v) for k, v in raw["sources"].items()})
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None  # absent, stale format or damaged: only a cache, parse the files


def _write_bank_cache(spec: BankSpec, bank: Bank[Any], cache_file: Path) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        payload = {"items": [item.model_dump(mode="json") for item in bank.items], "sources": bank.sources}
        tmp = cache_file.with_name(f"{cache_file.stem}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(tmp, cache_file)
        for old in cache_file.parent.glob(f"bank-{spec.name}-*.json"):
            if old != cache_file:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only data folder only costs parsing next time


@dataclass
class ValidationReport:
    """What ``content validate`` found: item counts per bank and the errors."""

    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def validate_tree(root: Path | None, settings: Settings) -> ValidationReport:
    """Validate the bundled banks and overlay (root None), or a folder of the user's.

    ``root`` may be an overlay root (with one sub-folder per bank), one bank's
    folder (its name is a bank folder), or a single file inside such a folder.
    """
    report = ValidationReport()
    targets: list[tuple[BankSpec, Traversable | Path, str]] = []
    by_folder = {spec.folder: spec for spec in BANKS.values()}
    if root is None:
        for spec in BANKS.values():
            targets.append((spec, bundled_folder(spec), f"bundled {spec.folder}"))
            overlay = settings.content_dir / spec.folder
            if overlay.is_dir():
                targets.append((spec, overlay, str(overlay)))
    elif not root.exists():
        raise NotFoundError(f"{root} does not exist.")
    elif root.is_file():
        file_spec = by_folder.get(root.parent.name)
        if file_spec is None:
            raise ContentError(
                f"{root} is not inside a bank folder; put it in one of: {', '.join(sorted(by_folder))}."
            )
        try:
            parse_item(_read(root, str(root)), root.name, schema_for(file_spec), str(root))
            report.counts[file_spec.name] = 1
        except ContentError as exc:
            report.errors.append(exc.message)
        return report
    elif root.name in by_folder:
        targets.append((by_folder[root.name], root, str(root)))
    else:
        for sub in sorted(p for p in root.iterdir() if p.is_dir()):
            if sub.name in by_folder:
                targets.append((by_folder[sub.name], sub, str(sub)))
        if not targets:
            raise ContentError(f"{root} holds no bank folder; expected one of: {', '.join(sorted(by_folder))}.")
    for spec, folder, label in targets:
        schema = schema_for(spec)
        for entry in _files(folder):
            source = f"{label}/{entry.name}"
            try:
                parse_item(_read(entry, source), entry.name, schema, source)
                report.counts[spec.name] = report.counts.get(spec.name, 0) + 1
            except ContentError as exc:
                report.errors.append(exc.message)
    return report
