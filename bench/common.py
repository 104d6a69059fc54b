"""What every benchmark shares: the demo desk at a given size, built once and reused."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import Engine, text

from callsheet.services.demo.desk import build_demo, wipe
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Milwaukee


def demo_desk(url: str, people: int) -> Engine:
    """An upgraded store holding the demo desk of at least `people` people (built if smaller)."""
    engine = make_engine(url)
    schema.upgrade(engine)
    with UnitOfWork(engine) as uow:
        have = uow.people.count()
    if have < people:
        wipe(UnitOfWork(engine))
        start = time.perf_counter()
        summary = build_demo(UnitOfWork(engine), NOW, "America/Chicago", people)
        print(f"built {summary.people:,} people, {summary.touches:,} touches, {summary.candidacies:,} "
              f"candidacies in {time.perf_counter() - start:.0f} s")
    # Fresh statistics (and, on PostgreSQL, a visibility map for index-only scans) before timing.
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        # The SQLite engine opens every transaction itself (BEGIN IMMEDIATE), AUTOCOMMIT or not:
        # ANALYZE must be committed, or the pool's reset on return rolls the statistics back.
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return engine
