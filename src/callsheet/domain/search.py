"""What a search asks and what it finds: the filters, the hit, and the filters checked on a hit."""

from __future__ import annotations

from dataclasses import dataclass

from callsheet.domain.geo import bounding_box as bounding_box  # the index's first cut before the circle
from callsheet.domain.geo import miles_between


@dataclass(frozen=True)
class Filters:
    near: tuple[float, float] | None = None  # (lat, lon) of the place searched around
    radius: float | None = None  # miles; with `near`
    seniority_min: int | None = None
    seniority_max: int | None = None
    active: bool | None = None  # True: actively looking; False: passive; None: both
    job_id: int | None = None  # only people in this job's pipeline ...
    stage: str | None = None  # ... at this stage
    not_in_job_id: int | None = None  # leave out this job's pipeline (match)
    include_suppressed: bool = False


@dataclass(frozen=True)
class Hit:
    person_id: int
    name: str
    title: str
    company: str
    city: str
    state: str
    seniority: int | None
    active: bool
    lat: float | None
    lon: float | None
    suppression: str
    score: float
    skills: tuple[str, ...] = ()


def keeps(f: Filters, hit: Hit, excluded: frozenset[int] = frozenset()) -> bool:
    """The filters checked on a hit as the store has it now (the index ranked it; the store decides)."""
    if not f.include_suppressed and hit.suppression != "none":
        return False
    if hit.person_id in excluded or (f.active is not None and hit.active != f.active):
        return False
    if f.seniority_min is not None and (hit.seniority is None or hit.seniority < f.seniority_min):
        return False
    if f.seniority_max is not None and (hit.seniority is None or hit.seniority > f.seniority_max):
        return False
    if f.near is not None and f.radius is not None:
        if hit.lat is None or hit.lon is None:
            return False
        return miles_between(f.near[0], f.near[1], hit.lat, hit.lon) <= f.radius
    return True
