"""The user's own call scripts, one per kind of call and part (voicemail or conversation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from callsheet.store.tables import applications, companies, scripts
from callsheet.store.tenancy import desk_of


@dataclass(frozen=True)
class StoredScript:
    kind: str
    part: str
    body: str
    updated_by: str
    updated_at: datetime


class ScriptRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def all(self) -> dict[tuple[str, str], StoredScript]:
        rows = self.c.execute(select(scripts).where(scripts.c.desk_id == self.desk))
        return {(r.kind, r.part): StoredScript(r.kind, r.part, r.body, r.updated_by, r.updated_at) for r in rows}

    def get(self, kind: str, part: str) -> StoredScript | None:
        return self.all().get((kind, part))

    def save(self, kind: str, part: str, body: str, user: str, now: datetime) -> None:
        values = {"body": body, "updated_by": user, "updated_at": now}
        done = self.c.execute(update(scripts).where(scripts.c.desk_id == self.desk, scripts.c.kind == kind,
                                                    scripts.c.part == part).values(**values))
        if not done.rowcount:
            self.c.execute(insert(scripts).values(kind=kind, part=part, **values))

    def application_for_contact(self, person_id: int) -> tuple[str, str, str] | None:
        """(role, company, applied_on) of the latest application this person is the contact for."""
        row = self.c.execute(
            select(applications.c.role, companies.c.name, applications.c.applied_on)
            .select_from(applications.join(companies, (companies.c.desk_id == applications.c.desk_id)
                                           & (companies.c.id == applications.c.company_id)))
            .where(applications.c.desk_id == self.desk, companies.c.desk_id == self.desk,
                   applications.c.contact_person_id == person_id)
            .order_by(applications.c.applied_on.desc(), applications.c.id.desc())).first()
        return (row[0], row[1], row[2].isoformat()) if row else None
