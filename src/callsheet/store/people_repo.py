"""People with their phones and emails, as domain objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from callsheet.domain.model import Callee, Person, Phone, PhoneStatus, Suppression
from callsheet.domain.tokens import Holder
from callsheet.lookup.names import name_parts
from callsheet.store.raw import RawStatement
from callsheet.store.tables import companies, emails, people, phones
from callsheet.store.tenancy import desk_of
from callsheet.store.tokens_repo import HOLDER_COLUMNS, HOLDER_JOIN, holder_of

_PERSON_COLUMNS = [c for c in people.c if c.name not in ("created_at", "updated_at", "last_touch_at")]
# Every logged touch reads this: straight to the driver, prepared once per connection on PostgreSQL.
_CALLEE = RawStatement("""
SELECT p.name, p.suppression, ph.e164, ph.status, ph.label, ph.id
FROM people p LEFT JOIN phones ph ON ph.desk_id = p.desk_id AND ph.person_id = p.id
WHERE p.desk_id = :desk AND p.id = :person_id ORDER BY ph.position, ph.id
""")
# The same, with the active holder of an API token not revoked, for a touch logged through the API:
# one round trip. The token counts only in the unit of work's desk (the desk the request's token named).
_CALLEE_AND_HOLDER = RawStatement(f"""
SELECT {HOLDER_COLUMNS}, p.name, p.suppression, ph.e164, ph.status, ph.label, ph.id
FROM (SELECT 1 AS one) asked
LEFT JOIN ({HOLDER_JOIN}) ON t.desk_id = :desk AND u.desk_id = :desk
LEFT JOIN people p ON p.desk_id = :desk AND p.id = :person_id
LEFT JOIN phones ph ON ph.desk_id = p.desk_id AND ph.person_id = p.id
ORDER BY ph.position, ph.id
""")


def phone_zones(e164: str) -> tuple[str, ...]:
    # Imported here so the store stays usable without the phone library loaded elsewhere.
    from callsheet.lookup.phones import zones_for

    return zones_for(e164)


def _callee(person_id: int, rows: Sequence[Sequence[Any]]) -> Callee:
    found = [Phone(e164, PhoneStatus(status), label, (), phone_id)
             for _, _, e164, status, label, phone_id in rows if e164 is not None]
    return Callee(person_id, rows[0][0], found, Suppression(rows[0][1]))


class PeopleRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    # -- reading -------------------------------------------------------------------------------
    def _select(self) -> Any:
        return select(*_PERSON_COLUMNS, companies.c.name.label("company_name")).select_from(
            people.outerjoin(companies, and_(companies.c.desk_id == people.c.desk_id,
                                             companies.c.id == people.c.company_id, companies.c.desk_id == self.desk))
        ).where(people.c.desk_id == self.desk)

    def _hydrate(self, rows: Sequence[Any], zones_when_unplaced: bool = False) -> list[Person]:
        """People with phones and emails. A phone's candidate zones cost a phonenumbers parse, so the
        call sheet asks for them only for people whose own zone is unknown (the policy's fallback)."""
        placed = {r.id for r in rows if r.timezone} if zones_when_unplaced else set()
        ids = [r.id for r in rows]
        phone_map: dict[int, list[Phone]] = defaultdict(list)
        email_map: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks(ids, 900):
            for p in self.c.execute(
                select(phones).where(phones.c.desk_id == self.desk, phones.c.person_id.in_(chunk))
                .order_by(phones.c.position, phones.c.id)
            ):
                phone_map[p.person_id].append(
                    Phone(p.e164, PhoneStatus(p.status), p.label,
                          () if p.person_id in placed else phone_zones(p.e164), p.id)
                )
            for e in self.c.execute(
                select(emails).where(emails.c.desk_id == self.desk, emails.c.person_id.in_(chunk))
                .order_by(emails.c.position, emails.c.id)
            ):
                email_map[e.person_id].append(e.address)
        return [self._person(r, phone_map[r.id], email_map[r.id]) for r in rows]

    @staticmethod
    def _person(r: Any, phone_list: list[Phone], email_list: list[str]) -> Person:
        return Person(
            id=r.id, name=r.name, phones=phone_list, emails=email_list, title=r.title,
            company=r.company_name or "", company_id=r.company_id, seniority=r.seniority,
            skills=[s for s in r.skills.split(",") if s], city=r.city, state=r.state, zip=r.zip,
            lat=r.lat, lon=r.lon, timezone=r.timezone, active=bool(r.active), profile=r.profile,
            linkedin_url=r.linkedin_url or "", suppression=Suppression(r.suppression),
            suppressed_at=r.suppressed_at, suppressed_by=r.suppressed_by,
            suppression_reason=r.suppression_reason, referred_by_id=r.referred_by_id,
            first_name=r.first_name, last_name=r.last_name,
        )

    def get(self, person_id: int) -> Person | None:
        rows = self.c.execute(self._select().where(people.c.id == person_id)).all()
        return self._hydrate(rows)[0] if rows else None

    def callee(self, person_id: int) -> Callee | None:
        """The lean read of `get` for logging a touch: one indexed query, no company, no emails, no zones."""
        rows = _CALLEE.rows(self.c, {"desk": desk_of(self.c), "person_id": person_id})
        return _callee(person_id, rows) if rows else None

    def callee_and_holder(self, person_id: int, token_hash: str) -> tuple[Callee | None, Holder | None]:
        """`callee`, and the active user holding the token of that hash, in one round trip."""
        rows = _CALLEE_AND_HOLDER.rows(self.c, {"desk": desk_of(self.c), "person_id": person_id,
                                                "token_hash": token_hash})
        width = len(HOLDER_COLUMNS.split(","))
        callee = _callee(person_id, [r[width:] for r in rows]) if rows[0][width] is not None else None
        return callee, holder_of(rows[0][:width])

    def get_many(self, person_ids: Iterable[int], zones_when_unplaced: bool = False) -> list[Person]:
        ids = list(person_ids)
        found: list[Person] = []
        for chunk in _chunks(ids, 900):
            found += self._hydrate(self.c.execute(self._select().where(people.c.id.in_(chunk))).all(),
                                   zones_when_unplaced)
        order = {pid: i for i, pid in enumerate(ids)}
        return sorted(found, key=lambda p: order[p.id or 0])

    def all(self, limit: int | None = None, offset: int = 0) -> list[Person]:
        query = self._select().order_by(people.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return self._hydrate(self.c.execute(query).all())

    def count(self) -> int:
        return int(self.c.execute(select(func.count()).select_from(people).where(people.c.desk_id == self.desk))
                   .scalar_one())

    def ids_by_phone(self, e164: str) -> list[int]:
        q = (select(phones.c.person_id).where(phones.c.desk_id == self.desk, phones.c.e164 == e164).distinct()
             .order_by(phones.c.person_id))
        return list(self.c.execute(q).scalars())

    def ids_by_email(self, address: str) -> list[int]:
        q = select(emails.c.person_id).where(emails.c.desk_id == self.desk,
                                             emails.c.address == address.lower()).distinct()
        return list(self.c.execute(q.order_by(emails.c.person_id)).scalars())

    def ids_by_linkedin(self, url: str) -> list[int]:
        q = select(people.c.id).where(people.c.desk_id == self.desk, people.c.linkedin_url == url).order_by(people.c.id)
        return list(self.c.execute(q).scalars())

    # -- writing -------------------------------------------------------------------------------
    def add(self, person: Person, now: datetime) -> int:
        values = self._values(person)
        new_id = int(self.c.execute(
            insert(people).values(**values, desk_id=self.desk, created_at=now, updated_at=now).returning(people.c.id)
        ).scalar_one())
        person.id = new_id
        self._write_contacts(new_id, person.phones, person.emails)
        return new_id

    def update(self, person: Person, now: datetime) -> None:
        assert person.id is not None
        self.c.execute(update(people).where(people.c.desk_id == self.desk, people.c.id == person.id)
                       .values(**self._values(person), updated_at=now))
        self.c.execute(delete(emails).where(emails.c.desk_id == self.desk, emails.c.person_id == person.id))
        existing = {p.e164: p for p in self._phones(person.id)}
        for position, phone in enumerate(person.phones):
            if phone.e164 in existing:
                self.c.execute(update(phones).where(phones.c.desk_id == self.desk, phones.c.person_id == person.id,
                                                    phones.c.e164 == phone.e164)
                               .values(position=position, label=phone.label, status=phone.status.value))
            else:
                self.c.execute(insert(phones).values(desk_id=self.desk, person_id=person.id, e164=phone.e164,
                                                     label=phone.label, status=phone.status.value,
                                                     position=position))
        self._write_contacts(person.id, [], person.emails)

    def set_phone_status(self, person_id: int, e164: str, status: PhoneStatus, now: datetime) -> None:
        self.c.execute(update(phones).where(phones.c.desk_id == self.desk, phones.c.person_id == person_id,
                                            phones.c.e164 == e164)
                       .values(status=status.value, status_at=now))

    def _phones(self, person_id: int) -> list[Phone]:
        rows = self.c.execute(select(phones).where(phones.c.desk_id == self.desk, phones.c.person_id == person_id))
        return [Phone(r.e164, PhoneStatus(r.status), r.label, (), r.id) for r in rows]

    def _write_contacts(self, person_id: int, phone_list: list[Phone], email_list: list[str]) -> None:
        if phone_list:
            self.c.execute(insert(phones), [
                {"desk_id": self.desk, "person_id": person_id, "e164": p.e164, "label": p.label,
                 "status": p.status.value, "position": i} for i, p in enumerate(phone_list)
            ])
        if email_list:
            self.c.execute(insert(emails), [
                {"desk_id": self.desk, "person_id": person_id, "address": e.lower(), "position": i}
                for i, e in enumerate(email_list)
            ])

    @staticmethod
    def _values(p: Person) -> dict[str, Any]:
        """The person's row. A person without name parts (a new person, a name edited without them)
        gets them parsed from the name here, once."""
        first, last = (p.first_name, p.last_name) if p.first_name or p.last_name else name_parts(p.name)
        p.first_name, p.last_name = first, last
        return {
            "name": p.name, "first_name": first, "last_name": last, "title": p.title, "company_id": p.company_id,
            "seniority": p.seniority,
            "skills": ",".join(p.skills), "city": p.city, "state": p.state, "zip": p.zip, "lat": p.lat,
            "lon": p.lon, "timezone": p.timezone, "active": p.active, "profile": p.profile,
            "linkedin_url": p.linkedin_url or None, "suppression": p.suppression.value,
            "suppressed_at": p.suppressed_at, "suppressed_by": p.suppressed_by,
            "suppression_reason": p.suppression_reason, "referred_by_id": p.referred_by_id,
        }


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
