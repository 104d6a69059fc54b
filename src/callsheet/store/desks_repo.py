"""Desks and desk keys: the global tables a request reads to find its desk (no desk filter: rule 6).

`desk_keys` maps a fact unique across every desk (a login, an API token's hash, a share link's, a
telephony provider's call id) to the desk that holds it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from callsheet.domain.desks import CALL, LOGIN, NUMBER, SHARE, TOKEN, DeskRecord
from callsheet.store.tables import desk_keys, desks

__all__ = ["CALL", "LOGIN", "NUMBER", "SHARE", "TOKEN", "DeskRepository"]


def _record(row: Any) -> DeskRecord:
    return DeskRecord(row.id, row.name, row.timezone, row.holidays, row.window_start, row.window_end,
                      row.created_at, row.number)


class DeskRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def add(self, name: str, now: datetime, timezone: str = "", holidays: str = "", window_start: str = "",
            window_end: str = "", number: str = "") -> DeskRecord | None:
        """A new desk, or None when the name is taken. Its number ("" for none) becomes its desk key:
        the caller checks first that no desk holds it."""
        try:
            with self.c.begin_nested():
                new_id = self.c.execute(insert(desks).values(
                    name=name, timezone=timezone, holidays=holidays, window_start=window_start,
                    window_end=window_end, number=number, created_at=now)).inserted_primary_key[0]  # type: ignore[index]
                if number:
                    self.c.execute(insert(desk_keys).values(kind=NUMBER, key=number, desk_id=new_id))
        except IntegrityError:
            return None
        return self.get(int(new_id))

    def all(self) -> list[DeskRecord]:
        return [_record(r) for r in self.c.execute(select(desks).order_by(desks.c.id))]

    def get(self, desk_id: int) -> DeskRecord | None:
        row = self.c.execute(select(desks).where(desks.c.id == desk_id)).first()
        return _record(row) if row else None

    def by_name(self, name: str) -> DeskRecord | None:
        row = self.c.execute(select(desks).where(desks.c.name == name)).first()
        return _record(row) if row else None

    # -- desk keys ---------------------------------------------------------------------------------
    def desk_of(self, kind: str, key: str) -> int | None:
        """The desk that holds `key` of `kind`, or None."""
        found = self.c.execute(select(desk_keys.c.desk_id).where(desk_keys.c.kind == kind,
                                                                  desk_keys.c.key == key)).scalar()
        return int(found) if found is not None else None

    def claim(self, kind: str, key: str, desk_id: int) -> bool:
        """Map `key` to the desk; False (and nothing written) when some desk holds it already."""
        try:
            with self.c.begin_nested():
                self.c.execute(insert(desk_keys).values(kind=kind, key=key, desk_id=desk_id))
        except IntegrityError:
            return self.desk_of(kind, key) == desk_id
        return True

    def rename(self, kind: str, old: str, new: str, desk_id: int) -> None:
        """A key that changes (a login renamed) keeps its desk."""
        self.c.execute(update(desk_keys).where(desk_keys.c.kind == kind, desk_keys.c.key == old,
                                               desk_keys.c.desk_id == desk_id).values(key=new))
