"""Read-only queries over people: the selection for outreach, names by company."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, func, or_, select

from callsheet.store.tables import candidacies, companies, people
from callsheet.store.tenancy import desk_of


class PeopleQueries:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def outreach_ids(self, words: list[str] | None, job_id: int | None, page: int) -> Iterator[list[int]]:
        """Ids of the people for outreach (no suppression), lowest first, `page` at a time: only those in
        the pipeline of `job_id` when given, and each of `words` in their name, title or company."""
        desk = self.desk
        base = select(people.c.id).where(people.c.desk_id == desk, people.c.suppression == "none")
        if job_id is not None:
            base = base.where(people.c.id.in_(select(candidacies.c.person_id).where(
                candidacies.c.desk_id == desk, candidacies.c.job_id == job_id)))
        if words is not None:
            company = select(companies.c.name).where(
                companies.c.desk_id == desk, companies.c.desk_id == people.c.desk_id,
                companies.c.id == people.c.company_id).scalar_subquery()
            for word in words:
                pattern = f"%{word}%"
                base = base.where(or_(func.lower(people.c.name).like(pattern),
                                      func.lower(people.c.title).like(pattern), func.lower(company).like(pattern)))
        last = 0
        while True:
            ids = list(self.c.execute(base.where(people.c.id > last).order_by(people.c.id).limit(page)).scalars())
            if not ids:
                return
            yield ids
            last = ids[-1]

    def named_at_companies(self) -> list[tuple[int, str, str, str, int]]:
        """(id, name, first name, last name, company id) of everyone at a company, erased people left
        out, by id."""
        query = select(people.c.id, people.c.name, people.c.first_name, people.c.last_name, people.c.company_id).where(
            people.c.desk_id == self.desk, people.c.company_id.is_not(None), people.c.suppression != "erased"
        ).order_by(people.c.id)
        return [(pid, name, first, last, company_id) for pid, name, first, last, company_id in self.c.execute(query)]

    def company_names(self) -> dict[int, str]:
        """Every company's name, by id."""
        return {cid: cname for cid, cname in self.c.execute(
            select(companies.c.id, companies.c.name).where(companies.c.desk_id == self.desk))}
