"""Do-not-call lists from outside: the lists, their numbers (E.164) and the audit of each version.

A number stays on its row from the import that listed it to the import (or removal) that released it,
so the policy can be asked as of any moment, and a list's history shows every change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from callsheet.domain.model import NumberMark, Suppression
from callsheet.store.imports.bulk import chunks, insert_rows
from callsheet.store.tables import dnc_events, dnc_lists, dnc_numbers
from callsheet.store.tenancy import desk_of

_LISTED = dnc_events.alias("listed_by")
_RELEASED = dnc_events.alias("released_by")


class DncListRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def marks(self, numbers: Iterable[str]) -> list[NumberMark]:
        """Every list's claim on these E.164 numbers, released or not, oldest first."""
        found: list[NumberMark] = []
        desk = self.desk
        query = (select(dnc_numbers.c.e164, dnc_lists.c.name, _LISTED.c.at, _LISTED.c.user_name, _RELEASED.c.at)
                 .select_from(dnc_numbers.join(dnc_lists, (dnc_lists.c.desk_id == dnc_numbers.c.desk_id)
                                               & (dnc_lists.c.id == dnc_numbers.c.list_id))
                              .join(_LISTED, (_LISTED.c.desk_id == dnc_numbers.c.desk_id)
                                    & (_LISTED.c.id == dnc_numbers.c.listed_event_id))
                              .outerjoin(_RELEASED, (_RELEASED.c.desk_id == dnc_numbers.c.desk_id)
                                         & (_RELEASED.c.id == dnc_numbers.c.released_event_id)
                                         & (_RELEASED.c.desk_id == desk)))
                 .where(dnc_numbers.c.desk_id == desk, dnc_lists.c.desk_id == desk, _LISTED.c.desk_id == desk))
        for chunk in chunks(sorted(set(numbers))):
            found += [NumberMark(e164, None, Suppression.DO_NOT_CALL, at, by or "", released, name)
                      for e164, name, at, by, released in self.c.execute(query.where(dnc_numbers.c.e164.in_(chunk)))]
        found.sort(key=lambda m: (m.e164, m.at.timestamp() if m.at else 0.0, m.list_name))
        return found

    # -- lists -------------------------------------------------------------------------------------
    def named(self, name: str) -> dict[str, Any] | None:
        row = self.c.execute(select(dnc_lists).where(dnc_lists.c.desk_id == self.desk,
                                                            dnc_lists.c.name == name)).mappings().first()
        return None if row is None else dict(row)

    def add(self, name: str, now: datetime) -> int:
        new_id: int = self.c.execute(insert(dnc_lists).values(name=name, created_at=now)).inserted_primary_key.id  # type: ignore[union-attr]
        return new_id

    def set_removed(self, list_id: int, at: datetime | None) -> None:
        self.c.execute(update(dnc_lists).where(dnc_lists.c.desk_id == self.desk, dnc_lists.c.id == list_id)
                       .values(removed_at=at))

    def summaries(self) -> list[dict[str, Any]]:
        """The lists in force, by name: how many numbers each holds, and its last import (when, by whom)."""
        desk = self.desk
        counts = (select(dnc_numbers.c.desk_id, dnc_numbers.c.list_id, func.count().label("count"))
                  .where(dnc_numbers.c.desk_id == desk, dnc_numbers.c.released_event_id.is_(None))
                  .group_by(dnc_numbers.c.desk_id, dnc_numbers.c.list_id).subquery())
        last = (select(dnc_events.c.desk_id, dnc_events.c.list_id, func.max(dnc_events.c.id).label("event_id"))
                .where(dnc_events.c.desk_id == desk, dnc_events.c.action == "import")
                .group_by(dnc_events.c.desk_id, dnc_events.c.list_id).subquery())
        query = (select(dnc_lists.c.name, func.coalesce(counts.c.count, 0).label("count"),
                        dnc_events.c.at.label("imported_at"), dnc_events.c.user_name.label("imported_by"),
                        dnc_events.c.file)
                 .select_from(dnc_lists.join(last, (last.c.desk_id == dnc_lists.c.desk_id)
                                             & (last.c.list_id == dnc_lists.c.id))
                              .join(dnc_events, (dnc_events.c.desk_id == last.c.desk_id)
                                    & (dnc_events.c.id == last.c.event_id))
                              .outerjoin(counts, (counts.c.desk_id == dnc_lists.c.desk_id)
                                         & (counts.c.list_id == dnc_lists.c.id)))
                 .where(dnc_lists.c.desk_id == desk, dnc_events.c.desk_id == desk, dnc_lists.c.removed_at.is_(None))
                 .order_by(dnc_lists.c.name))
        return [dict(row) for row in self.c.execute(query).mappings()]

    def count(self, list_id: int) -> int:
        return int(self.c.execute(select(func.count()).select_from(dnc_numbers).where(
            dnc_numbers.c.desk_id == self.desk, dnc_numbers.c.list_id == list_id,
            dnc_numbers.c.released_event_id.is_(None))).scalar_one())

    # -- versions and their audit ------------------------------------------------------------------
    def add_event(self, list_id: int, action: str, at: datetime, user_id: int | None, user_name: str, *,
                  file: str = "", listed: int, added: int, released: int, rejected: int = 0) -> int:
        new_id: int = self.c.execute(insert(dnc_events).values(
            list_id=list_id, action=action, file=file, listed=listed, added=added, released=released,
            rejected=rejected, user_id=user_id, user_name=user_name, at=at,
        )).inserted_primary_key.id  # type: ignore[union-attr]
        return new_id

    def events(self, list_id: int) -> list[dict[str, Any]]:
        query = (select(dnc_events.c.action, dnc_events.c.at, dnc_events.c.user_name, dnc_events.c.file,
                        dnc_events.c.listed, dnc_events.c.added, dnc_events.c.released, dnc_events.c.rejected)
                 .where(dnc_events.c.desk_id == self.desk, dnc_events.c.list_id == list_id).order_by(dnc_events.c.id))
        return [dict(row) for row in self.c.execute(query).mappings()]

    # -- numbers -----------------------------------------------------------------------------------
    def listed(self, list_id: int) -> set[str]:
        """The numbers a list holds now."""
        query = select(dnc_numbers.c.e164).where(dnc_numbers.c.desk_id == self.desk,
                                                 dnc_numbers.c.list_id == list_id,
                                                 dnc_numbers.c.released_event_id.is_(None))
        return set(self.c.execute(query).scalars())

    def list_numbers(self, list_id: int, event_id: int, numbers: list[str]) -> None:
        """Put numbers on a list: one bulk insert (COPY on PostgreSQL)."""
        if numbers:
            insert_rows(self.c, dnc_numbers, ["e164"], [(n,) for n in numbers],
                        {"list_id": list_id, "listed_event_id": event_id})

    def release(self, list_id: int, event_id: int, numbers: list[str] | None = None) -> int:
        """Take numbers off a list (all of them without `numbers`); returns how many were released."""
        still = and_(dnc_numbers.c.desk_id == self.desk, dnc_numbers.c.list_id == list_id,
                     dnc_numbers.c.released_event_id.is_(None))
        statement = update(dnc_numbers).values(released_event_id=event_id)
        if numbers is None:
            return int(self.c.execute(statement.where(still)).rowcount)
        done = 0
        for chunk in chunks(numbers):
            done += int(self.c.execute(statement.where(still, dnc_numbers.c.e164.in_(chunk))).rowcount)
        return done
