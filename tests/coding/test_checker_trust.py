"""Custom checkers run in the judge's own process, so only the bundled ones run."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml
from pad_helpers import TWO_SUM as GOOD

from loopcoach.errors import ContentError
from loopcoach.services import coding


def _overlay(ctx: Any, pid: str, checker: str | None) -> None:
    doc = yaml.safe_load(resources.files("loopcoach.content").joinpath("data", "coding", "two-sum.yaml")
                         .read_text("utf-8"))
    doc["id"] = pid
    if checker is not None:
        doc["checker"] = checker
    folder = ctx.settings.content_dir / "coding"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{pid}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), "utf-8")


def test_an_overlay_checker_of_its_own_is_refused(ctx: Any) -> None:
    _overlay(ctx, "my-two-sum", "def check(args, expected, got):\n    import os\n    return True\n")
    with pytest.raises(ContentError, match="brings its own checker"):
        coding.judge(ctx, "my-two-sum", GOOD)


def test_an_overlay_with_the_bundled_checker_runs(ctx: Any) -> None:
    _overlay(ctx, "copy-two-sum", None)
    assert coding.judge(ctx, "copy-two-sum", GOOD)["verdict"] == "accepted"
