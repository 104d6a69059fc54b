"""Backup and restore of a SQLite desk with SQLite's online backup API.

`DeskCopies` works on the file of one engine's desk; it needs no connection of the engine, and
restoring replaces the file under the engine's pooled connections as any other writer would.

A copy is of the whole file: while the file holds one desk that is the desk's own backup. A file that
holds several desks is refused (a copy would carry every desk's records to whoever asked for one, and
restoring one would replace the other desks too); its operator copies the file with sqlite3's .backup.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from callsheet.domain.errors import BadInput, CallsheetError
from callsheet.store.search.place import EPOCH_KEY

REQUIRED_TABLES = {"alembic_version", "people", "phones", "touches", "suppression_events"}


def sqlite_path(database_url: str | URL) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BadInput("database_url", "an in-memory database cannot be backed up")
    return Path(url.database).expanduser()


def pg_dump_command(database_url: str | URL, out: str) -> str:
    url = make_url(database_url)
    parts = ["pg_dump", "--format=custom", f"--file={out}"]
    if url.host:
        parts.append(f"--host={url.host}")
    if url.port:
        parts.append(f"--port={url.port}")
    if url.username:
        parts.append(f"--username={url.username}")
    parts.append(url.database or "")
    return " ".join(parts)


def backup(database_url: str | URL, out: Path) -> int:
    """Copy the live desk to `out` page by page, consistent even while others write. Returns bytes."""
    source_path = sqlite_path(database_url)
    if source_path is None:
        raise CallsheetError("backup works on SQLite desks; for PostgreSQL use: "
                             + pg_dump_command(database_url, str(out)))
    if not source_path.exists():
        raise BadInput("database_url", f"no desk at {source_path}")
    _refuse_several_desks(source_path, f'sqlite3 {source_path} ".backup {out}"')
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
        # A backup file is self-contained: no WAL beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()
    tmp.replace(out)
    return out.stat().st_size


def check_backup(path: Path) -> None:
    """Refuse anything that is not an intact Callsheet desk."""
    if not path.is_file():
        raise BadInput("file", f"{path} does not exist")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BadInput("file", f"{path} is not a SQLite database")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BadInput("file", f"{path} is damaged (integrity check failed)")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BadInput("file", f"{path} is not a Callsheet desk (missing {', '.join(sorted(missing))})")
    if desk_count(path) > 1:
        raise BadInput("file", f"{path} holds several desks; its operator restores it with sqlite3's .restore")


def desk_count(path: Path) -> int:
    """How many desks the SQLite file holds (one for a file from before desks)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM desks").fetchone()[0])
    except sqlite3.OperationalError:  # no desks table: the file is one desk
        return 1
    finally:
        conn.close()


def _refuse_several_desks(path: Path, command: str) -> None:
    if desk_count(path) > 1:
        raise CallsheetError(f"{path} holds several desks; a copy of it is its operator's work: {command}")


def restore(database_url: str | URL, source: Path) -> None:
    """Replace the desk with a checked backup, through the backup API so open readers stay sane."""
    target_path = sqlite_path(database_url)
    if target_path is None:
        raise CallsheetError("restore works on SQLite desks; for PostgreSQL use pg_restore")
    check_backup(source)
    if target_path.exists():
        _refuse_several_desks(target_path, f'sqlite3 {target_path} ".restore {source}"')
    target_path.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target_path)
    try:
        src.backup(dst)
        forget_search_epoch(dst)
    finally:
        dst.close()
        src.close()


def forget_search_epoch(db: sqlite3.Connection) -> None:
    """A restored desk is another state of the desk: its search index must be rebuilt before use."""
    try:
        db.execute(f"DELETE FROM desk_meta WHERE key = '{EPOCH_KEY}'")
        db.commit()
    except sqlite3.OperationalError:  # a backup from before desk_meta: no epoch to forget
        pass


class DeskCopies:
    """Backup and restore of one engine's desk, as the unit of work hands them to services."""

    def __init__(self, engine: Engine) -> None:
        self.url = engine.url

    def backup(self, out: Path) -> int:
        return backup(self.url, out)

    def restore(self, source: Path) -> None:
        restore(self.url, source)
