"""The content loader: validation errors that name file and field, the user overlay, the CLI."""

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from loopcoach.config import Settings
from loopcoach.content import registry
from loopcoach.content.loader import load_bank, parse_item, validate_tree
from loopcoach.content.registry import BankSpec
from loopcoach.errors import ContentError, NotFoundError


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    level: int = 1
    body: str = ""


def test_yaml_item_parses() -> None:
    item = parse_item("id: a-b\ntitle: Hello\n", "a-b.yaml", Sample, "x/a-b.yaml")
    assert item.title == "Hello"


def test_markdown_front_matter_goes_with_body() -> None:
    item = parse_item("---\nid: note\ntitle: T\n---\n# Body\ntext\n", "note.md", Sample, "note.md")
    assert item.body == "# Body\ntext\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: a\n", r"x/a.yaml: field 'title': Field required"),
        ("id: a\ntitle: T\nlevel: high\n", r"x/a.yaml: field 'level': Input should be a valid integer"),
        ("id: a\ntitle: T\ncolour: red\n", r"x/a.yaml: field 'colour': Extra inputs are not permitted"),
        ("id: b\ntitle: T\n", r"field 'id' is 'b' but must equal the file name 'a'"),
        ("id: a\ntitle: [unclosed\n", r"x/a.yaml is not valid YAML at line \d+"),
        ("- just\n- a list\n", r"x/a.yaml must hold a YAML mapping"),
    ],
)
def test_broken_files_name_file_and_field(text: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_item(text, "a.yaml", Sample, "x/a.yaml")


@pytest.fixture
def sample_bank(monkeypatch: pytest.MonkeyPatch) -> BankSpec:
    spec = BankSpec("sample", "sample", f"{__name__}:Sample")
    monkeypatch.setitem(registry.BANKS, "sample", spec)
    return spec


def test_overlay_adds_and_replaces(settings: Settings, sample_bank: BankSpec) -> None:
    folder = settings.content_dir / "sample"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("id: mine\ntitle: My own\n")
    bank = load_bank("sample", settings)
    assert [i.id for i in bank.items] == ["mine"]
    assert bank.sources["mine"].endswith("mine")
    with pytest.raises(NotFoundError, match="no sample item with the id 'nope'"):
        bank.get("nope")


@pytest.mark.parametrize("name", sorted(registry.BANKS))
def test_a_bank_from_the_parsed_cache_equals_the_parsed_files(settings: Settings, name: str) -> None:
    parsed = load_bank(name, settings)
    assert len(list(settings.cache_dir.glob(f"bank-{name}-*.json"))) == 1
    cached = load_bank(name, settings)
    assert cached.items == parsed.items and cached.sources == parsed.sources


def test_the_parsed_cache_follows_edits_and_survives_damage(settings: Settings, sample_bank: BankSpec) -> None:
    import os

    folder = settings.content_dir / "sample"
    folder.mkdir(parents=True)
    item = folder / "mine.yaml"
    item.write_text("id: mine\ntitle: First\n")
    assert load_bank("sample", settings).get("mine").title == "First"
    item.write_text("id: mine\ntitle: Second\n")
    os.utime(item, ns=(item.stat().st_atime_ns, item.stat().st_mtime_ns + 1_000_000))  # a coarse clock
    assert load_bank("sample", settings).get("mine").title == "Second"
    caches = list(settings.cache_dir.glob("bank-sample-*.json"))
    assert len(caches) == 1  # the stale one was removed
    caches[0].write_text("{not json")
    assert load_bank("sample", settings).get("mine").title == "Second"
    (folder / "other.yaml").write_text("id: other\ntitle: Third\n")
    assert [i.id for i in load_bank("sample", settings).items] == ["mine", "other"]
    (folder / "broken.yaml").write_text("id: broken\n")
    with pytest.raises(ContentError, match=r"broken\.yaml"):
        load_bank("sample", settings)


def test_validate_user_folder_reports_every_broken_file(tmp_path: Path, settings: Settings,
                                                          sample_bank: BankSpec) -> None:
    folder = tmp_path / "sample"
    folder.mkdir()
    (folder / "good.yaml").write_text("id: good\ntitle: Fine\n")
    (folder / "bad.yaml").write_text("id: bad\n")
    report = validate_tree(folder, settings)
    assert report.counts == {"sample": 1}
    assert len(report.errors) == 1 and "bad.yaml: field 'title'" in report.errors[0]


def test_cli_validate_exit_2_on_corrupt_overlay_file(cli: Any, settings: Settings, sample_bank: BankSpec) -> None:
    folder = settings.content_dir / sample_bank.folder
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("id: broken\n: : :\n")
    result = cli("content", "validate", "--json")
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr and "Traceback" not in result.stderr
    assert '"code": "invalid_content"' in result.stdout


def test_cli_validate_ok(cli: Any) -> None:
    result = cli("content", "validate")
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout
