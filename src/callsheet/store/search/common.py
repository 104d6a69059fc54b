"""Reading hits and pipelines from the store for the search index (the filters and the hit are the domain's)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from callsheet.domain.search import Hit
from callsheet.store.tenancy import desk_of

# People columns every hit carries, read from the store (the source of truth) for the ids the index ranks.
HIT_COLUMNS = ("p.id AS person_id, p.name, p.title, coalesce(c.name, '') AS company, p.city, p.state, "
               "p.seniority, p.active, p.lat, p.lon, p.suppression, p.skills")
_FROM = ("FROM people p LEFT JOIN companies c ON c.desk_id = p.desk_id AND c.id = p.company_id "
         "AND c.desk_id = :desk WHERE p.desk_id = :desk AND ")
_HITS = text(f"SELECT {HIT_COLUMNS} {_FROM}p.id IN :ids").bindparams(bindparam("ids", expanding=True))
_HITS_PG = text(f"SELECT {HIT_COLUMNS} {_FROM}p.id = ANY(CAST(:ids AS integer[]))")


def read_hits(connection: Connection, scores: dict[int, float]) -> list[Hit]:
    """The hits of the connection's desk for the ranked ids, from the store, best first (score descending,
    then id)."""
    if not scores:
        return []
    out = []
    params = {"desk": desk_of(connection), "ids": list(scores)}
    # PostgreSQL: one array parameter, so one plan whatever the page size.
    rows = connection.execute(_HITS_PG if connection.dialect.name == "postgresql" else _HITS, params)
    for row in rows:
        (pid, name, title, company, city, state, seniority, active, lat, lon, suppression, skills) = row
        out.append(Hit(pid, name, title, company, city, state, seniority, bool(active), lat, lon, suppression,
                       round(scores[pid], 4), tuple(skills.split(",")) if skills else ()))
    out.sort(key=lambda h: (-h.score, h.person_id))
    return out


def pipeline_ids(connection: Connection, job_id: int, stage: str | None = None) -> list[int]:
    """The people in one of the connection's desk's job pipelines (at one stage when given)."""
    sql = "SELECT person_id FROM candidacies WHERE desk_id = :desk AND job_id = :j"
    if stage:
        sql += " AND stage = :s"
    params: dict[str, Any] = {"desk": desk_of(connection), "j": job_id, "s": stage}
    return [int(i) for i in connection.execute(text(sql), params).scalars()]
