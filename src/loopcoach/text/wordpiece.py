"""The BERT WordPiece tokenizer of all-MiniLM-L6-v2, in plain Python.

It reproduces what ``tokenizer.json`` describes (BertNormalizer with clean
text, Chinese characters split, accents stripped and lower case; the
BertPreTokenizer's split on whitespace and punctuation; greedy longest-match
WordPiece with the ``##`` prefix, [UNK] for a word that cannot be pieced or is
longer than 100 characters; [CLS] ... [SEP]). Doing it here instead of with
the ``tokenizers`` package keeps that package and its hub client (about 35 MB)
out of the install; ``tests/text/test_wordpiece.py`` checks the ids against
``tokenizers`` itself on a few thousand varied texts.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from loopcoach.errors import InternalError


def _is_control(ch: str) -> bool:
    # What the tokenizers crate counts as "other" (Cc, Cf, Cs, Co; unassigned code points stay); tab and
    # newlines are whitespace.
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")


def _is_whitespace(ch: str) -> bool:
    return ch.isspace()


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_chinese(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F or 0x2B920 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def normalize(text: str) -> str:
    """BertNormalizer: drop control characters, space out CJK, strip accents, lower-case."""
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(" ")
        elif _is_chinese(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFD", "".join(out))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def pre_tokenize(text: str) -> list[str]:
    """BertPreTokenizer: words split on whitespace, every punctuation character a word of its own."""
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_whitespace(ch):
            if current:
                words.append("".join(current))
                current = []
        elif _is_punctuation(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class WordPiece:
    """Text -> token ids for the bundled model (with [CLS] and [SEP], truncated to ``max_tokens``)."""

    def __init__(self, vocab: dict[str, int], max_tokens: int, unk: str = "[UNK]", prefix: str = "##",
                 max_word_chars: int = 100) -> None:
        self.vocab = vocab
        self.max_tokens = max_tokens
        self.unk_id = vocab[unk]
        self.cls_id = vocab["[CLS]"]
        self.sep_id = vocab["[SEP]"]
        self.prefix = prefix
        self.max_word_chars = max_word_chars
        self._word_ids = lru_cache(maxsize=65536)(self._pieces)

    @classmethod
    def from_file(cls, path: Path, max_tokens: int) -> WordPiece:
        """Read the WordPiece vocabulary from a Hugging Face ``tokenizer.json``."""
        try:
            model = json.loads(path.read_text(encoding="utf-8"))["model"]
            if model.get("type") != "WordPiece":
                raise ValueError(f"model type {model.get('type')!r}")
            return cls(dict(model["vocab"]), max_tokens, model["unk_token"], model["continuing_subword_prefix"],
                       int(model["max_input_chars_per_word"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InternalError(f"The tokenizer file {path} is unreadable ({exc}); reinstall loopcoach.") from None

    def _pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > self.max_word_chars:
            return (self.unk_id,)
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unk_id,)
            ids.append(found)
            start = end
        return tuple(ids)

    def encode(self, text: str) -> list[int]:
        """Token ids of one text: [CLS], its pieces (truncated), [SEP]."""
        limit = self.max_tokens - 2
        ids: list[int] = []
        for word in pre_tokenize(normalize(text)):
            ids.extend(self._word_ids(word))
            if len(ids) >= limit:
                break
        return [self.cls_id, *ids[:limit], self.sep_id]
