"""The bundled skills taxonomy: size, no ambiguous surface, false friends refused, fast finder equivalent."""

from __future__ import annotations

from collections import defaultdict

import pytest

from loopcoach.areas.resume.skillfind import find_skills
from loopcoach.text.terms import load_taxonomy


def test_at_least_400_skills_with_synonyms() -> None:
    taxonomy = load_taxonomy()
    assert len(taxonomy.terms) >= 400
    assert sum(1 for t in taxonomy.terms if t.aliases) >= 200


def test_no_surface_names_two_skills() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for term in load_taxonomy().terms:
        for surface in term.surfaces:
            owners[surface.lower().replace("-", " ")].add(term.id)
    assert {s: ids for s, ids in owners.items() if len(ids) > 1} == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("Java and JavaScript", ["java", "javascript"]),
    ("TF-IDF features, then TensorFlow", ["tf-idf", "tensorflow"]),
    ("Please send your CV and cover letter.", []),
    ("The rest of the team builds REST APIs.", ["rest-api"]),
    ("C++ and C# services", ["cpp", "csharp"]),
    ("Fine-tune LLMs with QLoRA", ["fine-tuning", "llm", "qlora"]),
    ("Adam Smith, data scientist", []),
])
def test_false_friends_and_variants(text: str, expected: list[str]) -> None:
    assert [m.term_id for m in find_skills(load_taxonomy(), text)] == expected


def test_fast_finder_matches_the_text_engine(resume_md: dict[str, str], job_text: dict[str, str]) -> None:
    taxonomy = load_taxonomy()
    for text in [*resume_md.values(), *job_text.values()]:
        assert find_skills(taxonomy, text) == taxonomy.matcher().find(text)
