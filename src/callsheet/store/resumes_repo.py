"""Résumé files on people's cards: the bytes, their text, what the text proposed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from callsheet.store.tables import people, resumes
from callsheet.store.tenancy import desk_of

_LISTED = (resumes.c.id, resumes.c.person_id, resumes.c.file_name, resumes.c.content_type, resumes.c.size,
           resumes.c.sha256, resumes.c.proposed, resumes.c.user_name, resumes.c.created_at)


class ResumeRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def known(self, sha256: str) -> int | None:
        """The person who holds a file with these bytes, if anyone does (the lowest id first)."""
        row = self.c.execute(select(resumes.c.person_id).where(resumes.c.desk_id == self.desk,
                                                               resumes.c.sha256 == sha256)
                             .order_by(resumes.c.person_id).limit(1)).first()
        return int(row[0]) if row else None

    def held_by(self, person_id: int, sha256: str) -> bool:
        return self.c.execute(select(resumes.c.id).where(
            resumes.c.desk_id == self.desk, resumes.c.person_id == person_id, resumes.c.sha256 == sha256
        )).first() is not None

    def add(self, person_id: int, file_name: str, content_type: str, sha256: str, content: bytes, text: str,
            proposed: str, user_name: str, now: datetime) -> int:
        return int(self.c.execute(insert(resumes).values(
            desk_id=self.desk, person_id=person_id, file_name=file_name, content_type=content_type, size=len(content),
            sha256=sha256, content=content, text=text, proposed=proposed, user_name=user_name, created_at=now,
        ).returning(resumes.c.id)).scalar_one())

    def of_person(self, person_id: int) -> list[dict[str, Any]]:
        """A person's résumés, newest first (the first is the current one), without their bytes."""
        rows = self.c.execute(select(*_LISTED).where(resumes.c.desk_id == self.desk, resumes.c.person_id == person_id)
                              .order_by(resumes.c.id.desc())).all()
        return [dict(r._mapping) for r in rows]

    def file(self, resume_id: int) -> tuple[int, str, str, bytes] | None:
        """(person, file name, content type, bytes) of one résumé."""
        row = self.c.execute(select(resumes.c.person_id, resumes.c.file_name, resumes.c.content_type,
                                    resumes.c.content).where(
                                    resumes.c.desk_id == self.desk, resumes.c.id == resume_id)).first()
        return (int(row[0]), row[1], row[2], bytes(row[3])) if row else None

    def fill_blanks(self, person_id: int, skills: list[str], seniority: int | None, now: datetime) -> None:
        """Give a person the résumé's skills they lack, and its seniority when they have none; nothing
        stored is overwritten."""
        mine = people.c.desk_id == self.desk
        stored = self.c.execute(select(people.c.skills).where(mine, people.c.id == person_id)).scalar()
        if stored is None:
            return
        have = [s for s in stored.split(",") if s]
        more = [s for s in skills if s not in have]
        if more:
            self.c.execute(update(people).where(mine, people.c.id == person_id)
                           .values(skills=",".join(have + more), updated_at=now))
        if seniority is not None:
            self.c.execute(update(people).where(mine, people.c.id == person_id, people.c.seniority.is_(None))
                           .values(seniority=seniority, updated_at=now))

    def suppression_of(self, person_id: int) -> str | None:
        row = self.c.execute(select(people.c.suppression).where(people.c.desk_id == self.desk,
                                                                people.c.id == person_id)).first()
        return str(row[0]) if row else None


