"""Who knows whom: the "knows" links of a desk's users and people, and what the network map reads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, and_, case, func, insert, or_, select

from callsheet.store.tables import companies, people, person_links, touches
from callsheet.store.tenancy import desk_of


class NetworkRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def knows(self, person_id: int, user_id: int | None = None, other_id: int | None = None) -> bool:
        """Whether the user knows the person, or (with other_id) the two people know each other either way."""
        if other_id is None:
            exists = select(person_links.c.id).where(person_links.c.desk_id == self.desk,
                                                     person_links.c.person_id == person_id,
                                                     person_links.c.kind == "knows",
                                                     person_links.c.user_id == user_id)
        else:
            exists = select(person_links.c.id).where(
                person_links.c.desk_id == self.desk, person_links.c.kind == "knows",
                or_(and_(person_links.c.person_id == person_id, person_links.c.other_person_id == other_id),
                    and_(person_links.c.person_id == other_id, person_links.c.other_person_id == person_id)))
        return self.c.execute(exists).first() is not None

    def add_knows(self, person_id: int, since: datetime, created_at: datetime, user_id: int | None = None,
                  other_id: int | None = None) -> None:
        """A "knows" link: the user knows the person, or (with other_id) the person knows the other."""
        values = {"desk_id": self.desk, "person_id": person_id, "kind": "knows", "since": since,
                  "created_at": created_at}
        if other_id is None:
            values["user_id"] = user_id
        else:
            values["other_person_id"] = other_id
        self.c.execute(insert(person_links).values(**values))

    def known_by(self, user_id: int) -> set[int]:
        """The people a user knows."""
        return set(self.c.execute(
            select(person_links.c.person_id).where(person_links.c.desk_id == self.desk, person_links.c.kind == "knows",
                                                   person_links.c.user_id == user_id)).scalars())

    def links_around(self, ids: set[int]) -> set[tuple[int, int]]:
        """(person, other) of every "knows" link and every referral that touches one of `ids`."""
        links: set[tuple[int, int]] = set()
        for a, b in self.c.execute(
            select(person_links.c.person_id, person_links.c.other_person_id)
            .where(person_links.c.desk_id == self.desk, person_links.c.kind == "knows",
                   person_links.c.other_person_id.is_not(None),
                   or_(person_links.c.person_id.in_(ids), person_links.c.other_person_id.in_(ids)))):
            links.add((a, b))
        for a, b in self.c.execute(
            select(people.c.id, people.c.referred_by_id)
            .where(people.c.desk_id == self.desk, people.c.referred_by_id.is_not(None),
                   or_(people.c.id.in_(ids), people.c.referred_by_id.in_(ids)))):
            links.add((a, b))
        return links

    def touch_tallies(self, ids: Iterable[int], since: datetime, until: datetime,
                      reached: tuple[str, ...]) -> list[tuple[int, int, int, datetime | None]]:
        """(person, touches that reached them, touches, last touch) per person, touches in [since, until]."""
        rows = self.c.execute(
            select(touches.c.person_id,
                   func.sum(case((touches.c.outcome.in_(reached), 1), else_=0)),
                   func.count(), func.max(touches.c.at))
            .where(touches.c.desk_id == self.desk, touches.c.person_id.in_(ids), touches.c.at >= since,
                   touches.c.at <= until)
            .group_by(touches.c.person_id))
        return [(pid, int(hits or 0), int(total), last) for pid, hits, total, last in rows]

    def contact_rows(self, ids: Iterable[int]) -> list[tuple[int, str, int | None, str, str]]:
        """(id, name, company id, suppression, company name) of each person."""
        rows = self.c.execute(
            select(people.c.id, people.c.name, people.c.company_id, people.c.suppression, companies.c.name)
            .select_from(people.outerjoin(companies, and_(companies.c.desk_id == people.c.desk_id,
                                                          companies.c.id == people.c.company_id,
                                                          companies.c.desk_id == self.desk)))
            .where(people.c.desk_id == self.desk, people.c.id.in_(ids)))
        return [(r[0], r[1], r[2], r[3], r[4] or "") for r in rows]
