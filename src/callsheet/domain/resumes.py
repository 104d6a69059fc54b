"""What a résumé's text proposes about its person: name, emails, LinkedIn URL, skills, a seniority guess.

Phones and places need the phonenumbers and zipcodes adapters (callsheet.lookup); the service that
reads a résumé asks them. Everything here is plain text work, each guess shown to the recruiter as a
proposal they may change on the card.

>>> text = "Ann Kowalski\\nSenior Network Engineer\\nann.k@example.com | linkedin.com/in/Ann-K\\n"
>>> text += "Skills: Cisco, K8s, routing\\nRan Kubernetes and Postgres for a hospital."
>>> guess_name(text), emails_in(text), linkedin_in(text)
('Ann Kowalski', ['ann.k@example.com'], 'https://www.linkedin.com/in/ann-k')
>>> skills_in(text), seniority_in(text)
(['cisco', 'kubernetes', 'routing', 'postgresql'], 3)
"""

from __future__ import annotations

import re

from callsheet.domain.contacts import normalize_email, normalize_linkedin
from callsheet.domain.errors import BadInput
from callsheet.domain.fit import SYNONYMS, canonical_skill
from callsheet.domain.model import parse_skills

#: Words of a job title and the 1-5 seniority level they suggest (the level fit and search compare).
SENIORITY_WORDS: dict[str, int] = {
    "intern": 1, "internship": 1, "trainee": 1, "apprentice": 1, "junior": 1, "jr": 1, "entry": 1, "graduate": 1,
    "associate": 2, "analyst": 2, "specialist": 2, "engineer": 2, "developer": 2, "administrator": 2,
    "senior": 3, "sr": 3, "experienced": 3,
    "lead": 4, "principal": 4, "staff": 4, "architect": 4, "manager": 4, "supervisor": 4,
    "director": 5, "head": 5, "vp": 5, "vice": 5, "chief": 5, "cto": 5, "cio": 5, "ciso": 5,
}
#: The lines of a résumé's top read for its headline (the name and the current title sit there).
HEADLINE_LINES = 8

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[^/?#\s,;|)]+", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'.-]*", re.IGNORECASE)
_NOT_A_NAME = frozenset({"resume", "résumé", "curriculum", "vitae", "cv", "profile", "summary", "contact"})
_SKILLS_LINE = re.compile(r"^\s*(?:technical\s+)?(?:skills|technologies|tools)\s*[:\-–]\s*(.+)$",
                          re.IGNORECASE | re.MULTILINE)
#: Every spelling the one synonym table knows, canonical names too. Spellings of two letters or
#: fewer that are also everyday words ("go", "ad", "pm") count only when written in capitals.
_SPELLINGS = sorted({*SYNONYMS, *SYNONYMS.values()}, key=len, reverse=True)
_SPELLING = re.compile(r"(?<![\w+#.])(" + "|".join(re.escape(s) for s in _SPELLINGS) + r")(?![\w+#]|\.\w)",
                       re.IGNORECASE)


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def guess_name(text: str) -> str:
    """The first line near the top that reads as a person's name (two to four words, letters only)."""
    for line in lines_of(text)[:HEADLINE_LINES]:
        words = line.split()
        if not 2 <= len(words) <= 4 or len(line) > 60:
            continue
        if all(_WORD.fullmatch(w) for w in words) and not _NOT_A_NAME & {w.lower() for w in words} and not (
                {w.lower().strip(".") for w in words} & SENIORITY_WORDS.keys()):
            return " ".join(w if not w.isupper() or len(w) <= 2 else w.title() for w in words)
    return ""


def emails_in(text: str) -> list[str]:
    out: list[str] = []
    for raw in _EMAIL.findall(text):
        try:
            address = normalize_email(raw)
        except BadInput:
            continue
        if address not in out:
            out.append(address)
    return out


def linkedin_in(text: str) -> str:
    for raw in _LINKEDIN.findall(text):
        try:
            return normalize_linkedin(raw)
        except BadInput:
            continue
    return ""


def skills_in(text: str) -> list[str]:
    """The skills a résumé names: a "Skills:" line as written, then every spelling the synonym table
    knows, each by its one canonical name."""
    found: list[str] = []
    for listed in _SKILLS_LINE.findall(text):
        found += [canonical_skill(s) for s in parse_skills(listed.replace(";", ",").replace("|", ",").replace("•", ","))
                  if len(s) <= 40]
    for match in _SPELLING.finditer(text):
        word = match.group(1)
        if len(word) <= 2 and not word.isupper():
            continue
        found.append(canonical_skill(word))
    return list(dict.fromkeys(found))


def seniority_in(text: str) -> int | None:
    """The highest level the headline's title words suggest; None when they suggest none."""
    levels = [SENIORITY_WORDS[w] for line in lines_of(text)[:HEADLINE_LINES]
              for w in (m.lower().strip(".") for m in _WORD.findall(line)) if w in SENIORITY_WORDS]
    return max(levels) if levels else None
