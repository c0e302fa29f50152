"""Thresholds of the design grader and interviewer, fitted on the training split.

The numbers live in ``calibration.json`` next to this module; they are written
by ``benchmarks/design_grader.py --calibrate``, which searches them on the
training answers and questions only (never the held-out ones).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Calibration:
    """Every tunable threshold in one place."""

    sem_threshold: float = 0.62  # cosine between a sentence and a key point phrasing
    lex_threshold: float = 0.8  # share of a phrasing's content words present in a sentence
    step_threshold: float = 0.3  # weighted key-point coverage at which a step counts as covered
    full_credit: float = 0.75  # coverage that earns a step score of 1.0
    question_threshold: float = 0.5  # intent score at which the interviewer answers a question
    step_thresholds: dict[str, float] = field(default_factory=dict)  # per-step override of step_threshold
    score_offset: float = 0.0  # overall = offset + scale * raw score, fitted to the labelled grades
    score_scale: float = 1.0
    keyword_support: float = 0.5  # cosine that lets a one-word keyword count in a sentence with no other point word
    score_knee: float = 0.0  # when > 0: below this raw score the mapping runs linearly down to 0
    min_points: int = 2  # credited key points a step needs to count as covered

    def threshold_for(self, step_id: str) -> float:
        """Coverage at which this step counts as covered."""
        return self.step_thresholds.get(step_id, self.step_threshold)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, for writing the JSON file."""
        return asdict(self)


def load_calibration() -> Calibration:
    """Read the bundled calibration; missing keys keep their defaults."""
    path = resources.files("loopcoach.areas.design").joinpath("calibration.json")
    if not path.is_file():
        return Calibration()
    raw = json.loads(path.read_text(encoding="utf-8"))
    known = {f.name for f in fields(Calibration)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "step_thresholds":
            values[key] = {str(k): float(v) for k, v in value.items()}
        elif key == "min_points":
            values[key] = int(value)
        elif key in known:
            values[key] = float(value)
    return Calibration(**values)
