"""What both search engines share: the filters, the hit, and the SQL that applies the filters."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from callsheet.domain.fit import miles_between

# People columns every hit carries, aliased so both engines' queries read the same.
HIT_COLUMNS = ("p.id AS person_id, p.name, p.title, coalesce(c.name, '') AS company, p.city, p.state, "
               "p.seniority, p.active, p.lat, p.lon, p.suppression, p.skills")


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


def bounding_box(lat: float, lon: float, miles: float) -> tuple[float, float, float, float]:
    """A lat/lon box holding every point within `miles` (an index-friendly first cut)."""
    dlat = miles / 69.0
    dlon = miles / max(1e-6, 69.17 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def filter_sql(f: Filters) -> tuple[str, dict[str, Any]]:
    """The WHERE conditions (on alias p) for the filters, with their bound parameters."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    if not f.include_suppressed:
        parts.append("p.suppression = 'none'")
    if f.seniority_min is not None:
        parts.append("p.seniority >= :sen_min")
        params["sen_min"] = f.seniority_min
    if f.seniority_max is not None:
        parts.append("p.seniority <= :sen_max")
        params["sen_max"] = f.seniority_max
    if f.active is not None:
        parts.append("p.active = :active")
        params["active"] = f.active
    if f.near is not None and f.radius is not None:
        lat0, lat1, lon0, lon1 = bounding_box(f.near[0], f.near[1], f.radius)
        parts.append("p.lat BETWEEN :lat0 AND :lat1 AND p.lon BETWEEN :lon0 AND :lon1")
        params.update(lat0=lat0, lat1=lat1, lon0=lon0, lon1=lon1)
    if f.job_id is not None:
        stage = " AND cj.stage = :stage" if f.stage else ""
        parts.append(f"EXISTS (SELECT 1 FROM candidacies cj WHERE cj.person_id = p.id AND cj.job_id = :job_id{stage})")
        params["job_id"] = f.job_id
        if f.stage:
            params["stage"] = f.stage
    if f.not_in_job_id is not None:
        parts.append("NOT EXISTS (SELECT 1 FROM candidacies cx WHERE cx.person_id = p.id AND cx.job_id = :nij)")
        params["nij"] = f.not_in_job_id
    return "".join(f" AND {p}" for p in parts), params


def hit(row: Any) -> Hit:
    # Positional access: this runs for every row of a ranked page.
    (pid, name, title, company, city, state, seniority, active, lat, lon, suppression, skills, score) = row[:13]
    return Hit(pid, name, title, company, city, state, seniority, bool(active), lat, lon, suppression,
               round(float(score), 4), tuple(skills.split(",")) if skills else ())


def is_light(f: Filters) -> bool:
    """Filters a hit can be checked against in Python: all but a job's pipeline (--job), which is
    so selective that SQL should apply it before ranking."""
    return f.job_id is None


def excluded_ids(connection: Connection, f: Filters) -> frozenset[int]:
    if f.not_in_job_id is None:
        return frozenset()
    rows = connection.execute(text("SELECT person_id FROM candidacies WHERE job_id = :j"), {"j": f.not_in_job_id})
    return frozenset(rows.scalars())


def keeps(f: Filters, hit: Hit, excluded: frozenset[int]) -> bool:
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


def ranked_then_filtered(connection: Connection, fetch: Callable[[int, int], list[Hit]], f: Filters, limit: int,
                         offset: int) -> list[Hit]:
    """Take the engine's top rows page by page, checking the filters on each, until enough are kept.

    `fetch(k, o)` returns the engine's ranked rows o..o+k as hits. Ranking only the index's own rows,
    then joining the people of one page, keeps a query on a large desk near the bare engine's speed;
    a filter that leaves out most people costs more pages (each twice the last).
    """
    excluded = excluded_ids(connection, f)
    wanted = offset + limit
    kept: list[Hit] = []
    page, start = max(64, wanted + wanted // 4), 0
    while len(kept) < wanted:
        hits = fetch(page, start)
        kept += [h for h in hits if keeps(f, h, excluded)]
        if len(hits) < page:
            break
        start += page
        page *= 2
    return kept[offset:wanted]
