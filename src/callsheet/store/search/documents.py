"""Reading people from the store as the index and the match arrays need them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, text

from callsheet.store.tables import people

_COLUMNS = ("p.id, p.name, p.title, coalesce(c.name, ''), p.skills, p.profile, p.city, p.seniority, p.active, "
            "p.lat, p.lon, p.suppression")
# Every statement names the desk of the people it reads: the index holds every desk, one desk at a time.
_PEOPLE = (f"SELECT {_COLUMNS} FROM people p LEFT JOIN companies c ON c.desk_id = p.desk_id "
           "AND c.id = p.company_id AND c.desk_id = :desk WHERE p.desk_id = :desk AND ")
_BY_IDS = text(_PEOPLE + "p.id IN :ids").bindparams(bindparam("ids", expanding=True))
_NOTES_BY_IDS = text("SELECT person_id, notes FROM touches WHERE desk_id = :desk AND person_id IN :ids "
                     "AND notes <> '' ORDER BY person_id, id").bindparams(bindparam("ids", expanding=True))
_PAGE = text(_PEOPLE + "p.id > :last ORDER BY p.id LIMIT :n")
_NOTES_RANGE = text("SELECT person_id, notes FROM touches WHERE desk_id = :desk AND person_id BETWEEN :a AND :b "
                    "AND notes <> '' ORDER BY person_id, id")
# A person's current résumé (the newest) is searched and matched as their profile is.
_RESUMES_BY_IDS = text("SELECT person_id, text FROM resumes WHERE desk_id = :desk AND person_id IN :ids "
                       "ORDER BY person_id, id").bindparams(bindparam("ids", expanding=True))
_RESUMES_RANGE = text("SELECT person_id, text FROM resumes WHERE desk_id = :desk AND person_id BETWEEN :a AND :b "
                      "ORDER BY person_id, id")
# The desks that hold people, read across desks by the operator's rebuild (never on a desk's connection).
_DESKS = select(people.c.desk_id).distinct().order_by(people.c.desk_id)
BATCH = 5000  # ids per IN list: well under SQLite's bound-variable limit


@dataclass(frozen=True)
class Doc:
    """One person as searched and matched: their desk, text fields, then the features filters and fit read."""

    desk: int
    id: int
    name: str
    title: str
    company: str
    skills: str
    profile: str
    city: str
    seniority: int | None
    active: bool
    lat: float | None
    lon: float | None
    suppression: str
    notes: str = ""


def _doc(desk: int, row: Any, notes: dict[int, list[str]], resumes: dict[int, str]) -> Doc:
    pid = int(row[0])
    profile = f"{row[5]}\n{resume}" if (resume := resumes.get(pid)) else row[5]
    return Doc(desk, pid, row[1], row[2], row[3], row[4], profile, row[6], row[7], bool(row[8]), row[9], row[10],
               row[11], " ".join(notes.get(pid, ())))


def _resumes(rows: Any) -> dict[int, str]:
    return {int(pid): body for pid, body in rows}  # ordered by id: the newest stays


def _notes(rows: Any) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for pid, note in rows:
        out.setdefault(int(pid), []).append(note)
    return out


def docs_for(connection: Connection, desk: int, ids: list[int]) -> list[Doc]:
    """The people of `desk` among `ids` who still exist (an id missing from the answer was deleted)."""
    out: list[Doc] = []
    for start in range(0, len(ids), BATCH):
        params = {"desk": desk, "ids": ids[start:start + BATCH]}
        notes = _notes(connection.execute(_NOTES_BY_IDS, params))
        resumes = _resumes(connection.execute(_RESUMES_BY_IDS, params))
        out += [_doc(desk, r, notes, resumes) for r in connection.execute(_BY_IDS, params)]
    return out


def all_docs(connection: Connection, page: int = 20_000) -> Iterator[list[Doc]]:
    """Everyone of every desk, desk by desk in pages by id (a million people never sit in memory at once)."""
    for desk in [int(d) for d in connection.execute(_DESKS).scalars()]:
        last = 0
        while True:
            rows: list[Any] = list(connection.execute(_PAGE, {"desk": desk, "last": last, "n": page}))
            if not rows:
                break
            first, last = int(rows[0][0]), int(rows[-1][0])
            span = {"desk": desk, "a": first, "b": last}
            notes = _notes(connection.execute(_NOTES_RANGE, span))
            resumes = _resumes(connection.execute(_RESUMES_RANGE, span))
            yield [_doc(desk, r, notes, resumes) for r in rows]
