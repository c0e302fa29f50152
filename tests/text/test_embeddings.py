"""The real embedding model: shipped with loopcoach, equal to sentence-transformers, normalised, cached on disk."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

from loopcoach.config import load_settings
from loopcoach.text.embeddings import (
    DIMENSIONS,
    Embedder,
    cache_file_for,
    get_embedder,
    model_info,
    model_path,
)
from loopcoach.text.inference import sha256_of

REFERENCE = Path(__file__).parent / "data"


def test_model_ships_inside_loopcoach_and_matches_its_description() -> None:
    path = model_path()
    assert path.parts[-3:] == ("text", "models", "all_minilm_l6_v2")
    info = model_info()
    assert info.size_bytes < 30_000_000  # int8 blocks; the float32 file would be 90 MB
    assert sha256_of(info.file) == info.sha256, "model.json is stale: run tools/export_minilm_onnx.py"
    assert info.max_tokens == 256 and "onnxruntime" in info.runtime


def test_vectors_equal_sentence_transformers_on_the_reference_texts(embedder: Any) -> None:
    texts = json.loads((REFERENCE / "minilm_reference.json").read_text(encoding="utf-8"))["texts"]
    reference = np.load(REFERENCE / "minilm_reference.npy").astype(np.float32)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)  # undo the float16 rounding of the length
    assert len(texts) == len(reference) >= 300
    vectors = embedder.encode(texts)
    cosines = (vectors * reference).sum(axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.999, f"cosine {cosines[worst]:.5f} on {texts[worst][:60]!r}"
    assert cosines.mean() >= 0.9998


def test_vectors_are_normalised_and_meaningful(embedder: Any) -> None:
    vectors = embedder.encode([
        "The model memorises the training data and fails on new data.",
        "It overfits: great training accuracy, poor test accuracy.",
        "Our office has a coffee machine on the third floor.",
    ])
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    related = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert related > unrelated + 0.3


def test_a_vector_does_not_depend_on_its_batch(embedder: Any) -> None:
    text = "Dropout randomly zeroes activations during training."
    alone = embedder.encode([text])[0]
    padded = embedder.encode(["A much longer sentence about regularisation, " * 8, text, "short"])
    assert float(alone @ padded[1]) > 0.99999
    assert float(alone @ embedder.encode([text] * 70)[69]) > 0.99999  # second batch of 64


def test_text_past_the_token_limit_is_truncated_like_sentence_transformers(embedder: Any) -> None:
    head = "gradient boosting fits trees to residuals " * 60  # far past 256 tokens
    a, b = embedder.encode([head + "and then something else entirely", head])
    assert float(a @ b) > 0.9999


def test_empty_input_gives_empty_matrix(embedder: Any) -> None:
    assert embedder.encode([]).shape == (0, DIMENSIONS)


def test_disk_cache_round_trip(tmp_path: Path, embedder: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path)})
    first = get_embedder(settings)
    texts = ["bias is error from wrong assumptions", "variance is sensitivity to the sample"]
    a = first.encode(texts, cache=True)
    cache_file = cache_file_for(settings)
    assert cache_file.exists() and model_info().sha256[:12] in cache_file.name
    with np.load(cache_file) as data:
        assert sorted(data.files) == ["keys", "vectors"] and data["vectors"].shape == (2, DIMENSIONS)
    fresh = Embedder(first._shared, cache_file)  # a new process would start like this
    b = fresh.encode(texts, cache=True)
    assert np.allclose(a, b)


def test_damaged_cache_is_rebuilt(tmp_path: Path, embedder: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path)})
    settings.cache_dir.mkdir(parents=True)
    cache_file_for(settings).write_bytes(b"not a numpy file")
    vectors = get_embedder(settings).encode(["hello"], cache=True)
    assert vectors.shape == (1, DIMENSIONS)


def test_encoding_needs_neither_torch_nor_sentence_transformers(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from loopcoach.config import load_settings\n"
        "from loopcoach.text.embeddings import get_embedder\n"
        "emb = get_embedder(load_settings({'LOOPCOACH_HOME': sys.argv[1]}))\n"
        "assert 'onnxruntime' not in sys.modules, 'imported before the first encode'\n"
        "emb.encode(['hello world'])\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                          timeout=120)
    assert done.stdout.strip() == "none"


def test_preload_loads_in_the_background_and_encode_waits_for_it(embedder: Any) -> None:
    from loopcoach.text.embeddings import _Model

    model = _Model()  # a fresh holder; the session itself is shared per file, so this is cheap
    fresh = Embedder(model)
    fresh.preload()
    fresh.preload()  # a second call starts no second thread
    assert model.preloading is not None and model.preloading.name == "loopcoach-model-load"
    vector = fresh.encode(["hello world"])[0]
    model.preloading.join(timeout=60)
    assert fresh.loaded
    assert float(vector @ embedder.encode(["hello world"])[0]) > 0.99999


def test_batches_group_similar_lengths_within_the_token_budget() -> None:
    from loopcoach.text.embeddings import BATCH, BATCH_TOKENS, _batches

    assert _batches([20, 250, 18, 15]) == [[1], [0, 2, 3]]  # the long text does not pad the short ones
    assert _batches([]) == []
    wide = _batches([256] * 40)
    assert [len(b) for b in wide] == [BATCH_TOKENS // 256] * 2 + [40 - 2 * (BATCH_TOKENS // 256)]
    assert max(len(b) for b in _batches([5] * 200)) == BATCH
    assert sorted(i for b in _batches([3, 9, 27, 81, 5, 7]) for i in b) == list(range(6))
