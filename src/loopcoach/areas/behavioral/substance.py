"""How much a story or a pitch actually says: specific words, repeated sentences, content-free sentences.

The STAR and pitch scores credit a component (a situation, an action, a
result, a project) for what it tells, not for being there. A sentence's
*specific words* are its content-word lemmas that are not generic: not the
words any story could use ("problem", "work", "improve", "the team",
"stakeholders", "best practices", "machine learning"), and numbers count. A
sentence that repeats an earlier one (most of its words again) adds nothing.
"I looked at the problem carefully" has no specific word; "I added a
composite index on city and check-in date" has five.

The generic vocabulary below is written from what such sentences have in
common (vague nouns, all-purpose verbs, praise adjectives and the buzzwords
of self-promotion), not from any scored set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loopcoach.text.tokens import content_words, lemma

_GENERIC_WORDS = """
problem problems issue issues thing things stuff something everything anything nothing lot lots kind sort type
part parts piece pieces work works job jobs task tasks situation situations project projects result results
outcome outcomes metric metrics number numbers figure value impact effect change changes improvement
improvements progress success failure goal goals objective objectives target challenge challenges solution
solutions approach approaches way ways method methods process processes practice practices step steps action
actions idea ideas plan plans effort efforts time times day days week weeks month months year years moment
point end beginning start case cases area areas aspect aspects level levels quality performance efficiency
productivity value values business company companies organisation organization team teams people person
everyone everybody someone somebody anyone colleague colleagues stakeholder stakeholders member members manager
managers boss lead leadership user users customer customers client clients world life future technology
technologies tech code coding software system systems model models data pipeline pipelines app apps
application applications platform platforms tool tools service services product products feature features
solution framework frameworks thing stuff environment culture excellence accountability ownership synergy
synergies alignment vision strategy roadmap innovation initiative initiatives deliverable deliverables value
mindset passion opportunity opportunities experience skill skills knowledge lesson lessons learning
communication collaboration teamwork quality board other others many much more most lot several various
important big small good great bad new old hard difficult easy challenging interesting amazing awesome huge
successful happy proud excited passionate overall general whole entire real really very well better best
carefully properly correctly quickly always never often sometimes every each all able possible necessary
needed dynamic fast-paced cutting-edge state-of-the-art end-to-end scalable robust innovative transformational
results-driven world-class best-in-class seamless holistic strategic proactive proactively key core critical
ai artificial intelligence machine deep generative analytics digital cloud
do did does done doing make made making work worked working look looked looking think thought thinking write
wrote written writing test tested testing try tried trying help helped helping get got getting take took
taking go went going fix fixed fixing solve solved solving handle handled handling use used using need needed
want wanted start started finish finished complete completed deliver delivered delivering achieve achieved
drive drove driving lead led leading own owned manage managed managing improve improved improving increase
increased reduce reduced decrease decreased enhance enhanced optimise optimised optimize optimized leverage
leveraged leveraging empower empowered champion championed foster fostered align aligned scale scaled execute
executed implement implemented build built develop developed create created design designed ship shipped
launch launched run ran contribute contributed involve involved participate participated support supported
communicate communicated collaborate collaborated learn learned learnt believe believed feel felt know knew
see saw find found give gave keep kept put set show showed tell told say said ask asked become became happen
happened stay stayed remain remained seem seemed come came bring brought care cared matter mattered love loved
enjoy enjoyed like liked hope hoped ensure ensured make sure fall fell rise rose grow grew drop dropped
across around along within without among toward towards upon onto per via still even already yet again
"""
GENERIC: frozenset[str] = frozenset(lemma(w) for w in _GENERIC_WORDS.split())

#: A sentence repeats an earlier one when this share of its words (the smaller set's) is in it.
REPEAT_OVERLAP = 0.8
#: A sentence with fewer specific words than this says nothing a listener could ask about.
MIN_SPECIFIC = 2


def specific_words(sentence: str) -> frozenset[str]:
    """The sentence's specific words: content-word lemmas outside the generic vocabulary, and numbers."""
    return frozenset(
        w for w in content_words(sentence)
        if w not in GENERIC and (len(w) > 2 or w.isdigit())
    )


def _all_words(sentence: str) -> frozenset[str]:
    return frozenset(content_words(sentence)) or frozenset(sentence.lower().split())


def repeats(sentences: Sequence[str]) -> list[bool]:
    """For each sentence: does it repeat an earlier one (most of its words again)?"""
    seen: list[frozenset[str]] = []
    out: list[bool] = []
    for s in sentences:
        words = _all_words(s)
        repeated = any(
            words and prev and len(words & prev) / min(len(words), len(prev)) >= REPEAT_OVERLAP for prev in seen
        )
        out.append(repeated)
        if not repeated:
            seen.append(words)
    return out


@dataclass(frozen=True)
class Substance:
    """Per sentence: its specific words, whether it repeats an earlier one and whether it says something."""

    specific: tuple[frozenset[str], ...]
    repeated: tuple[bool, ...]
    words: tuple[int, ...]

    @property
    def substantive(self) -> tuple[bool, ...]:
        """Sentences that are not repeats and hold at least MIN_SPECIFIC specific words."""
        return tuple(not r and len(s) >= MIN_SPECIFIC for s, r in zip(self.specific, self.repeated, strict=True))

    @property
    def repeated_share(self) -> float:
        """Share of the words that sit in repeated sentences."""
        total = sum(self.words)
        return sum(w for w, r in zip(self.words, self.repeated, strict=True) if r) / total if total else 0.0

    @property
    def substantive_words(self) -> int:
        """Words in substantive sentences (what counts towards length)."""
        return sum(w for w, ok in zip(self.words, self.substantive, strict=True) if ok)

    def specific_in(self, indices: Sequence[int]) -> frozenset[str]:
        """The distinct specific words of the given sentences, repeats left out."""
        out: set[str] = set()
        for i in indices:
            if not self.repeated[i]:
                out |= self.specific[i]
        return frozenset(out)

    def detail(self, indices: Sequence[int], enough: int) -> float:
        """0..1: how many distinct specific words the sentences hold, ``enough`` of them for full credit."""
        return min(1.0, len(self.specific_in(indices)) / enough) if enough > 0 else 1.0


def measure(sentences: Sequence[str]) -> Substance:
    """Measure every sentence of a story or a pitch."""
    return Substance(
        specific=tuple(specific_words(s) for s in sentences),
        repeated=tuple(repeats(sentences)),
        words=tuple(len(s.split()) for s in sentences),
    )
