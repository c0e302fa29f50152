"""Parent-side view of the harness: the prelude text and its per-problem config.

The prelude (``child.py``) runs inside the sandbox. Here we only build the
small config dict telling it which method to call with which argument types,
so the service can hand both to a Runner.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from loopcoach.content.schemas.coding import CodingProblem

Mode = Literal["solve", "generate", "measure"]


@lru_cache(maxsize=1)
def prelude_source() -> str:
    """The source text of the in-sandbox harness."""
    return resources.files("loopcoach.areas.coding").joinpath("child.py").read_text("utf-8")


def harness_config(problem: CodingProblem, mode: Mode = "solve") -> dict[str, Any]:
    """The config the in-sandbox harness needs to call the submission for ``problem``."""
    cfg: dict[str, Any] = {"mode": mode, "kind": problem.kind, "in_place": problem.in_place,
                           "size_param": problem.complexity.size_param}
    if problem.kind == "design" and problem.design is not None:
        cfg["class_name"] = problem.design.class_name
    elif problem.function is not None:
        cfg["method"] = problem.function.name
        cfg["params"] = [{"name": p.name, "type": p.type} for p in problem.function.params]
        cfg["returns"] = problem.function.returns
    if mode == "measure":
        cfg["generator"] = problem.generator
    return cfg


def parse_custom_input(problem: CodingProblem, text: str) -> dict[str, Any]:
    """Parse the "Run" box: a JSON object of arguments, or one JSON value per line.

    For a function problem the lines are the parameters in order (as on
    LeetCode); for a design problem the two lines are the operations and the
    argument lists. Raises ValueError with a sentence on bad input.
    """
    import json

    text = text.strip()
    if not text:
        raise ValueError("The custom input is empty.")
    if problem.kind == "design":
        names = ["operations", "arguments"]
    else:
        assert problem.function is not None
        names = [p.name for p in problem.function.params]
    if text.startswith("{"):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"The custom input is not valid JSON ({exc.msg}).") from exc
        if not isinstance(obj, dict) or set(obj) != set(names):
            raise ValueError("The custom input must name exactly these arguments: " + ", ".join(names) + ".")
        return obj
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) != len(names):
        raise ValueError(f"The custom input needs {len(names)} line(s), one per argument: "
                         + ", ".join(names) + ".")
    args: dict[str, Any] = {}
    for name, line in zip(names, lines, strict=True):
        value = line.split("=", 1)[1] if "=" in line and not line.lstrip().startswith(("[", '"')) else line
        try:
            args[name] = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"The value of {name} is not valid JSON ({exc.msg}).") from exc
    return args


def example_input(problem: CodingProblem) -> str | None:
    """The first shown example as Run input (one JSON value per line), or None.

    Examples read ``nums = [2, 7], target = 9``; a design example is already the two lines.
    The result always parses with ``parse_custom_input``.
    """
    import json
    import re

    for example in problem.examples:
        text = example.input.strip()
        if problem.kind == "design" or problem.function is None:
            candidate = text
        else:
            names = [p.name for p in problem.function.params]
            starts = []
            pos = 0
            for name in names:
                m = re.compile(rf"(?:^|,\s*){re.escape(name)}\s*=\s*").search(text, pos)
                if m is None:
                    break
                starts.append((m.start(), m.end()))
                pos = m.end()
            if len(starts) != len(names):
                continue
            values = [text[end:(starts[i + 1][0] if i + 1 < len(starts) else len(text))].strip()
                      for i, (_, end) in enumerate(starts)]
            try:
                candidate = "\n".join(json.dumps(json.loads(v)) for v in values)
            except ValueError:
                continue
        try:
            parse_custom_input(problem, candidate)
        except ValueError:
            continue
        return candidate
    return None


def default_run_input(problem: CodingProblem) -> str:
    """Run's default input: the first shown example that parses, else the first hand test's arguments."""
    import json

    shown = example_input(problem)
    if shown is not None:
        return shown
    return "\n".join(json.dumps(v) for v in problem.tests[0].args.values()) if problem.tests else ""
