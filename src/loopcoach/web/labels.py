"""Names for the slugs the content uses ("arrays-hashing" -> "Arrays and hashing"), for templates.

Content files keep short kebab-case ids; a page shows the name a person would
say. Slugs without an entry get their dashes turned into spaces and a capital.
"""

from __future__ import annotations

TOPIC_NAMES: dict[str, str] = {
    # coding
    "arrays-hashing": "Arrays and hashing",
    "two-pointers": "Two pointers",
    "sliding-window": "Sliding window",
    "binary-search": "Binary search",
    "linked-list": "Linked lists",
    "dynamic-programming": "Dynamic programming",
    "bit-manipulation": "Bit manipulation",
    # theory
    "classical-models": "Classical models",
    "deep-learning": "Deep learning",
    "cnn-rnn": "CNNs and RNNs",
    "llms": "LLMs",
    "features-data": "Features and data",
    "probability-statistics": "Probability and statistics",
}


def topic_name(slug: object) -> str:
    """The display name of a topic slug."""
    text = str(slug or "")
    if text in TOPIC_NAMES:
        return TOPIC_NAMES[text]
    spaced = text.replace("-", " ").replace("_", " ").strip()
    return spaced[:1].upper() + spaced[1:]
