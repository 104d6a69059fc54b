"""What every benchmark shares: the demo desk at a given size, built once and reused."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from callsheet.services.demo.desk import build_demo, wipe
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Milwaukee


def demo_desk(url: str, people: int) -> Engine:
    """An upgraded store holding the demo desk of at least `people` people (built if smaller)."""
    return built_desk(url, people)[0]


def built_desk(url: str, people: int) -> tuple[Engine, float | None]:
    """demo_desk, and the seconds its build took if it was built now (None if the desk was reused)."""
    engine = make_engine(url)
    schema.upgrade(engine)
    with UnitOfWork(engine) as uow:
        have = uow.people.count()
    seconds = None
    if have < people:
        wipe(UnitOfWork(engine))
        start = time.perf_counter()
        summary = build_demo(UnitOfWork(engine), NOW, "America/Chicago", people)
        seconds = time.perf_counter() - start
        print(f"built {summary.people:,} people, {summary.touches:,} touches, {summary.candidacies:,} "
              f"candidacies in {seconds:.0f} s")
    # Fresh statistics (and, on PostgreSQL, a visibility map for index-only scans) before timing.
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        # The SQLite engine opens every transaction itself (BEGIN IMMEDIATE), AUTOCOMMIT or not:
        # ANALYZE must be committed, or the pool's reset on return rolls the statistics back.
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return engine, seconds


def create_database(url: str, drop: bool = False) -> None:
    """Make sure the database of `url` exists (on PostgreSQL; a SQLite file is made on first use).
    With `drop`, whatever was there goes first: the database, or the SQLite file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if drop:
            for suffix in ("", "-wal", "-shm", "-writer"):
                Path(f"{parsed.database}{suffix}").unlink(missing_ok=True)
        return
    admin = make_engine(parsed.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if drop:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                {"n": parsed.database}).first():
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        admin.dispose()
