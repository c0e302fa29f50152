"""Every problem file present: its tests expand (>= 30, cross-checked) and both of its
solutions are Accepted by the real judge in the real sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from loopcoach.config import load_settings
from loopcoach.services import coding
from loopcoach.services.context import AppContext

IDS = sorted(p.name.rsplit(".", 1)[0]
             for p in resources.files("loopcoach.content.data").joinpath("coding").iterdir()
             if p.name.endswith(".yaml"))


@pytest.fixture(scope="module")
def bank_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    home: Path = tmp_path_factory.mktemp("bank")
    ctx = AppContext(load_settings({"LOOPCOACH_HOME": str(home)}))
    yield ctx
    ctx.close()


@pytest.mark.parametrize("problem_id", IDS)
def test_reference_and_alternative_are_accepted(bank_ctx: AppContext, problem_id: str) -> None:
    problem = coding.get_problem(bank_ctx, problem_id)
    suite = coding.build_suite(bank_ctx, problem)
    assert len(suite.args) >= 30, f"{problem_id} has only {len(suite.args)} tests"
    assert suite.hand >= 10, f"{problem_id} has only {suite.hand} hand tests"
    for label, source in (("reference", problem.reference_solution),
                          ("alternative", problem.alternative_solution)):
        result = coding.judge(bank_ctx, problem_id, source)
        assert result["verdict"] == "accepted", (problem_id, label, result["message"])
        assert result["passed"] == result["total"] == len(suite.args)


@pytest.mark.parametrize("problem_id", IDS)
def test_starter_code_is_not_accepted(bank_ctx: AppContext, problem_id: str) -> None:
    problem = coding.get_problem(bank_ctx, problem_id)
    result = coding.judge(bank_ctx, problem_id, problem.starter_code)
    assert result["verdict"] != "accepted", problem_id
