"""Read the SemEval-2013 Task 7 corpora (Beetle, SciEntsBank; 2-way labels) from disk.

The texts never enter the repository: point ``--data`` (or ``make train-theory
DATA=...``) at a folder laid out like the task's distribution::

    DATA/training/2way/{beetle,sciEntsBank}/*.xml
    DATA/test/2way/beetle/test-unseen-{answers,questions}/*.xml
    DATA/test/2way/sciEntsBank/test-unseen-{answers,questions,domains}/*.xml

See docs/data/semeval2013.md for where the files come from, their licence and
sizes. Used by tools/train_theory.py and benchmarks/theory_semeval.py.
"""

from __future__ import annotations

import hashlib
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from loopcoach.areas.theory.pairmodel import Claim

CORPORA = ("beetle", "sciEntsBank")
TEST_SPLITS: dict[str, tuple[str, ...]] = {
    "beetle": ("unseen-answers", "unseen-questions"),
    "sciEntsBank": ("unseen-answers", "unseen-questions", "unseen-domains"),
}
SHORT = {"unseen-answers": "UA", "unseen-questions": "UQ", "unseen-domains": "UD"}


@dataclass(frozen=True)
class Item:
    """One graded student answer with its question and reference answers."""

    corpus: str
    split: str  # "train" or a test split name
    question_id: str
    question: str
    references: tuple[str, ...]  # best first (Beetle: BEST, GOOD, MINIMAL; KEYWORD answers dropped)
    answer_id: str
    answer: str
    correct: bool
    matched: int | None = None  # index in ``references`` of the answer the annotators matched (Beetle only)


_RANK = {"BEST": 0, "GOOD": 1, "MINIMAL": 2, None: 0}


def _text(node: ET.Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _read_file(path: Path, corpus: str, split: str) -> list[Item]:
    root = ET.parse(path).getroot()
    qid = f"{corpus}:{root.get('id')}"
    question = _text(root.find("questionText"))
    refs = sorted(
        (_RANK[r.get("category")], i, _text(r), r.get("id"))
        for i, r in enumerate(root.iter("referenceAnswer"))
        if r.get("category") != "KEYWORD" and _text(r)
    )
    references = tuple(t for _, _, t, _ in refs)
    position = {rid: k for k, (_, _, _, rid) in enumerate(refs)}
    items = []
    for sa in root.iter("studentAnswer"):
        answer = _text(sa)
        label = sa.get("accuracy")
        if label not in ("correct", "incorrect"):
            raise ValueError(f"{path}: answer {sa.get('id')} has 2-way label {label!r}")
        items.append(Item(corpus, split, qid, question, references, str(sa.get("id")), answer, label == "correct",
                          position.get(sa.get("answerMatch") or "")))
    return items


def split_dir(data: Path, corpus: str, split: str) -> Path:
    """The folder of one split."""
    if split == "train":
        return data / "training" / "2way" / corpus
    return data / "test" / "2way" / corpus / f"test-{split}"


def load(data: Path, corpus: str, split: str) -> list[Item]:
    """Every item of one corpus and split, in file order; a missing folder is a clear error."""
    folder = split_dir(data, corpus, split)
    files = sorted(folder.glob("*.xml"))
    if not files:
        raise SystemExit(f"no SemEval-2013 files in {folder}: see docs/data/semeval2013.md")
    return [item for f in files for item in _read_file(f, corpus, split)]


def fingerprint(data: Path) -> str:
    """A sha256 over every XML file (path and bytes), to record which copy a model was trained on."""
    h = hashlib.sha256()
    for f in sorted(data.rglob("*.xml")):
        h.update(str(f.relative_to(data)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


class CachedEncoder:
    """The real embedder with every text cached on disk (SemEval answers are encoded once, not per run)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def encode(self, texts: list[str], cache: bool = False) -> Any:
        """Vectors for ``texts`` from the disk cache, encoding only the new ones."""
        return self.inner.encode(texts, cache=True)


def real_encoder(home: Path | None = None) -> CachedEncoder:
    """The bundled all-MiniLM-L6-v2 embedder with a cache outside the repository."""
    import tempfile

    from loopcoach.config import load_settings
    from loopcoach.text.embeddings import get_embedder

    folder = home or Path(tempfile.gettempdir()) / "loopcoach-semeval-onnx"
    return CachedEncoder(get_embedder(load_settings({"LOOPCOACH_HOME": str(folder)})))


def warm(encoder: CachedEncoder, items: list[Item]) -> None:
    """Encode every text of ``items`` in one batch (one cache write instead of thousands).

    Also the answers' sentences and two-sentence windows, which the grader's own features encode.
    """
    from loopcoach.text.sentences import split_sentences

    texts: set[str] = set()
    for it in items:
        texts.update((it.answer, it.question, *it.references))
        sents = [s.text.strip() for s in split_sentences(it.answer) if s.text.strip()]
        texts.update(sents)
        texts.update(f"{sents[i]} {sents[i + 1]}" for i in range(len(sents) - 1))
    encoder.encode(sorted(t for t in texts if t))


def claim_of(item: Item) -> Claim:
    """The item's reference answers as one claim (best reference first, the others as phrasings).

    Its keywords are the best reference's content words that the question does not already use,
    the same role as a rubric point's cue words (a student repeating the question states nothing).
    """
    from loopcoach.areas.theory.lexicon import content_lemmas

    asked = set(content_lemmas(item.question))
    keywords = tuple(dict.fromkeys(w for w in content_lemmas(item.references[0]) if w not in asked))
    return Claim(id=item.question_id, text=item.references[0], phrasings=item.references[1:], keywords=keywords)
