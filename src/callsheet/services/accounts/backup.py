"""Backup and restore of a SQLite desk: the store copies it page by page while the desk is in use."""

from __future__ import annotations

from pathlib import Path

from callsheet.services.unit import UnitOfWork


def backup(uow: UnitOfWork, out: Path) -> int:
    """Copy the live desk to `out`, consistent even while others write. Returns bytes.

    A PostgreSQL desk is refused with the pg_dump command that backs it up instead.
    """
    size: int = uow.backups.backup(out)
    return size


def restore(uow: UnitOfWork, source: Path) -> None:
    """Replace the desk with a checked backup; anything but an intact Callsheet desk is refused."""
    uow.backups.restore(source)
