"""Measures versus years, dates, versions and names."""

import pytest

from loopcoach.text.numbers import find_measures, has_measure

MEASURED = [
    ("Improved model accuracy from 85% to 92% by adding features", ["85%", "92%"]),
    ("Made inference 3x faster", ["3x"]),
    ("Served 2M users a day", ["2M"]),
    ("Saved $40k per year in GPU costs", ["$40k"]),
    ("Cut p99 latency to 120 ms", ["120 ms"]),
    ("Reduced cost by 30 percent", ["30 percent"]),
    ("Reached an F1 of 0.87", ["0.87"]),
    ("Led a team of 5 engineers", ["5"]),
    ("Processed 10,000 images per day", ["10,000"]),
    ("Doubled throughput of the pipeline", ["Doubled"]),
    ("Cut annotation time in half", ["in half"]),
    ("Finished top 5 of 300 teams", ["top 5", "300"]),
    ("Trained on 40 GB of logs", ["40 GB"]),
]
NOT_MEASURED = [
    "Worked at Acme 2019-2021",
    "Built services in Python 3.11 with CUDA 12",
    "Fine-tuned GPT-4 and ResNet-50 models",
    "1. Built a data pipeline",
    "Joined in Jan 2020 and left in March 2022",
    "Released v2.1 of the library",
    "Responsible for the model training pipeline",
    "Deployed on AWS EC2 and S3",
    "Since 2021 I have owned the ranking service",
]


@pytest.mark.parametrize(("text", "expected"), MEASURED)
def test_measures_found(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_measures(text)] == expected


@pytest.mark.parametrize("text", NOT_MEASURED)
def test_not_measures(text: str) -> None:
    assert find_measures(text) == [], [m.text for m in find_measures(text)]
    assert not has_measure(text)


def test_kinds() -> None:
    kinds = {m.text: m.kind for m in find_measures("85% faster, 3x, $2M, 120 ms, 0.91 AUC, 2M users")}
    assert kinds == {"85%": "percent", "3x": "multiplier", "$2M": "money", "120 ms": "duration", "0.91": "ratio",
                     "2M": "count"}
