"""The plain-Python WordPiece tokenizer gives exactly the ids of the `tokenizers` package (test extra)."""

import json
import random
from pathlib import Path

import pytest
from tokenizers import Tokenizer

from loopcoach.errors import InternalError
from loopcoach.text.embeddings import model_path
from loopcoach.text.wordpiece import WordPiece, normalize, pre_tokenize

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"
# Letters, digits, ASCII punctuation and the characters where BERT normalisers differ in practice:
# accents (composed and combining), CJK (split per character, also in extension blocks), emoji, Korean,
# full-width letters, zero-width and soft hyphens, byte-order marks, line/paragraph separators, private use,
# unassigned code points, control characters, a dotted capital I, sharp s.
_ALPHABET = [chr(c) for c in range(32, 127)] + [
    chr(c) for c in (0xE9, 0xFC, 0x0301, 0x4E2D, 0x6587, 0x2B820, 0x2B920, 0x1F600, 0xD55C, 0xFF21, 0x200B,
                     0xAD, 0xFEFF, 0x2028, 0x2029, 0x3000, 0xA0, 0xE000, 0x0378, 0x85, 0x0B, 0x1C, 0x0130,
                     0xDF, 0x1E9E, 0x2019, 0x201C, 0x2014, 0x20AC, 0x0A, 0x09)
]


@pytest.fixture(scope="module")
def both() -> tuple[Tokenizer, WordPiece]:
    path = model_path() / "tokenizer.json"
    reference = Tokenizer.from_file(str(path))
    reference.no_padding()
    reference.enable_truncation(max_length=256)
    return reference, WordPiece.from_file(path, 256)


def test_same_ids_as_tokenizers_on_the_reference_texts(both: tuple[Tokenizer, WordPiece]) -> None:
    reference, ours = both
    texts = json.loads(REFERENCE.read_text(encoding="utf-8"))["texts"]
    assert len(texts) >= 300
    for text in texts:
        assert ours.encode(text) == reference.encode(text).ids, text[:80]


def test_same_ids_as_tokenizers_on_random_unicode(both: tuple[Tokenizer, WordPiece]) -> None:
    reference, ours = both
    rng = random.Random(20261203)
    for _ in range(3000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 320)))
        assert ours.encode(text) == reference.encode(text).ids, repr(text)


def test_truncates_to_the_model_window_with_cls_and_sep(both: tuple[Tokenizer, WordPiece]) -> None:
    _, ours = both
    ids = ours.encode("word " * 1000)
    assert len(ids) == 256 and ids[0] == ours.cls_id and ids[-1] == ours.sep_id
    assert ours.encode("") == [ours.cls_id, ours.sep_id]


def test_normaliser_and_pre_tokeniser_steps() -> None:
    assert normalize("Café\u200b Über\tX") == "cafe uber x"
    assert normalize("中文") == " 中  文 "
    assert pre_tokenize("don't stop, O(n log n)!") == ["don", "'", "t", "stop", ",", "O", "(", "n", "log", "n", ")", "!"]


def test_a_broken_tokenizer_file_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "tokenizer.json"
    bad.write_text('{"model": {"type": "BPE"}}', encoding="utf-8")
    with pytest.raises(InternalError, match="unreadable"):
        WordPiece.from_file(bad, 256)
