"""Term matching: synonyms, abbreviations, variants and false friends."""

import pytest

from loopcoach.errors import ContentError
from loopcoach.text.terms import Term, TermMatcher, load_taxonomy, parse_taxonomy


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return load_taxonomy().matcher()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Experience with LLMs and RAG", {"llm", "rag"}),
        ("built large language model apps", {"llm"}),
        ("deployed on k8s", {"kubernetes"}),
        ("PyTorch Lightning training loops", {"pytorch-lightning", "pytorch", "deep-learning"}),
        ("scikit learn and sklearn", {"scikit-learn"}),
        ("retrieval augmented generation", {"rag"}),
        ("fine tuned and fine-tuning", {"fine-tuning"}),
    ],
)
def test_synonyms_and_variants(matcher: TermMatcher, text: str, expected: set[str]) -> None:
    assert matcher.find_ids(text) == expected


def test_java_is_not_javascript(matcher: TermMatcher) -> None:
    assert matcher.find_ids("Frontend in JavaScript") == {"javascript"}
    assert "java" not in matcher.find_ids("JavaScript and TypeScript")
    assert matcher.find_ids("Backend in Java") == {"java"}


def test_case_sensitive_short_names(matcher: TermMatcher) -> None:
    assert "go-lang" not in matcher.find_ids("we go to production weekly")
    assert "go-lang" in matcher.find_ids("services written in Go and Rust")
    assert "r-lang" not in matcher.find_ids("r and d")


def test_symbols_in_names(matcher: TermMatcher) -> None:
    assert matcher.find_ids("C++ and CUDA kernels") == {"cpp", "cuda"}


def test_longest_match_wins_and_offsets() -> None:
    m = TermMatcher([Term("ml", "machine learning"), Term("mlops", "machine learning operations")])
    found = m.find("We do machine learning operations.")
    assert [(f.term_id, f.surface) for f in found] == [("mlops", "machine learning operations")]
    assert found[0].start == 6


def test_bundled_taxonomy_is_valid() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.get("pytorch") is not None
    assert len({t.id for t in taxonomy.terms}) == len(taxonomy.terms)


def test_broken_taxonomy_names_entry_and_field() -> None:
    with pytest.raises(ContentError, match=r"skills.yaml: entry 2, field 'name'"):
        parse_taxonomy("- {id: a, name: A}\n- {id: b}\n", "skills.yaml")
    with pytest.raises(ContentError, match="unknown ids: zzz"):
        parse_taxonomy("- {id: a, name: A, implies: [zzz]}\n", "skills.yaml")
