"""Import runs kept in the store, so every server of the desk shows a run's progress, counts and rejects
file, and a restart forgets none of them.

A run is written when it starts, after every batch of a real import (each batch is its own transaction)
and when it ends. A dry run is one transaction rolled back at its end, so its counts are written then.

Interrupted: a run still `running` whose progress has not been written for STALE_AFTER is shown as
interrupted. The server running it stopped (a restart, a crash) and nobody else will finish it; its
whole batches are stored, and importing the file again finishes it without duplicates. No server
marks another's runs: with several servers on one database, none can tell that another has stopped.

A run and its rejects file are seen by the user who started it and by admins; for anyone else it does
not exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.errors import NotFound
from callsheet.domain.model import Role
from callsheet.domain.users import User
from callsheet.services.imports.engine import Summary
from callsheet.services.unit import UnitOfWork

#: How long a running import may go without writing progress before it is shown as interrupted.
STALE_AFTER = timedelta(minutes=10)
#: How many runs the import page lists.
RECENT = 20
INTERRUPTED_ERROR = ("the import stopped when its server did; whole batches already stored are kept, "
                     "and running the file again finishes it without duplicates")


@dataclass(frozen=True)
class ImportRun:
    """One import as its page and the API show it; `status` is running, done, failed or interrupted."""

    id: str
    kind: str
    filename: str
    user_id: int
    login: str
    dry_run: bool
    status: str
    started_at: datetime
    finished_at: datetime | None
    total: int
    done: int
    rows: int
    created: int
    merged: int
    suppressed: int
    rejected: int
    problems: int
    error: str
    error_field: str
    has_rejects: bool
    rejects_left_out: int

    @property
    def percent(self) -> int:
        return 100 if self.status != "running" or not self.total else min(99, self.done * 100 // self.total)

    def view(self) -> dict[str, Any]:
        view = asdict(self)
        for name in ("total", "done", "error_field", "user_id"):
            del view[name]
        view.update(percent=self.percent, error=self.error or None, started_at=self.started_at.isoformat(),
                    finished_at=self.finished_at.isoformat() if self.finished_at else None)
        return view


def _counts(summary: Summary) -> dict[str, int]:
    return {"rows": summary.rows, "created": summary.created, "merged": summary.merged,
            "suppressed": summary.suppressed, "rejected": summary.rejected, "problems": summary.problems}


def _run(row: Mapping[str, Any], now: datetime) -> ImportRun:
    status, error = row["state"], row["error"]
    if status == "running" and now - row["updated_at"] > STALE_AFTER:
        status, error = "interrupted", INTERRUPTED_ERROR
    return ImportRun(row["id"], row["kind"], row["filename"], row["user_id"], row["login"], row["dry_run"], status,
                     row["started_at"], row["finished_at"], row["bytes_total"], row["bytes_done"], row["rows"],
                     row["created"], row["merged"], row["suppressed"], row["rejected"], row["problems"], error,
                     row["error_field"], bool(row["has_rejects"]), row["rejects_left_out"])


def begin(uow: UnitOfWork, clock: Clock, run_id: str, kind: str, filename: str, user_id: int, dry_run: bool,
          total: int) -> None:
    with uow.one_statement():
        uow.import_runs.add(run_id, kind, filename[:200], user_id, dry_run, total, clock.now())


def record_progress(uow: UnitOfWork, clock: Clock, run_id: str, done: int, total: int, summary: Summary) -> None:
    """After a batch: how far through the file the import is, and its counts so far."""
    with uow.one_statement():
        uow.import_runs.progress(run_id, clock.now(), bytes_done=done, bytes_total=total, **_counts(summary))


def finish(uow: UnitOfWork, clock: Clock, run_id: str, summary: Summary | None, rejects: bytes | None, *,
           error: str = "", error_field: str = "") -> None:
    """The run's end: done with its summary, or failed with the error (its counts stay as last written)."""
    values: dict[str, Any] = {"error": error, "error_field": error_field}
    if summary is not None and not error:
        values.update(_counts(summary), rejects_left_out=summary.rejects_left_out)
    with uow.one_statement():
        uow.import_runs.finish(run_id, clock.now(), "failed" if error else "done", rejects, **values)


def safe_name(filename: str) -> str:
    """The uploaded file's own name, reduced to harmless characters.

    >>> safe_name("../../etc/pass wd.csv"), safe_name("")
    ('pass_wd.csv', 'upload')
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename.replace("\\", "/")).name).strip("._")
    return name[:100] or "upload"


def _sees_all(user: User) -> bool:
    return user.role == Role.ADMIN.value


def run_for(uow: UnitOfWork, clock: Clock, run_id: str, user: User) -> ImportRun:
    """A run its starter (or an admin) may see; for anyone else it does not exist."""
    with uow.reading():
        row = uow.import_runs.get(run_id)
    if row is None or not (_sees_all(user) or row["user_id"] == user.id):
        raise NotFound("import", run_id)
    return _run(row, clock.now())


def recent_runs(uow: UnitOfWork, clock: Clock, user: User, limit: int = RECENT) -> list[ImportRun]:
    """The newest runs the user may see (an admin: everyone's), newest first."""
    with uow.reading():
        rows = uow.import_runs.recent(None if _sees_all(user) else user.id, limit)
    now = clock.now()
    return [_run(row, now) for row in rows]


def rejects_of(uow: UnitOfWork, clock: Clock, run_id: str, user: User) -> tuple[str, bytes]:
    """A run's rejects file as (download name, CSV bytes); NotFound when it has none or is not the user's."""
    run = run_for(uow, clock, run_id, user)
    with uow.reading():
        content = uow.import_runs.rejects(run_id) if run.has_rejects else None
    if content is None:
        raise NotFound("rejects file of import", run_id)
    stem = safe_name(run.filename).rsplit(".", 1)[0] or "import"
    return f"{stem}.rejects.csv", content
