"""Pydantic schema of a coding problem file (``content/data/coding/<slug>.yaml``).

The format is fixed by the project's coding-schema brief: one YAML file per
problem, LeetCode's slug as ``id``, LeetCode's method signature, our own
statement, a reference and an independent alternative solution, hand tests
and a seeded generator. Expected outputs are never stored in the file: the
judge computes them with the reference solution and cross-checks them with
the alternative one.
"""

from __future__ import annotations

import ast
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

COMPLEXITY_CLASSES: tuple[str, ...] = (
    "O(1)",
    "O(log n)",
    "O(n)",
    "O(n log n)",
    "O(n^2)",
    "O(n^3)",
    "O(2^n)",
)

Topic = Literal[
    "arrays-hashing",
    "two-pointers",
    "sliding-window",
    "stack",
    "binary-search",
    "linked-list",
    "trees",
    "tries",
    "heaps",
    "backtracking",
    "graphs",
    "dynamic-programming",
    "greedy",
    "intervals",
    "design",
    "math",
    "bit-manipulation",
]
TOPICS: tuple[str, ...] = get_args(Topic)  # the Literal is the one list of topics
Difficulty = Literal["easy", "medium", "hard"]
CompareMode = Literal["exact", "unordered", "unordered_nested", "float", "checker"]
Kind = Literal["function", "design"]


def _check_python(code: str, what: str) -> str:
    """Raise ValueError when ``code`` is not syntactically valid Python."""
    try:
        ast.parse(code)
    except SyntaxError as exc:
        raise ValueError(f"{what} is not valid Python (line {exc.lineno}: {exc.msg})") from exc
    return code


def _defines(code: str, name: str, *, cls: bool) -> bool:
    """Whether ``code`` defines a top-level class (or function) called ``name``."""
    tree = ast.parse(code)
    kind = ast.ClassDef if cls else (ast.FunctionDef, ast.AsyncFunctionDef)
    return any(isinstance(node, kind) and node.name == name for node in tree.body)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Example(_Strict):
    """A worked example shown with the statement."""

    input: str = Field(min_length=1)
    output: str = Field(min_length=1)
    explanation: str | None = None


class Param(_Strict):
    """One parameter of a LeetCode method: its name and LeetCode typing name."""

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    type: str = Field(min_length=1)


class FunctionSpec(_Strict):
    """The ``Solution`` method a function problem calls."""

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    params: list[Param]
    returns: str = Field(min_length=1)


class MethodSpec(_Strict):
    """One method of a design class."""

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    params: list[Param] = Field(default_factory=list)
    returns: str = "None"


class DesignSpec(_Strict):
    """The class a design problem instantiates, and its methods."""

    class_name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    methods: list[MethodSpec] = Field(min_length=1)
    constructor_params: list[Param] = Field(default_factory=list)


class Complexity(_Strict):
    """The optimal complexity of the problem and the generator's size parameter."""

    time: str = Field(min_length=1)
    space: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    size_param: str | None = None
    # the true bound in the problem's own size variables ("O(amount * k)", "O(V + E)") when
    # ``time`` is only the nearest one-variable class the estimator measures
    time_detail: str | None = None

    @property
    def time_class(self) -> str | None:
        """The estimator class of ``time`` (one of COMPLEXITY_CLASSES) or None."""
        return normalise_class(self.time)


def normalise_class(text: str) -> str | None:
    """Map a complexity string such as ``O(n)`` or ``O(n * log n)`` to a class name."""
    compact = text.replace(" ", "").replace("*", "").replace("·", "").lower()
    table = {c.replace(" ", "").lower(): c for c in COMPLEXITY_CLASSES}
    table.update({"o(nlogn)": "O(n log n)", "o(n²)": "O(n^2)", "o(n³)": "O(n^3)", "o(n**2)": "O(n^2)"})
    # "O(2n)" is a coefficient (linear), not an exponent: it is not in this table
    table.update({"o(n2)": "O(n^2)", "o(n3)": "O(n^3)", "o(logn)": "O(log n)"})
    return table.get(compact)


class Test(_Strict):
    """A hand-picked test: the arguments only (expected is computed)."""

    args: dict[str, object]
    note: str | None = None


class GeneratedTests(_Strict):
    """Seed and sizes of the generated tests."""

    seed: int = 1
    sizes: list[int] = Field(min_length=1)

    @field_validator("sizes")
    @classmethod
    def _positive(cls, sizes: list[int]) -> list[int]:
        if any(s < 0 for s in sizes):
            raise ValueError("sizes must be non-negative")
        return sizes


class CodingProblem(_Strict):
    """One coding problem (see the module docstring)."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    difficulty: Difficulty
    topics: list[Topic] = Field(min_length=1)
    statement: str = Field(min_length=1)
    examples: list[Example] = Field(min_length=1)
    constraints: list[str] = Field(default_factory=list)
    kind: Kind = "function"
    function: FunctionSpec | None = None
    design: DesignSpec | None = None
    starter_code: str = Field(min_length=1)
    hints: list[str] = Field(min_length=1)
    complexity: Complexity
    compare: CompareMode = "exact"
    checker: str | None = None
    in_place: str | None = None
    reference_solution: str = Field(min_length=1)
    alternative_solution: str = Field(min_length=1)
    tests: list[Test] = Field(min_length=1)
    generator: str = Field(min_length=1)
    generated_tests: GeneratedTests
    time_limit_ms: int | None = Field(default=None, gt=0)
    companies: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)

    @field_validator("starter_code", "reference_solution", "alternative_solution", "generator")
    @classmethod
    def _python(cls, code: str) -> str:
        return _check_python(code, "code")

    @field_validator("checker")
    @classmethod
    def _checker_python(cls, code: str | None) -> str | None:
        if code is None:
            return None
        _check_python(code, "checker")
        if not _defines(code, "check", cls=False):
            raise ValueError("checker must define a function check(args, expected, got)")
        return code

    @model_validator(mode="after")
    def _consistent(self) -> CodingProblem:
        if self.kind == "function" and self.function is None:
            raise ValueError("kind: function needs a 'function' section")
        if self.kind == "design" and self.design is None:
            raise ValueError("kind: design needs a 'design' section")
        if self.compare == "checker" and not self.checker:
            raise ValueError("compare: checker needs a 'checker' function")
        if not _defines(self.generator, "generate", cls=False):
            raise ValueError("generator must define a function generate(rng, n)")
        cls_name = self.design.class_name if self.design else "Solution"
        for field in ("reference_solution", "alternative_solution", "starter_code"):
            if not _defines(getattr(self, field), cls_name, cls=True):
                raise ValueError(f"{field} must define class {cls_name}")
        if self.function is not None:
            names = {p.name for p in self.function.params}
            if self.in_place is not None and self.in_place not in names:
                raise ValueError(f"in_place names an unknown parameter {self.in_place!r}")
            size = self.complexity.size_param
            if size is not None and size not in names:
                raise ValueError(f"complexity.size_param names an unknown parameter {size!r}")
            for i, test in enumerate(self.tests):
                if set(test.args) != names:
                    raise ValueError(
                        f"tests[{i}].args has keys {sorted(test.args)}, expected {sorted(names)}"
                    )
        else:
            for i, test in enumerate(self.tests):
                if set(test.args) != {"operations", "arguments"}:
                    raise ValueError(f"tests[{i}].args of a design problem needs operations and arguments")
        return self
