"""Sentence embeddings with all-MiniLM-L6-v2 on ONNX Runtime, loaded lazily and offline.

The model ships inside loopcoach (``text/models/all_minilm_l6_v2``): an ONNX
file converted once from the sentence-transformers weights by
``tools/export_minilm_onnx.py`` (int8 weights in blocks of 32, float32
arithmetic, 24 MB) and the model's own ``tokenizer.json``. Encoding follows
the sentence-transformers pipeline of this model exactly: WordPiece with
[CLS]/[SEP], truncation at 256 tokens, mean pooling over the attended
tokens, L2 normalisation (the tokenizer is ``text.wordpiece``, checked against
the ``tokenizers`` package in the tests). onnxruntime is imported on the
first ``encode`` (or ``load``), never at import time, and the session is
built once per process (``text.inference``).

Encodings of bundled content can be cached on disk (``cache=True``), keyed
by a hash of the text, in a file named after the model file's sha256, so a
warm process does not re-encode rubrics and phrasings and a new model never
reads vectors of the old one.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from loopcoach.errors import InternalError, LoopcoachError
from loopcoach.text import inference
from loopcoach.text.wordpiece import WordPiece

if TYPE_CHECKING:
    from loopcoach.config import Settings

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
BATCH = 64
BATCH_TOKENS = 4096  # padded tokens per run: bounds the attention buffers (16 texts of 256 tokens)
_LABEL = f"{MODEL_NAME} sentence model"


def model_path() -> Path:
    """Folder of the bundled model files; InternalError when they are missing."""
    path = Path(str(resources.files("loopcoach.text") / "models" / "all_minilm_l6_v2"))
    for name in ("model.onnx", "tokenizer.json", "model.json"):
        if not (path / name).is_file():
            raise InternalError(f"The embedding model file {path / name} is missing; reinstall loopcoach.")
    return path


@dataclass(frozen=True)
class ModelInfo:
    """Where the model comes from and how it runs (for ``loopcoach doctor``)."""

    name: str
    file: Path
    size_bytes: int
    sha256: str
    source: str
    weights: str
    max_tokens: int
    runtime: str


@cache
def model_info() -> ModelInfo:
    """The bundled model's provenance, read once from ``model.json`` (nothing heavy is imported)."""
    path = model_path()
    try:
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
        return ModelInfo(name=str(meta["name"]), file=path / "model.onnx",
                         size_bytes=(path / "model.onnx").stat().st_size, sha256=str(meta["sha256"]),
                         source=str(meta["source"]), weights=str(meta["weights"]),
                         max_tokens=int(meta["max_tokens"]), runtime=_runtime_version())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InternalError(f"The embedding model description {path / 'model.json'} is unreadable ({exc}).") from None


def _runtime_version() -> str:
    from importlib import metadata

    try:
        return f"onnxruntime {metadata.version('onnxruntime')}"
    except metadata.PackageNotFoundError:
        return "onnxruntime (not installed)"


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity matrix of two sets of L2-normalised vectors."""
    return np.asarray(a @ b.T)


class _Model:
    """The ONNX session and the tokenizer, shared by every Embedder of the process."""

    def __init__(self) -> None:
        self.session: inference.Session | None = None
        self.tokenizer: WordPiece | None = None
        self.lock = threading.Lock()
        self.preloading: threading.Thread | None = None

    def preload(self) -> None:
        """Start loading on a daemon thread; a failure is left for the next ``get`` to raise."""
        if self.session is not None or self.preloading is not None:
            return

        exiting = threading.Event()

        def say(message: str) -> None:
            if not exiting.is_set():  # a command that already failed has no use for "ready"
                inference.say_on_stderr(message)

        def load() -> None:
            with contextlib.suppress(LoopcoachError):  # the next get() on the caller's thread raises it
                self.get(say)

        def finish() -> None:
            # Exiting while onnxruntime builds the session on the thread could crash in its teardown.
            exiting.set()
            thread.join()

        thread = self.preloading = threading.Thread(target=load, name="loopcoach-model-load", daemon=True)
        thread.start()
        atexit.register(finish)

    def get(self, say: Callable[[str], None] | None = None) -> tuple[inference.Session, WordPiece]:
        with self.lock:
            if self.session is None or self.tokenizer is None:
                info = model_info()
                self.tokenizer = _tokenizer(info.file.parent / "tokenizer.json", info.max_tokens)
                self.session = inference.load_session(info.file, _LABEL, say)
            return self.session, self.tokenizer


def _tokenizer(path: Path, max_tokens: int) -> WordPiece:
    # tokenizer.json pads and truncates to 128; sentence-transformers truncates at max_seq_length (256)
    # and pads per batch, which _encode does itself.
    return WordPiece.from_file(path, max_tokens)


def _batches(lengths: list[int]) -> list[list[int]]:
    """Indices grouped longest first into batches of similar token counts.

    A batch is padded to its longest text and attention costs the square of that width, so a batch
    closes when the next text is under half its width, or at BATCH texts or BATCH_TOKENS padded tokens
    (one 250-token model answer padded 30 short phrasings to 250 tokens each: 9x the work).
    Vectors do not depend on the batching (padding is masked out).
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    for i in order:
        current = batches[-1] if batches else None
        if (current is None or len(current) >= BATCH or lengths[i] * 2 < lengths[current[0]]
                or (len(current) + 1) * lengths[current[0]] > BATCH_TOKENS):
            batches.append([i])
        else:
            current.append(i)
    return batches


def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over attended tokens, then unit length, as sentence-transformers' Pooling and Normalize."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.asarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)


class Embedder:
    """Encodes texts into L2-normalised 384-dimension vectors."""

    def __init__(self, model: _Model, cache_file: Path | None = None) -> None:
        self._shared = model
        self.cache_file = cache_file
        self._cache: dict[str, np.ndarray] | None = None
        self._dirty = 0

    @property
    def loaded(self) -> bool:
        """Whether the model is already in memory."""
        return self._shared.session is not None

    def load(self, say: Callable[[str], None] | None = None) -> None:
        """Load the model now (it loads by itself on the first encode); ``say`` gets the slow-load notice."""
        self._shared.get(say)

    def preload(self) -> None:
        """Start loading the model in the background, so a command's imports and file reading overlap it.

        onnxruntime builds the session without holding the GIL; on two cores that takes the load
        (about a quarter of a second) off the critical path. The next encode waits for it.
        """
        self._shared.preload()

    def encode(self, texts: list[str], cache: bool = False) -> np.ndarray:
        """Vectors for ``texts`` (shape (n, 384), float32, unit length)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        if not cache or self.cache_file is None:
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
        session, tokenizer = self._shared.get()
        encodings = [tokenizer.encode(t) for t in texts]
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for rows in _batches([len(e) for e in encodings]):
            width = len(encodings[rows[0]])
            ids = np.zeros((len(rows), width), dtype=np.int64)  # 0 is [PAD]
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for row, i in enumerate(rows):
                ids[row, :len(encodings[i])] = encodings[i]
                mask[row, :len(encodings[i])] = 1
            (hidden,) = session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})
            out[rows] = _pool(hidden, mask)
        return out

    def _load_cache(self) -> dict[str, np.ndarray]:
        if self._cache is None:
            self._cache = {}
            if self.cache_file is not None and self.cache_file.exists():
                try:
                    # Two arrays, not one per text: a zip member per vector made a 5,000-text cache take
                    # most of a second to read.
                    with np.load(self.cache_file, allow_pickle=False) as data:
                        keys, vectors = data["keys"], data["vectors"]
                    if vectors.shape == (len(keys), DIMENSIONS):
                        self._cache = dict(zip(keys.tolist(), vectors, strict=True))
                except (OSError, ValueError, KeyError):
                    self._cache = {}  # a damaged cache is only a cache: rebuild it
        return self._cache

    def flush(self) -> None:
        """Write new cached vectors to disk atomically."""
        if not self._dirty or self.cache_file is None or self._cache is None:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(tmp, keys=np.asarray(list(self._cache), dtype="U32"),
                     vectors=np.stack(list(self._cache.values())).astype(np.float32))
            os.replace(tmp, self.cache_file)
        except OSError:
            return  # a read-only data folder only costs re-encoding next time
        self._dirty = 0


_MODEL = _Model()  # empty until the first encode: importing this module loads nothing
_EMBEDDERS: dict[Path, Embedder] = {}


def cache_file_for(settings: Settings) -> Path:
    """The on-disk vector cache of this data folder, named after the model file it holds vectors of."""
    return settings.cache_dir / f"embeddings-{MODEL_NAME}-{model_info().sha256[:12]}.npz"


def get_embedder(settings: Settings) -> Embedder:
    """The embedder for this data folder; the model itself loads once per process."""
    cache_file = cache_file_for(settings)
    embedder = _EMBEDDERS.get(cache_file)
    if embedder is None:
        embedder = _EMBEDDERS.setdefault(cache_file, Embedder(_MODEL, cache_file))
    return embedder
