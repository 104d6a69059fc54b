"""The job seeker's network: paths to someone at a company, direct or through one introduction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    company_id: int | None
    company: str
    #: Higher is warmer: how recently and how often we actually spoke.
    warmth: float
    callable: bool


@dataclass(frozen=True)
class Path:
    target: Contact
    via: Contact | None

    @property
    def hops(self) -> int:
        return 1 if self.via is None else 2

    def describe(self) -> str:
        if self.via is None:
            return f"You know {self.target.name} at {self.target.company} directly"
        return f"Ask {self.via.name} to introduce you to {self.target.name} at {self.target.company}"


def intro_paths(company_id: int, known: dict[int, Contact], people: dict[int, Contact],
                links: set[tuple[int, int]]) -> list[Path]:
    """Shortest first, then warmest. Nobody who must not be called is ever the introducer or target.

    `known`: people the user knows; `people`: everyone involved; `links`: who knows whom (both ways).

    >>> a = Contact(1, "Ann", 9, "Other", 5.0, True)
    >>> b = Contact(2, "Bo", 7, "Acme", 0.0, True)
    >>> [p.describe() for p in intro_paths(7, {1: a}, {1: a, 2: b}, {(1, 2)})]
    ['Ask Ann to introduce you to Bo at Acme']
    """
    paths: list[Path] = []
    for contact in known.values():
        if contact.company_id == company_id and contact.callable:
            paths.append(Path(contact, None))
    for a, b in links | {(b, a) for a, b in links}:
        via, target = known.get(a), people.get(b)
        if via is None or target is None or target.id in known or via.id == target.id:
            continue
        if via.callable and target.callable and target.company_id == company_id:
            paths.append(Path(target, via))
    unique = {(p.target.id, p.via.id if p.via else None): p for p in paths}
    return sorted(unique.values(), key=lambda p: (p.hops, -(p.via or p.target).warmth, p.target.name))
