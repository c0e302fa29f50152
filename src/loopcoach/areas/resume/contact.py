"""Contact details: name, email, phone, LinkedIn and GitHub, from text and from links behind text.

GitHub is normalised to ``https://github.com/USER`` from any written form:
``github.com/user``, ``https://www.github.com/user/``, ``GitHub: user``,
``user.github.io``, a repository URL (its owner) or a hyperlink behind a label.
"""

from __future__ import annotations

import re

from loopcoach.areas.resume.model import Contact, Line, Section

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w/+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{1,6}(?:[\s.-]\d{1,6}){0,5}(?![\w/])")
_GH_URL = re.compile(r"(?:https?://)?(?:www\.)?github\.com/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?:/([\w.-]+))?",
                     re.IGNORECASE)
_GH_PAGES = re.compile(r"(?:https?://)?([A-Za-z0-9][A-Za-z0-9-]{0,38})\.github\.io\b", re.IGNORECASE)
_GH_LABEL = re.compile(r"\bgithub\s*:\s*@?([A-Za-z0-9][A-Za-z0-9-]{0,38})\b", re.IGNORECASE)
_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([\w%-]+)", re.IGNORECASE)
_LINKEDIN_LABEL = re.compile(r"\blinkedin\s*:\s*(?:in/)?([A-Za-z0-9][\w-]{2,99})\b", re.IGNORECASE)
_URLISH = re.compile(r"\S*(?:https?://|www\.|\.com|\.io|/)\S*")
_GH_RESERVED = {
    "about", "features", "orgs", "topics", "trending", "explore", "marketplace", "pricing", "settings",
    "login", "join", "collections", "sponsors", "enterprise", "security", "site", "apps", "search",
}


def normalise_github(value: str) -> str | None:
    """Return https://github.com/USER for any written form of a GitHub profile, repo or Pages site."""
    match = _GH_URL.search(value)
    if match and match.group(1).lower() not in _GH_RESERVED:
        return f"https://github.com/{match.group(1)}"
    pages = _GH_PAGES.search(value)
    if pages:
        return f"https://github.com/{pages.group(1)}"
    label = _GH_LABEL.search(value)
    if label and label.group(1).lower() not in _GH_RESERVED:
        return f"https://github.com/{label.group(1)}"
    return None


def normalise_linkedin(value: str) -> str | None:
    """Return https://www.linkedin.com/in/USER for a written LinkedIn profile."""
    match = _LINKEDIN.search(value)
    if match:
        return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2).rstrip('/')}"
    label = _LINKEDIN_LABEL.search(value)
    if label:
        return f"https://www.linkedin.com/in/{label.group(1)}"
    return None


def find_phone(text: str) -> str | None:
    """Return the first phone number (8 to 15 digits, not a date range) in a text."""
    for match in PHONE.finditer(text):
        candidate = match.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if not 8 <= len(digits) <= 15:
            continue
        if re.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", candidate):
            continue
        return candidate
    return None


_NOT_NAMES = re.compile(r"^(?:r[eé]sum[eé]|curriculum vitae|cv|contact|contact details|personal details)$",
                        re.IGNORECASE)


def _looks_like_name(line: Line) -> bool:
    text = line.text.strip()
    words = text.split()
    if _NOT_NAMES.match(text):
        return False
    if not 2 <= len(words) <= 5 or len(text) > 50:
        return False
    if re.search(r"[@\d/:|]", text):
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in words if w[0].isalpha())


def _github_in(line: Line) -> str | None:
    for link in line.links:
        found = normalise_github(link)
        if found:
            return found
    return normalise_github(line.text)


def extract_contact(sections: list[Section], lines: list[Line]) -> Contact:
    """Find the contact details, preferring the header block and contact sections over the body."""
    contact = Contact()
    header_lines = [ln for s in sections if s.kind == "contact" for ln in s.lines]
    head_ids = {id(ln) for ln in header_lines}
    body_lines = [ln for ln in lines if id(ln) not in head_ids]
    first_section = sections[0] if sections else None
    if first_section is not None and first_section.kind == "contact" and first_section.heading == "":
        for line in first_section.lines[:3]:
            if _looks_like_name(line):
                contact.name = line.text.strip()
                break
    if contact.name is None and lines and _looks_like_name(lines[0]):
        contact.name = lines[0].text.strip()
    # A phone number can wrap over two header lines in a narrow PDF; read the header as one text first.
    joined = " ".join(_URLISH.sub(" ", EMAIL.sub(" ", ln.text)) for ln in header_lines)
    contact.phone = find_phone(joined)
    for group, in_header in ((header_lines, True), (body_lines, False)):
        for line in group:
            text = line.text
            if contact.email is None:
                mail = EMAIL.search(text) or next(
                    (EMAIL.search(link) for link in line.links if link.startswith("mailto:")), None
                )
                if mail:
                    contact.email = mail.group(0)
            if contact.phone is None and in_header:
                contact.phone = find_phone(EMAIL.sub(" ", text))
            if contact.linkedin is None:
                contact.linkedin = next(
                    (v for v in (normalise_linkedin(x) for x in (*line.links, text)) if v), None
                )
            if contact.github is None or (not contact.github_in_header and in_header):
                github = _github_in(line)
                if github:
                    contact.github = github
                    contact.github_in_header = in_header
                    contact.github_line = line.number
    return contact
