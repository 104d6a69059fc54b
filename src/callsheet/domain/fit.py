"""Fit: how well a person suits a job, with reasons a recruiter can read.

Skills count most (a small synonym table makes "k8s" and "kubernetes" one skill), then how far the
person's seniority is from the job's, then the commute to the client, then whether they are
looking. The score runs from 0 to 100.

>>> person = Person(name="Ann", skills=["cisco", "ccna", "routing", "vpn"], seniority=2, lat=43.0, lon=-88.0,
...                 active=True)
>>> job = Job(title="Network Administrator", company_id=1, skills=["cisco", "ccna", "routing", "switching", "vpn"],
...           seniority=3, lat=43.1, lon=-88.1)
>>> fit(person, job).why
['4 of 5 skills (cisco, ccna, routing, vpn)', '9 miles from the client', 'one level junior', 'actively looking']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from callsheet.domain.geo import miles_between
from callsheet.domain.model import Job, Person

#: Spellings recruiters and résumés use for one skill; every key maps to the canonical name.
SYNONYMS: dict[str, str] = {
    "k8s": "kubernetes", "kube": "kubernetes", "js": "javascript", "ecmascript": "javascript",
    "ts": "typescript", "py": "python", "python3": "python", "golang": "go", "postgres": "postgresql",
    "psql": "postgresql", "mssql": "sql server", "ms sql": "sql server", "t-sql": "sql server",
    "tsql": "sql server", "ad": "active directory", "o365": "office 365", "m365": "office 365",
    "microsoft 365": "office 365", "gcp": "google cloud", "amazon web services": "aws",
    "ms azure": "azure", "react.js": "react", "reactjs": "react", "nodejs": "node.js", "node": "node.js",
    "dotnet": ".net", "c sharp": "c#", "csharp": "c#", "rhel": "red hat", "sdwan": "sd-wan",
    "powerbi": "power bi", "ci/cd": "ci cd", "pm": "project management", "sec+": "security+",
}

WEIGHTS = {"skills": 55.0, "seniority": 20.0, "commute": 20.0, "active": 5.0}
FULL_COMMUTE_MILES = 10.0  # at or under this, the commute costs nothing
MAX_COMMUTE_MILES = 60.0  # beyond this, the commute earns nothing
_LEVEL_WORDS = {1: "one level", 2: "two levels", 3: "three levels", 4: "four levels"}


@dataclass(frozen=True)
class Fit:
    score: float
    why: list[str]
    skills_matched: tuple[str, ...] = ()
    miles: float | None = None


@lru_cache(maxsize=8192)  # a match ranks hundreds of people whose skills come from a small vocabulary
def canonical_skill(skill: str) -> str:
    """The one name a skill goes by.

    >>> canonical_skill(" K8s "), canonical_skill("Kubernetes")
    ('kubernetes', 'kubernetes')
    """
    key = " ".join(skill.lower().split())
    return SYNONYMS.get(key, key)


def spellings(skill: str) -> list[str]:
    """Every spelling of a skill, canonical first (to look it up in a search index).

    >>> spellings("kubernetes")
    ['kubernetes', 'k8s', 'kube']
    """
    canon = canonical_skill(skill)
    return [canon, *(k for k, v in SYNONYMS.items() if v == canon and k != canon)]


def _skills(person: Person, job: Job) -> tuple[float, str | None, tuple[str, ...]]:
    wanted = list(dict.fromkeys(canonical_skill(s) for s in job.skills if s.strip()))
    if not wanted:
        return 0.5, None, ()
    has = {canonical_skill(s) for s in person.skills}
    matched = tuple(s for s in wanted if s in has)
    text = f"{len(matched)} of {len(wanted)} skills"
    if matched:
        text += f" ({', '.join(matched)})"
    return len(matched) / len(wanted), text, matched


def _seniority(person: Person, job: Job) -> tuple[float, str | None]:
    if person.seniority is None or job.seniority is None:
        return 0.5, None
    gap = person.seniority - job.seniority
    if gap == 0:
        return 1.0, "same level"
    words = _LEVEL_WORDS.get(abs(gap), f"{abs(gap)} levels")
    # Over-qualified costs a little less than under-qualified: they can do the job.
    penalty = abs(gap) * (0.3 if gap > 0 else 0.4)
    return max(0.0, 1.0 - penalty), f"{words} {'senior' if gap > 0 else 'junior'}"


def _commute(person: Person, job: Job) -> tuple[float, str | None, float | None]:
    if None in (person.lat, person.lon, job.lat, job.lon):
        return 0.3, None, None
    miles = miles_between(person.lat or 0.0, person.lon or 0.0, job.lat or 0.0, job.lon or 0.0)
    span = MAX_COMMUTE_MILES - FULL_COMMUTE_MILES
    value = 1.0 - min(1.0, max(0.0, miles - FULL_COMMUTE_MILES) / span)
    rounded = round(miles)
    unit = "mile" if rounded == 1 else "miles"
    text = "under a mile from the client" if miles < 1 else f"{rounded} {unit} from the client"
    return value, text, miles


def fit(person: Person, job: Job) -> Fit:
    """Score a person against a job, 0-100, with the reasons in order of weight."""
    skill_value, skill_text, matched = _skills(person, job)
    commute_value, commute_text, miles = _commute(person, job)
    level_value, level_text = _seniority(person, job)
    active_value = 1.0 if person.active else 0.4
    score = (WEIGHTS["skills"] * skill_value + WEIGHTS["seniority"] * level_value
             + WEIGHTS["commute"] * commute_value + WEIGHTS["active"] * active_value)
    why = [t for t in (skill_text, commute_text, level_text) if t]
    why.append("actively looking" if person.active else "passive")
    return Fit(round(score, 1), why, matched, miles)
