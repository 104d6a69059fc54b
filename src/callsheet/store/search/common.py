"""Reading hits and pipelines from the store for the search index (the filters and the hit are the domain's)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from callsheet.domain.search import Hit

# People columns every hit carries, read from the store (the source of truth) for the ids the index ranks.
HIT_COLUMNS = ("p.id AS person_id, p.name, p.title, coalesce(c.name, '') AS company, p.city, p.state, "
               "p.seniority, p.active, p.lat, p.lon, p.suppression, p.skills")
_HITS = text(f"SELECT {HIT_COLUMNS} FROM people p LEFT JOIN companies c ON c.id = p.company_id "
             "WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True))
_HITS_PG = text(f"SELECT {HIT_COLUMNS} FROM people p LEFT JOIN companies c ON c.id = p.company_id "
                "WHERE p.id = ANY(CAST(:ids AS integer[]))")


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
