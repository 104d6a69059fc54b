"""Numbers marked through the people who held them: do-not-call, deceased and erased people's numbers.

A mark travels with the number: whoever holds it later finds it here, until an admin releases the
number from that person's claim. An erased person's numbers are known only by their salted hashes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select

from callsheet.domain.model import NumberMark, PhoneStatus, Suppression
from callsheet.store.tables import erased_keys, number_releases, people, phones
from callsheet.store.tenancy import desk_of, desk_salt

_CHUNK = 900
_MARK = (people.c.id, people.c.suppression, people.c.suppressed_at, people.c.suppressed_by)


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    listed = sorted(values)
    for start in range(0, len(listed), _CHUNK):
        yield listed[start:start + _CHUNK]


class NumberRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def salt(self) -> str | None:
        """The desk's hash salt, or None while there is none (nobody erased, no number released, nothing
        imported). Read only: ImportRepository.desk_salt makes it."""
        return desk_salt(self.c, make=False)

    def marks(self, numbers: Mapping[str, str | None]) -> list[NumberMark]:
        """Every marked person's claim on these numbers (E.164 -> its salted hash, or None without a
        salt), oldest mark first, each with the moment it was released if it was."""
        if not numbers:
            return []
        found: list[NumberMark] = []
        desk = self.desk
        for chunk in _chunks(numbers):
            query = (select(phones.c.e164, *_MARK)
                     .select_from(phones.join(people, and_(people.c.desk_id == phones.c.desk_id,
                                                           people.c.id == phones.c.person_id)))
                     .where(phones.c.desk_id == desk, people.c.desk_id == desk, phones.c.e164.in_(chunk),
                            phones.c.status == PhoneStatus.OK.value,
                            people.c.suppression != Suppression.NONE.value))
            found += [NumberMark(e164, pid, Suppression(mark), at, by or "") for e164, pid, mark, at, by in
                      self.c.execute(query)]
        by_digest = {d: e164 for e164, d in numbers.items() if d}
        released: dict[tuple[str, int | None], datetime] = {}
        for chunk in _chunks(by_digest):
            query = (select(erased_keys.c.digest, *_MARK)
                     .select_from(erased_keys.join(people, and_(people.c.desk_id == erased_keys.c.desk_id,
                                                                people.c.id == erased_keys.c.person_id)))
                     .where(erased_keys.c.desk_id == desk, people.c.desk_id == desk, erased_keys.c.kind == "phone",
                            erased_keys.c.digest.in_(chunk)))
            found += [NumberMark(by_digest[d], pid, Suppression(mark), at, by or "") for d, pid, mark, at, by in
                      self.c.execute(query)]
            query = select(number_releases.c.digest, number_releases.c.person_id, number_releases.c.at).where(
                number_releases.c.desk_id == desk, number_releases.c.digest.in_(chunk))
            for row in self.c.execute(query):
                key = (by_digest[row.digest], row.person_id)
                released[key] = min(row.at, released.get(key, row.at))
        if released:
            found = [NumberMark(m.e164, m.person_id, m.suppression, m.at, m.by, released.get((m.e164, m.person_id)))
                     for m in found]
        found.sort(key=lambda m: (m.e164, m.at.timestamp() if m.at else 0.0, m.person_id))
        return list({(m.e164, m.person_id): m for m in found}.values())

    def release(self, person_id: int, digest: str, reason: str, user_id: int | None, user_name: str,
                at: datetime) -> int:
        """Free a number (by its salted hash) from one marked person's claim."""
        return int(self.c.execute(insert(number_releases).values(
            desk_id=self.desk, person_id=person_id, digest=digest, reason=reason, user_id=user_id,
            user_name=user_name, at=at,
        ).returning(number_releases.c.id)).scalar_one())
