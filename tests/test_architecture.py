"""The arrows point one way: edges -> services -> domain. Checked by parsing every import with ast."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "loopcoach"

# layer -> layers it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "config": {"errors"},
    "text": {"errors", "config"},
    "content": {"errors", "config", "text"},
    "store": {"errors", "config"},
    "sandbox": {"errors", "config"},
    "llm": {"errors", "config", "areas"},  # model backends implement the domain's ChatModel protocol
    "queue": {"errors", "config"},
    "areas": {"errors", "text", "content"},
    "services": {"errors", "config", "text", "content", "store", "sandbox", "areas", "llm", "queue"},
    "cli": {"errors", "config", "text", "content", "store", "sandbox", "areas", "services", "web", "queue"},  # serve
    "web": {"errors", "config", "text", "content", "store", "sandbox", "areas", "services"},
    "__main__": {"cli"},
    "__init__": set(),
}


def layer_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def imported_layers(path: Path) -> set[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "loopcoach" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_follow_the_arrows(path: Path) -> None:
    layer = layer_of(path)
    assert layer in ALLOWED, f"{path} is in an unknown layer '{layer}': add it to ALLOWED deliberately"
    for target, line in imported_layers(path):
        if target in ("__init__",) or target == layer:
            continue
        assert target in ALLOWED[layer], f"{path.relative_to(SRC)}:{line} imports loopcoach.{target} ({layer} -> {target})"


def test_areas_use_content_schemas_only() -> None:
    for path in (SRC / "areas").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("loopcoach.content"):
                assert node.module.startswith("loopcoach.content.schemas"), (
                    f"{path.relative_to(SRC)}:{node.lineno} imports {node.module}; areas may use schemas only"
                )


def test_the_checker_catches_a_wrong_arrow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from loopcoach.web.app import create_app\nimport loopcoach.cli.main\n")
    assert {t for t, _ in imported_layers(bad)} == {"web", "cli"}
