"""The `loopcoach theory` commands against the contracts (real store, real model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.model

ANSWER = (
    "Bias is error from assumptions that are too simple, so the model underfits even the training data. "
    "Variance is error from sensitivity to the training sample, so the model overfits. "
    "More complexity lowers bias and raises variance, so the best test error is in between. "
    "For example a linear model on a curved trend underfits."
)


def _write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return str(path)


def test_list_json_contract(cli: Any) -> None:
    res = cli("theory", "list", "--json")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert set(doc) == {"questions"}
    ids = {q["id"] for q in doc["questions"]}
    assert {"bias-variance-tradeoff", "attention-mechanism", "cnn-vs-rnn", "vanishing-gradients"} <= ids
    assert all(set(q) == {"id", "title", "topic", "difficulty"} for q in doc["questions"])


def test_grade_json_contract_and_attempt_stored(cli: Any, tmp_path: Path, ctx: Any) -> None:
    res = cli("theory", "grade", "bias-variance-tradeoff", _write(tmp_path, "a.txt", ANSWER), "--json")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["question_id"] == "bias-variance-tradeoff"
    assert isinstance(doc["score"], int) and 0 <= doc["score"] <= 100
    assert doc["key_points"] and all(isinstance(p["text"], str) and isinstance(p["covered"], bool)
                                     for p in doc["key_points"])
    assert doc["feedback"] and all(isinstance(f, str) for f in doc["feedback"])
    covered = {p["id"] for p in doc["key_points"] if p["covered"]}
    assert {"bias-definition", "variance-definition"} <= covered
    attempts = ctx.store.list_attempts(area="theory")
    assert len(attempts) == 1 and attempts[0].item_id == "bias-variance-tradeoff"
    assert attempts[0].score == doc["score"]


def test_grade_from_stdin(cli: Any) -> None:
    res = cli("theory", "grade", "bias-variance-tradeoff", "-", "--json", input=ANSWER)
    assert res.exit_code == 0
    assert json.loads(res.stdout)["score"] > 0


def test_grade_against_own_reference(cli: Any, tmp_path: Path) -> None:
    reference = _write(tmp_path, "ref.txt", (
        "Dropout randomly zeroes a fraction of the activations during training. "
        "This stops units from co-adapting, so the network learns redundant features. "
        "At inference time dropout is turned off and activations are scaled to match training."))
    good = _write(tmp_path, "good.txt", (
        "During training dropout sets random activations to zero. Units cannot rely on each other, so the "
        "network learns redundant features. When predicting, dropout is switched off and the outputs are "
        "rescaled."))
    poor = _write(tmp_path, "poor.txt", "Dropout is a layer in Keras that I add at the end of my model.")
    a = json.loads(cli("theory", "grade", "--reference", reference, good, "--json").stdout)
    b = json.loads(cli("theory", "grade", "--reference", reference, poor, "--json").stdout)
    assert a["question_id"] is None and b["question_id"] is None
    assert len(a["key_points"]) == 3
    assert sum(p["covered"] for p in a["key_points"]) >= 2
    assert a["score"] > b["score"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("no-such-question", "ANSWER"), "not_found"),
        (("bias-variance-tradeoff", "EMPTY"), "empty_input"),
        (("bias-variance-tradeoff", "BINARY"), "binary_input"),
        (("bias-variance-tradeoff", "MISSING"), "not_found"),
        (("bias-variance-tradeoff",), "bad_input"),
    ],
)
def test_bad_input_exits_2_with_one_sentence(cli: Any, tmp_path: Path, args: tuple[str, ...], code: str) -> None:
    files = {"ANSWER": _write(tmp_path, "a.txt", ANSWER), "EMPTY": _write(tmp_path, "e.txt", "  \n\n"),
             "BINARY": _write(tmp_path, "b.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"),
             "MISSING": str(tmp_path / "missing.txt")}
    res = cli("theory", "grade", *[files.get(a, a) for a in args], "--json")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert doc["error"]["code"] == code
    assert res.stderr.startswith("Error: ") and res.stderr.count("\n") == 1
    assert "Traceback" not in res.stderr


def test_empty_reference_exits_2(cli: Any, tmp_path: Path) -> None:
    res = cli("theory", "grade", "--reference", _write(tmp_path, "r.txt", "ok."),
              _write(tmp_path, "a.txt", ANSWER), "--json")
    assert res.exit_code == 2
    assert json.loads(res.stdout)["error"]["code"] == "empty_input"


def test_show_hides_the_answer_unless_asked(cli: Any) -> None:
    plain = json.loads(cli("theory", "show", "cnn-vs-rnn", "--json").stdout)
    full = json.loads(cli("theory", "show", "cnn-vs-rnn", "--answer", "--json").stdout)
    assert "model_answer" not in plain
    assert full["model_answer"]["intuition"] and full["follow_ups"]


def test_drill_from_stdin_grades_schedules_and_asks_a_follow_up(cli: Any, ctx: Any) -> None:
    good = ANSWER + (" The test error splits into bias squared, variance and noise. I compare training and "
                     "validation error: fix variance with more data or regularization, bias with a richer model.")
    res = cli("theory", "drill", "--count", "1", "--no-editor", "--question", "bias-variance-tradeoff",
              input=good + "\n.\nI would plot learning curves.\n.\n")
    assert res.exit_code == 0, res.stderr
    assert "Score" in res.stdout and "Model answer" in res.stdout and "Follow-up" in res.stdout
    card = ctx.store.get_card("theory", "bias-variance-tradeoff")
    assert card is not None
    modes = [a.meta.get("mode") for a in ctx.store.list_attempts(area="theory")]
    assert sorted(modes) == ["follow_up", "question"]
    stats = json.loads(cli("theory", "stats", "--json").stdout)
    assert stats["reviews"] == 1 and stats["cards"] == 1


def test_review_override_and_unknown_rating(cli: Any) -> None:
    ok = cli("theory", "review", "cnn-vs-rnn", "--rating", "easy", "--json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["rating"] == 4
    bad = cli("theory", "review", "cnn-vs-rnn", "--rating", "great", "--json")
    assert bad.exit_code == 2


def test_deep_finds_concepts_of_a_project(cli: Any, tmp_path: Path) -> None:
    project = _write(tmp_path, "README.md", (
        "# Support bot\nA retrieval-augmented generation assistant: documents are chunked and embedded, "
        "a reranker picks passages, and a fine-tuned transformer answers. The classifier for routing "
        "had heavy class imbalance, so we tuned precision and recall and used cross-validation."))
    doc = json.loads(cli("theory", "deep", project, "--json").stdout)
    ids = [q["id"] for q in doc["questions"]]
    assert "retrieval-augmented-generation" in ids
    assert "class-imbalance" in ids
    assert doc["concepts"]
    none = json.loads(cli("theory", "deep", _write(tmp_path, "x.txt", "I like gardening."), "--json").stdout)
    assert none["questions"] == []
