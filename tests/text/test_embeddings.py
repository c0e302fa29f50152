"""The real embedding model: offline load, normalised vectors, meaning, and the disk cache."""

from pathlib import Path
from typing import Any

import numpy as np

from loopcoach.config import load_settings
from loopcoach.text.embeddings import DIMENSIONS, Embedder, get_embedder, model_path


def test_model_comes_from_site_packages() -> None:
    path = model_path()
    assert "site-packages" in str(path)
    assert (path / "model.safetensors").exists()


def test_vectors_are_normalised_and_meaningful(embedder: Any) -> None:
    vectors = embedder.encode([
        "The model memorises the training data and fails on new data.",
        "It overfits: great training accuracy, poor test accuracy.",
        "Our office has a coffee machine on the third floor.",
    ])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    related = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert related > unrelated + 0.3


def test_empty_input_gives_empty_matrix(embedder: Any) -> None:
    assert embedder.encode([]).shape == (0, DIMENSIONS)


def test_disk_cache_round_trip(tmp_path: Path, embedder: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path)})
    first = get_embedder(settings)
    texts = ["bias is error from wrong assumptions", "variance is sensitivity to the sample"]
    a = first.encode(texts, cache=True)
    cache_file = settings.cache_dir / "embeddings-all-MiniLM-L6-v2.npz"
    assert cache_file.exists()
    with np.load(cache_file) as data:
        assert len(data.files) == 2
    fresh = Embedder(first._shared, cache_file)  # a new process would start like this
    b = fresh.encode(texts, cache=True)
    assert np.allclose(a, b)


def test_damaged_cache_is_rebuilt(tmp_path: Path, embedder: Any) -> None:
    settings = load_settings({"LOOPCOACH_HOME": str(tmp_path)})
    settings.cache_dir.mkdir(parents=True)
    (settings.cache_dir / "embeddings-all-MiniLM-L6-v2.npz").write_bytes(b"not a numpy file")
    vectors = get_embedder(settings).encode(["hello"], cache=True)
    assert vectors.shape == (1, DIMENSIONS)
