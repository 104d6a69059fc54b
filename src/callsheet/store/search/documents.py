"""Reading people from the store as the index and the match arrays need them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

_COLUMNS = ("p.id, p.name, p.title, coalesce(c.name, ''), p.skills, p.profile, p.city, p.seniority, p.active, "
            "p.lat, p.lon, p.suppression")
_BY_IDS = text(f"SELECT {_COLUMNS} FROM people p LEFT JOIN companies c ON c.id = p.company_id "
               "WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True))
_NOTES_BY_IDS = text("SELECT person_id, notes FROM touches WHERE person_id IN :ids AND notes <> '' "
                     "ORDER BY person_id, id").bindparams(bindparam("ids", expanding=True))
_PAGE = text(f"SELECT {_COLUMNS} FROM people p LEFT JOIN companies c ON c.id = p.company_id "
             "WHERE p.id > :last ORDER BY p.id LIMIT :n")
_NOTES_RANGE = text("SELECT person_id, notes FROM touches WHERE person_id BETWEEN :a AND :b AND notes <> '' "
                    "ORDER BY person_id, id")
# A person's current résumé (the newest) is searched and matched as their profile is.
_RESUMES_BY_IDS = text("SELECT person_id, text FROM resumes WHERE person_id IN :ids ORDER BY person_id, id") \
    .bindparams(bindparam("ids", expanding=True))
_RESUMES_RANGE = text("SELECT person_id, text FROM resumes WHERE person_id BETWEEN :a AND :b ORDER BY person_id, id")
BATCH = 5000  # ids per IN list: well under SQLite's bound-variable limit


@dataclass(frozen=True)
class Doc:
    """One person as searched and matched: text fields, then the features filters and fit read."""

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


def _doc(row: Any, notes: dict[int, list[str]], resumes: dict[int, str]) -> Doc:
    pid = int(row[0])
    profile = f"{row[5]}\n{resume}" if (resume := resumes.get(pid)) else row[5]
    return Doc(pid, row[1], row[2], row[3], row[4], profile, row[6], row[7], bool(row[8]), row[9], row[10], row[11],
               " ".join(notes.get(pid, ())))


def _resumes(rows: Any) -> dict[int, str]:
    return {int(pid): body for pid, body in rows}  # ordered by id: the newest stays


def _notes(rows: Any) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for pid, note in rows:
        out.setdefault(int(pid), []).append(note)
    return out


def docs_for(connection: Connection, ids: list[int]) -> list[Doc]:
    """The people among `ids` who still exist (an id missing from the answer was deleted)."""
    out: list[Doc] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        notes = _notes(connection.execute(_NOTES_BY_IDS, {"ids": chunk}))
        resumes = _resumes(connection.execute(_RESUMES_BY_IDS, {"ids": chunk}))
        out += [_doc(r, notes, resumes) for r in connection.execute(_BY_IDS, {"ids": chunk})]
    return out


def all_docs(connection: Connection, page: int = 20_000) -> Iterator[list[Doc]]:
    """Everyone, in pages by id (a million people never sit in memory at once)."""
    last = 0
    while True:
        rows: list[Any] = list(connection.execute(_PAGE, {"last": last, "n": page}))
        if not rows:
            return
        first, last = int(rows[0][0]), int(rows[-1][0])
        notes = _notes(connection.execute(_NOTES_RANGE, {"a": first, "b": last}))
        resumes = _resumes(connection.execute(_RESUMES_RANGE, {"a": first, "b": last}))
        yield [_doc(r, notes, resumes) for r in rows]
