"""Parsing design notes: sections, bullets, abbreviations, Mermaid diagrams, flows."""

from __future__ import annotations

from loopcoach.areas.design.notes import parse_notes, section_for

NOTES = """## 1. Clarify
- How many users? Assume 300M DAU, e.g. mostly mobile.
- Latency: 200 ms.

**Data**
We use user reports. Labels come from moderators.

Model: start with logistic regression.

```mermaid
graph LR
  A[Post service] --> B(Fast classifier)
  B -->|score| C{Policy}
  C --> D[(Review queue)]
```
Flow: client -> ranker -> cache.
"""


def test_sections_and_sentences() -> None:
    units = parse_notes(NOTES)
    texts = [u.text for u in units]
    assert texts[:3] == ["How many users?", "Assume 300M DAU, e.g. mostly mobile.", "Latency: 200 ms."]
    assert {u.section for u in units[:3]} == {"clarify"}
    assert [u.section for u in units if u.text.startswith(("We use", "Labels"))] == ["data", "data"]
    assert any(u.text == "start with logistic regression." and u.section == "model" for u in units)


def test_mermaid_labels_become_a_diagram_sentence() -> None:
    diagram = [u for u in parse_notes(NOTES) if u.is_diagram]
    assert len(diagram) == 1
    assert diagram[0].text == "Diagram: Post service, Fast classifier, score, Policy, Review queue."
    assert diagram[0].section == "high_level_design"
    assert diagram[0].flow


def test_arrow_chains_are_flows_and_single_arrows_are_not() -> None:
    units = parse_notes("client -> ranker -> cache\n\nA leads to B -> C only once.")
    assert units[0].flow
    assert not units[1].flow


def test_section_names() -> None:
    assert section_for("Requirements and assumptions") == "clarify"
    assert section_for("Deployment & monitoring") == "deployment_monitoring"
    assert section_for("Training and evaluation") == "training_evaluation"
    assert section_for("Feature engineering") == "features"
    assert section_for("Conclusion") is None


def test_unclosed_fence_and_empty_text() -> None:
    assert parse_notes("") == []
    units = parse_notes("```mermaid\ngraph TD\n A[Logs] --> B[Trainer]\n")
    assert units and units[0].is_diagram
