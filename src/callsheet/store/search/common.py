"""What the search index and the services share: the filters, the hit, and reading hits from the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

from callsheet.domain.geo import bounding_box as bounding_box  # the index's first cut before the circle
from callsheet.domain.geo import miles_between

# People columns every hit carries, read from the store (the source of truth) for the ids the index ranks.
HIT_COLUMNS = ("p.id AS person_id, p.name, p.title, coalesce(c.name, '') AS company, p.city, p.state, "
               "p.seniority, p.active, p.lat, p.lon, p.suppression, p.skills")
_HITS = text(f"SELECT {HIT_COLUMNS} FROM people p LEFT JOIN companies c ON c.id = p.company_id "
             "WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True))
_HITS_PG = text(f"SELECT {HIT_COLUMNS} FROM people p LEFT JOIN companies c ON c.id = p.company_id "
                "WHERE p.id = ANY(CAST(:ids AS integer[]))")


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


def read_hits(connection: Connection, scores: dict[int, float]) -> list[Hit]:
    """The hits for the ranked ids, from the store, best first (score descending, then id)."""
    if not scores:
        return []
    out = []
    if connection.dialect.name == "postgresql":  # one array parameter: one plan, whatever the page size
        rows = connection.execute(_HITS_PG, {"ids": list(scores)})
    else:
        rows = connection.execute(_HITS, {"ids": list(scores)})
    for row in rows:
        (pid, name, title, company, city, state, seniority, active, lat, lon, suppression, skills) = row
        out.append(Hit(pid, name, title, company, city, state, seniority, bool(active), lat, lon, suppression,
                       round(scores[pid], 4), tuple(skills.split(",")) if skills else ()))
    out.sort(key=lambda h: (-h.score, h.person_id))
    return out


def pipeline_ids(connection: Connection, job_id: int, stage: str | None = None) -> list[int]:
    sql = "SELECT person_id FROM candidacies WHERE job_id = :j" + (" AND stage = :s" if stage else "")
    params: dict[str, Any] = {"j": job_id, "s": stage} if stage else {"j": job_id}
    return [int(i) for i in connection.execute(text(sql), params).scalars()]


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
