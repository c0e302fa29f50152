"""Tokens and light lemmas."""

from loopcoach.text.tokens import content_words, lemma, tokenize


def test_tokenize_keeps_technical_tokens_whole() -> None:
    assert tokenize("C++ and F1, k-means on GPT-4.") == ["c++", "and", "f1", "k-means", "on", "gpt-4"]


def test_lemmas_make_variants_equal() -> None:
    assert lemma("models") == lemma("model")
    assert lemma("training") == "train"
    assert lemma("trained") == "train"
    assert lemma("queries") == "query"
    assert lemma("stopped") == "stop"
    assert lemma("bias") == "bias"
    assert lemma("loss") == "loss"
    assert lemma("analyses") == "analysis"


def test_content_words_drop_stop_words() -> None:
    assert content_words("The models were overfitting the data") == ["model", "overfit", "data"]
