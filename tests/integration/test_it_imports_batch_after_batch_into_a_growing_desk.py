"""Imports that fill a desk from empty, a batch a transaction, on both stores."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from callsheet.clock import FixedClock
from callsheet.services.imports.files import import_file
from callsheet.store.tables import emails, people, phones
from callsheet.store.uow import DEFAULT_DESK, UnitOfWork

CLOCK = FixedClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))


def _sheet(path: Path, first: int, rows: int) -> Path:
    lines = ["name,phone,email,company"] + [
        f"Person {i},(414) 555-{i:04d},p{i}@example.com,Company {i % 3}" for i in range(first, first + rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t).where(t.c.desk_id == DEFAULT_DESK)).scalar_one()
                     for t in (people, phones, emails))  # type: ignore[return-value]


def test_files_imported_one_after_another_store_each_person_number_and_address_once(engine: Engine,
                                                                                   tmp_path: Path) -> None:
    first = import_file(UnitOfWork(engine), CLOCK, "csv", _sheet(tmp_path / "a.csv", 0, 7), user_login="andrew",
                        batch_size=2, pipeline=False)
    second = import_file(UnitOfWork(engine), CLOCK, "csv", _sheet(tmp_path / "b.csv", 7, 5), user_login="andrew",
                         batch_size=3, pipeline=False)
    again = import_file(UnitOfWork(engine), CLOCK, "csv", tmp_path / "a.csv", user_login="andrew", batch_size=4,
                        pipeline=False)
    assert (first.created, second.created, again.merged, again.created) == (7, 5, 7, 0)
    assert _counts(engine) == (12, 12, 12)


def test_an_import_into_an_empty_desk_leaves_the_planner_figures_of_the_rows_it_stored(engine: Engine,
                                                                                     tmp_path: Path) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite plans without table figures")
    import_file(UnitOfWork(engine), CLOCK, "csv", _sheet(tmp_path / "a.csv", 0, 9), user_login="andrew",
                batch_size=3, pipeline=False)
    with engine.connect() as conn:
        for table in ("people", "phones", "emails"):  # a partitioned table's figures are its partitions'
            figures = conn.execute(text(
                "SELECT max(reltuples) FROM pg_class WHERE oid = CAST(:t AS regclass) OR oid IN "
                "(SELECT inhrelid FROM pg_inherits WHERE inhparent = CAST(:t AS regclass))"), {"t": table}).scalar()
            assert figures is not None and figures > 0, table
