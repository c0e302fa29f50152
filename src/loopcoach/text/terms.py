"""Matching of terms with synonyms, abbreviations and spelling variants.

A ``Term`` has a canonical name and aliases; ``TermMatcher`` finds any of
their surface forms in a text, case-insensitively on word boundaries,
tolerant to hyphen/space variants and plurals, and always preferring the
longest known term at a position, so "Java" never matches inside
"JavaScript" and "PyTorch Lightning" is one match (that also implies PyTorch).
The bundled AI/ML skills taxonomy lives in ``text/data/skills.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from loopcoach.errors import ContentError


@dataclass(frozen=True)
class Term:
    """A concept with a canonical ``name`` and the other ways people write it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    case_sensitive: bool = False
    category: str = ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every written form of the term, canonical name first."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a term in a text."""

    term_id: str
    surface: str
    start: int
    end: int


_BOUNDARY_BEFORE = r"(?<![A-Za-z0-9_+#])"
_BOUNDARY_AFTER = r"(?![A-Za-z0-9_+#]|\.[A-Za-z0-9])"


def _surface_pattern(surface: str) -> str:
    """A regex for one surface form: spaces/hyphens interchangeable, optional plural."""
    parts = re.split(r"[\s\-_]+", surface.strip())
    joined = r"[\s\-_]?".join(re.escape(p) for p in parts if p)
    if surface[-1:].isalpha() and len(surface) > 2:
        joined += r"(?:s|es|'s)?"
    return joined


@dataclass
class TermMatcher:
    """Finds known terms in text; build once, reuse for many texts."""

    terms: Iterable[Term]
    _by_id: dict[str, Term] = field(init=False, default_factory=dict)
    _regexes: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.terms = list(self.terms)
        self._by_id = {t.id: t for t in self.terms}
        for sensitive in (False, True):
            forms = [(s, t.id) for t in self.terms if t.case_sensitive == sensitive for s in t.surfaces if s.strip()]
            if not forms:
                continue
            forms.sort(key=lambda f: -len(f[0]))
            alternation = "|".join(f"(?P<g{i}>{_surface_pattern(s)})" for i, (s, _) in enumerate(forms))
            flags = 0 if sensitive else re.IGNORECASE
            regex = re.compile(f"{_BOUNDARY_BEFORE}(?:{alternation}){_BOUNDARY_AFTER}", flags)
            self._regexes.append((regex, forms))

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping matches, longest term first at each position, in text order."""
        candidates: list[TermMatch] = []
        for regex, forms in self._regexes:
            for m in regex.finditer(text):
                index = int((m.lastgroup or "g0")[1:])
                candidates.append(TermMatch(forms[index][1], m.group(0), m.start(), m.end()))
        candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
        chosen: list[TermMatch] = []
        last_end = -1
        for c in candidates:
            if c.start >= last_end:
                chosen.append(c)
                last_end = c.end
        return chosen

    def find_ids(self, text: str) -> set[str]:
        """Ids of the terms found in ``text``, including the terms they imply."""
        found: set[str] = set()
        pending = [m.term_id for m in self.find(text)]
        while pending:
            term_id = pending.pop()
            if term_id in found:
                continue
            found.add(term_id)
            term = self._by_id.get(term_id)
            if term:
                pending.extend(term.implies)
        return found


class _TermEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9+#.\-]*$")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    implies: list[str] = []
    case_sensitive: bool = False
    category: str = ""


@dataclass(frozen=True)
class Taxonomy:
    """A validated set of terms with a matcher built on demand."""

    terms: tuple[Term, ...]

    def get(self, term_id: str) -> Term | None:
        """The term with this id, or None."""
        return next((t for t in self.terms if t.id == term_id), None)

    def matcher(self) -> TermMatcher:
        """A matcher over every term of the taxonomy."""
        return _matcher_for(self)


@cache
def _matcher_for(taxonomy: Taxonomy) -> TermMatcher:
    return TermMatcher(taxonomy.terms)


def parse_taxonomy(text: str, source: str) -> Taxonomy:
    """Validate a taxonomy document (a YAML list of terms); errors name the file and the entry."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ContentError(f"{source} is not valid YAML: {exc}.") from None
    if not isinstance(raw, list):
        raise ContentError(f"{source} must be a YAML list of terms.")
    terms: list[Term] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        try:
            entry = _TermEntry.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ContentError(f"{source}: entry {i + 1}, field '{where}': {err['msg']}.") from None
        if entry.id in seen:
            raise ContentError(f"{source}: entry {i + 1} repeats the id '{entry.id}'.")
        seen.add(entry.id)
        terms.append(
            Term(entry.id, entry.name, tuple(entry.aliases), tuple(entry.implies), entry.case_sensitive,
                 entry.category)
        )
    unknown = sorted({i for t in terms for i in t.implies} - seen)
    if unknown:
        raise ContentError(f"{source}: 'implies' names unknown ids: {', '.join(unknown)}.")
    return Taxonomy(tuple(terms))


@cache
def load_taxonomy() -> Taxonomy:
    """The bundled AI/ML skills taxonomy."""
    resource = resources.files("loopcoach.text").joinpath("data/skills.yaml")
    return parse_taxonomy(resource.read_text(encoding="utf-8"), "skills.yaml")
