"""Which kind of section a heading names, including the unusual headings people use.

"What I've Built" is a projects section, "Toolbox" a skills section and "Where I've
Worked" an experience section. The rules are ordered: the first kind whose
vocabulary appears in the heading wins, so "Research Projects" is projects and
"Research Experience" is experience.
"""

from __future__ import annotations

import re

from loopcoach.areas.resume.model import SectionKind

# Ordered: earlier kinds win. Each entry is a regex searched in the normalised heading.
_RULES: tuple[tuple[SectionKind, str], ...] = (
    ("projects", r"\bprojects?\b|what i(?: ve| have)? built|things i(?: ve| have)? (?:built|made)|\bportfolio\b"
                 r"|selected work|\bopen source\b|\bbuilds?\b|\bhackathons?\b"),
    ("publications", r"\bpublications?\b|\bpapers?\b|\bpatents?\b|\btalks?\b|\bwriting\b|\bpresentations?\b"
                     r"|\bpreprints?\b"),
    ("experience", r"\bexperience\b|\bemployment\b|work history|where i(?: ve| have)? worked|\bcareer\b"
                   r"|\bpositions?\b|\binternships?\b|professional background|\bwork\b|\bjobs?\b"),
    ("education", r"\beducation\b|\bacademic\b|\bstudies\b|\bdegrees?\b|\bcoursework\b|\bqualifications?\b"
                  r"|\bschooling\b|\btraining\b|where i studied"),
    ("awards", r"\bawards?\b|\bhonou?rs?\b|\bachievements?\b|\brecognition\b|\bscholarships?\b"
               r"|\bcompetitions?\b|\bprizes?\b"),
    ("skills", r"\bskills?\b|\btoolbox\b|\btoolkit\b|tech(?:nical)? stack|\btechnolog(?:y|ies)\b|\btools\b"
               r"|\bcompetenc(?:e|ies|y)\b|\bexpertise\b|programming languages|what i use|\bstack\b"),
    ("summary", r"\bsummary\b|\bprofile\b|\babout\b|\bobjective\b|who i am|\boverview\b|\bintroduction\b"
                r"|\bbio\b|\bin short\b"),
    ("contact", r"\bcontact\b|\breach me\b|\bget in touch\b"),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _RULES)

# Headings that are sections but of no kind the checks use.
_OTHER = re.compile(
    r"\binterests\b|\bhobbies\b|\bvolunteer|\bleadership\b|\bactivities\b|\blanguages\b|\bcertifications?\b"
    r"|\bcertificates?\b|\breferences\b|\baffiliations\b|\bmemberships?\b|\bextracurricular\b|\bcourses\b"
)


def normalise_heading(text: str) -> str:
    """Lower-case a heading, drop decoration and punctuation, and collapse spaces."""
    text = text.replace("’", "'").replace("&", " and ").lower()
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = text.replace("'", " ")
    return re.sub(r"\s+", " ", text).strip()


def classify_heading(text: str) -> SectionKind | None:
    """Return the section kind a heading names, ``"other"`` for known non-core headings, else None."""
    norm = normalise_heading(text)
    if not norm:
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(norm):
            return kind
    if _OTHER.search(norm):
        return "other"
    return None
