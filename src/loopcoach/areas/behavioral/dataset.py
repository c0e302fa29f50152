"""The STAR labelled stories: parsing the data files and the training split shipped with the package.

A data file is YAML with a ``stories`` list. Each story has an ``id``, a
``quality`` (how it was written on purpose), the gold ``quantified_result``
and a ``text`` block with one sentence per line, each prefixed by its gold
label: ``[S]`` situation, ``[T]`` task, ``[A]`` action, ``[R]`` result,
``[O]`` other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources

from loopcoach.errors import ContentError

LABELS: tuple[str, ...] = ("situation", "task", "action", "result", "other")
COMPONENTS: tuple[str, ...] = ("situation", "task", "action", "result")
_TAGS = {"S": "situation", "T": "task", "A": "action", "R": "result", "O": "other"}
_LINE_RE = re.compile(r"^\[([STARO])\]\s+(\S.*)$")


@dataclass(frozen=True)
class LabelledStory:
    """One story of the labelled set with its gold labels."""

    id: str
    quality: str
    quantified_result: bool
    sentences: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def text(self) -> str:
        """The story as a candidate would write it: the sentences joined by spaces."""
        return " ".join(self.sentences)

    @property
    def components(self) -> dict[str, bool]:
        """Gold components: which of situation, task, action, result the story tells."""
        return {c: c in self.labels for c in COMPONENTS}


def parse_stories(text: str, source: str) -> list[LabelledStory]:
    """Parse a labelled-stories YAML document; ContentError names ``source`` and the story."""
    import yaml

    try:
        doc = yaml.safe_load(text)  # imported here: answering a story reads the shipped labeller, not YAML
    except yaml.YAMLError:
        raise ContentError(f"{source} is not valid YAML.") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("stories"), list):
        raise ContentError(f"{source} must hold a mapping with a 'stories' list.")
    stories: list[LabelledStory] = []
    seen: set[str] = set()
    for raw in doc["stories"]:
        if not isinstance(raw, dict) or set(raw) != {"id", "quality", "quantified_result", "text"}:
            raise ContentError(f"{source}: every story needs exactly id, quality, quantified_result and text.")
        story_id = str(raw["id"])
        if story_id in seen:
            raise ContentError(f"{source}: the story id '{story_id}' appears twice.")
        seen.add(story_id)
        sentences: list[str] = []
        labels: list[str] = []
        for line in str(raw["text"]).strip().splitlines():
            match = _LINE_RE.match(line.strip())
            if not match:
                raise ContentError(f"{source}: story '{story_id}' has a line without a [S/T/A/R/O] label: {line!r}.")
            labels.append(_TAGS[match.group(1)])
            sentences.append(match.group(2).strip())
        if not isinstance(raw["quantified_result"], bool):
            raise ContentError(f"{source}: story '{story_id}' needs quantified_result true or false.")
        stories.append(
            LabelledStory(story_id, str(raw["quality"]), raw["quantified_result"], tuple(sentences), tuple(labels))
        )
    return stories


def training_text() -> str:
    """The raw text of the training split bundled with the package."""
    ref = resources.files("loopcoach.areas.behavioral.data").joinpath("star_train.yaml")
    return ref.read_text(encoding="utf-8")


def training_stories() -> list[LabelledStory]:
    """The training split, parsed."""
    return parse_stories(training_text(), "star_train.yaml")


def fingerprint(text: str) -> str:
    """A short hash of a training file, used to key the cached fitted labeller."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
