"""The SemEval-trained pair model behind the ClaimJudge seam, on the real encoder and the bundled model file."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import numpy as np
import pytest

from loopcoach.areas.theory.pairmodel import (
    PAIR_FEATURES,
    Claim,
    PairJudge,
    load_pair_model,
    pair_features,
    parse_pair_model,
)

pytestmark = pytest.mark.model

CLAIM = Claim(
    id="variance",
    text="A model with high variance fits the noise of its training data and does badly on new data.",
    phrasings=("An overfit model memorises the training set and generalises poorly.",),
    keywords=("noise", "new data"),
)


@pytest.fixture(scope="module")
def judge(embedder: Any) -> PairJudge:
    return PairJudge(embedder)


def _doc() -> dict[str, Any]:
    raw = resources.files("loopcoach.areas.theory").joinpath("data/pair_model.json").read_text("utf-8")
    doc: dict[str, Any] = json.loads(raw)
    return doc


def test_the_bundled_model_is_in_the_seam_format_and_trained_on_semeval() -> None:
    doc = _doc()
    assert set(doc) >= {"format", "analyzer", "models", "thresholds", "bands", "trained_on", "metrics"}
    assert doc["format"] == 1 and doc["analyzer"] == "theory.pair"
    model = load_pair_model()
    assert model.features == PAIR_FEATURES
    assert 0.0 < model.threshold < 1.0
    assert model.trained_on["n"] == {"beetle": 3941, "sciEntsBank": 4969}
    assert model.trained_on["script"] == "tools/train_theory.py"


def test_a_broken_model_document_is_refused() -> None:
    doc = _doc()
    with pytest.raises(ValueError):
        parse_pair_model({**doc, "format": 2})
    bad = json.loads(json.dumps(doc))
    bad["models"]["pair"]["features"] = [*bad["models"]["pair"]["features"][:-1], "length_alone"]
    with pytest.raises(ValueError):
        parse_pair_model(bad)
    bad = json.loads(json.dumps(doc))
    bad["models"]["pair"]["coef"] = bad["models"]["pair"]["coef"][:-1]
    with pytest.raises(ValueError):
        parse_pair_model(bad)


def test_the_unit_that_states_the_claim_is_the_evidence(judge: PairJudge) -> None:
    units = [
        "Bias is error from wrong assumptions, like fitting a line to a curve.",
        "High variance means the model fits the noise in the training data, so it does badly on new data.",
        "Cross-validation helps to pick the model complexity.",
    ]
    (verdict,) = judge.judge(units, [CLAIM])
    assert verdict.claim_id == "variance"
    assert verdict.stance == "asserts"
    assert verdict.evidence == 1
    assert verdict.probability >= judge.model.threshold
    assert set(verdict.features) == set(PAIR_FEATURES)


def test_an_unrelated_answer_states_nothing(judge: PairJudge) -> None:
    units = ["Attention lets every token look at every other token.", "The softmax turns scores into weights."]
    (verdict,) = judge.judge(units, [CLAIM])
    assert verdict.stance == "absent"
    assert verdict.evidence is None
    assert verdict.probability < judge.model.threshold


def test_negating_the_claim_lowers_its_probability(judge: PairJudge) -> None:
    said = "A high variance model fits the noise of its training data and does badly on new data."
    denied = "A high variance model does not fit the noise of its training data and does not do badly on new data."
    (yes,) = judge.judge([said], [CLAIM])
    (no,) = judge.judge([denied], [CLAIM])
    assert no.features["negated"] == 1.0 and yes.features["negated"] == 0.0
    assert no.probability < yes.probability
    assert no.stance != "asserts" or yes.probability - no.probability > 0.05


def test_every_claim_gets_one_verdict_and_no_units_means_absent(judge: PairJudge) -> None:
    other = Claim(id="bias", text="High bias means the model is too simple and underfits.")
    verdicts = judge.judge(["The model is too simple, so it underfits: high bias."], [CLAIM, other])
    assert [v.claim_id for v in verdicts] == ["variance", "bias"]
    assert verdicts[1].stance == "asserts"
    assert [v.stance for v in judge.judge([], [CLAIM, other])] == ["absent", "absent"]


def test_features_are_the_ones_training_computes() -> None:
    sims = np.asarray([0.2, 0.9], dtype=np.float32)
    feats = pair_features("It memorises 200 rows of noise.", ["Unrelated text.", "A deep tree memorises 200 rows."],
                          sims, keywords=("memorise", "tree"))
    assert feats["cos_max"] == pytest.approx(0.9) and feats["cos_mean"] == pytest.approx(0.55)
    assert feats["numbers_missing"] == 0.0
    assert feats["keywords"] == pytest.approx(0.5)  # "memorise" present, "tree" missing
    assert 0.0 < feats["recall"] < 1.0 and feats["recall"] == feats["recall_max"]
