"""Failed sign-ins per account and per client address, shared by every server process.

A global table (no desk): a login is unique across every desk, and an address is the client's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, case, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from callsheet.store.tables import sign_in_failures as failures


@dataclass(frozen=True)
class FailureRecord:
    failures: int
    last_at: datetime
    refused_until: datetime | None


class SignInRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def get(self, key: str) -> FailureRecord | None:
        row = self.c.execute(select(failures.c.failures, failures.c.last_at, failures.c.refused_until)
                             .where(failures.c.key == key)).first()
        return FailureRecord(row.failures, row.last_at, row.refused_until) if row else None

    def fail(self, key: str, now: datetime, forgotten_before: datetime) -> int:
        """Count one more failure of `key` (one statement, so processes never lose a count); a count
        whose last failure is older than `forgotten_before` starts again. Returns the new count."""
        bumped = case((failures.c.last_at < forgotten_before, 1), else_=failures.c.failures + 1)
        row = self.c.execute(update(failures).where(failures.c.key == key)
                             .values(failures=bumped, last_at=now).returning(failures.c.failures)).first()
        if row is not None:
            return int(row.failures)
        try:
            with self.c.begin_nested():
                self.c.execute(insert(failures).values(key=key, failures=1, last_at=now, refused_until=None))
            return 1
        except IntegrityError:  # another process counted the first failure at the same moment
            return self.fail(key, now, forgotten_before)

    def refuse_until(self, key: str, until: datetime | None) -> None:
        self.c.execute(update(failures).where(failures.c.key == key).values(refused_until=until))

    def forget(self, key: str) -> None:
        self.c.execute(delete(failures).where(failures.c.key == key))
