"""A real Chromium runs a design session: ask, get the fact, draw a Mermaid diagram, finish, read the report."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.model]

NOTES = """## Clarify
- Assume ~500M posts/day, score before publishing within 200 ms; success = prevalence of hateful views.

## High-level design
```mermaid
graph LR
  A[Post service] --> B[Fast classifier]
  B --> C{Policy thresholds}
  C -->|uncertain| D[Human review queue]
  D --> E[(Label store)]
  E --> F[Training pipeline]
```

## Data
Moderator decisions are biased toward reported posts, so we also sample unreported posts and use active learning.
Labels follow annotation guidelines with two annotators per post; split by time.

## Features
Multilingual subword text encoding robust to obfuscation, author's prior violations, thread context.

## Model
Start with a TF-IDF logistic regression baseline, then fine-tune a multilingual transformer and distil it for
latency; the tradeoff is accuracy versus serving cost.

## Training and evaluation
Offline: PR-AUC and precision at the removal threshold per language. Online: A/B test on prevalence and appeals.

## Deployment and monitoring
Serve the distilled model; monitor score drift and queue size with alerts; retrain weekly on new labels.
"""


def test_design_session_in_a_real_browser(page: Any, shot: Any) -> None:
    page.goto("/design")
    assert page.locator("h1").inner_text() == "ML system design interview"
    shot(page, "design-index")
    page.click("button[aria-label='Start a 45-minute session: Hate speech detection on a social platform']")
    page.wait_for_url("**/design/sessions/*")
    assert "social media platform" in page.locator(".prompt-text").inner_text()
    assert page.locator("#timer").inner_text().startswith(("45:", "44:"))

    page.fill("#question", "How many posts are created every day?")
    page.click("#ask-form button[type=submit]")
    answer = page.locator("#chat-log .chat-a.fact").first
    answer.wait_for(timeout=120000)  # the first question loads the embedding model
    assert "500 million" in answer.inner_text()
    assert page.locator("#question").input_value() == ""
    page.fill("#question", "Should I use BERT?")
    page.click("#ask-form button[type=submit]")
    page.locator("#chat-log .chat-a.up_to_you").wait_for(timeout=60000)

    page.fill("#notes", NOTES)
    svg = page.locator("#diagram-preview svg")
    svg.wait_for(timeout=30000)
    assert "Fast classifier" in page.locator("#diagram-preview").inner_text()
    expect(page.locator("#save-status")).to_contain_text("Saved at")  # the CSP forbids wait_for_function's eval
    shot(page, "design-session")

    page.fill("#notes", NOTES + "\n```mermaid\ngraph LR\n  A -->\n```\n")
    page.locator("#diagram-preview .diagram-error").wait_for(timeout=30000)
    page.fill("#notes", NOTES)
    page.locator("#diagram-preview svg").first.wait_for(timeout=30000)

    page.click("#finish")
    page.wait_for_url("**/report", timeout=120000)
    assert page.locator("#report .score").is_visible()
    assert page.locator("table.steps tbody tr").count() == 7
    assert page.locator("#reference .outline").is_visible()
    page.locator("#notes-rendered svg").first.wait_for(timeout=30000)
    checks = page.locator(".checks li")
    assert checks.count() == 4
    shot(page, "design-report")
