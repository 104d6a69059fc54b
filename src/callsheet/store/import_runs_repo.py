"""Imports started from the web desk or the API: each run's progress, counts and rejects file."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from callsheet.store.tables import import_runs, users
from callsheet.store.tenancy import desk_of

#: Every column but the rejects file's bytes, and whether there is one: what a run's page shows.
_SHOWN = [c for c in import_runs.c if c.name != "rejects"]


class ImportRunRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def add(self, run_id: str, kind: str, filename: str, user_id: int, dry_run: bool, bytes_total: int,
            now: datetime) -> None:
        self.c.execute(insert(import_runs).values(
            id=run_id, kind=kind, filename=filename, user_id=user_id, dry_run=dry_run, state="running",
            started_at=now, updated_at=now, bytes_total=bytes_total, bytes_done=0, rows=0, created=0, merged=0,
            suppressed=0, rejected=0, problems=0, error="", error_field="", rejects_left_out=0))

    def progress(self, run_id: str, now: datetime, **counts: int) -> None:
        """Write how far a running import has got (bytes_done, rows and the counts so far)."""
        self.c.execute(update(import_runs).where(import_runs.c.desk_id == self.desk, import_runs.c.id == run_id,
                                                 import_runs.c.state == "running")
                       .values(updated_at=now, **counts))

    def finish(self, run_id: str, now: datetime, state: str, rejects: bytes | None, **values: Any) -> None:
        """The run's end: its state, final counts, error (if any) and rejects file; a run done read all its file."""
        if state == "done":
            values["bytes_done"] = import_runs.c.bytes_total
        self.c.execute(update(import_runs).where(import_runs.c.desk_id == self.desk, import_runs.c.id == run_id)
                       .values(state=state, updated_at=now, finished_at=now, rejects=rejects, **values))

    def get(self, run_id: str) -> dict[str, Any] | None:
        """A run as its page shows it (with `has_rejects` and its starter's `login`), without the rejects file."""
        row = self.c.execute(self._shown().where(import_runs.c.id == run_id)).first()
        return dict(row._mapping) if row else None

    def recent(self, user_id: int | None, limit: int) -> list[dict[str, Any]]:
        """The newest runs, of one user (or everyone's for None), newest first."""
        query = self._shown().order_by(import_runs.c.started_at.desc(), import_runs.c.id).limit(limit)
        if user_id is not None:
            query = query.where(import_runs.c.user_id == user_id)
        return [dict(row._mapping) for row in self.c.execute(query)]

    def rejects(self, run_id: str) -> bytes | None:
        found = self.c.execute(select(import_runs.c.rejects).where(import_runs.c.desk_id == self.desk,
                                                                         import_runs.c.id == run_id)).scalar()
        return bytes(found) if found is not None else None

    def _shown(self) -> Any:
        return (select(*_SHOWN, import_runs.c.rejects.is_not(None).label("has_rejects"), users.c.login)
                .select_from(import_runs.join(users, (users.c.desk_id == import_runs.c.desk_id)
                                              & (users.c.id == import_runs.c.user_id)))
                .where(import_runs.c.desk_id == self.desk, users.c.desk_id == self.desk))
