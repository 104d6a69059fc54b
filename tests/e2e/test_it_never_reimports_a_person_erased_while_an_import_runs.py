"""Rows are keyed while they are read (in a second process for large files), before anyone knows
that a person will be erased halfway through the import; the erasure must still hold."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callsheet.clock import FixedClock
from callsheet.services.imports.engine import Summary
from callsheet.services.imports.files import import_file
from callsheet.services.people.erase import erase_person
from callsheet.store.engine import make_engine
from callsheet.store.tables import people, phones
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))


@pytest.mark.parametrize("pipeline", [False, True], ids=["one process", "two processes"])
def test_it_suppresses_a_later_row_for_a_person_erased_between_two_batches(
        desk_env: dict[str, str], database_url: str, tmp_path: Path, pipeline: bool) -> None:
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Phone", "Email"])
        writer.writerow(["Ann Erasable", "(414) 555-0101", "ann@example.com"])
        writer.writerow(["Bob Stays", "(414) 555-0102", ""])
        # The next batch: Ann again under another name, by her phone, then by her email.
        writer.writerow(["A. Erasable", "(414) 555-0101", ""])
        writer.writerow(["Annie E.", "", "ANN@example.com"])
    engine = make_engine(database_url)
    erased: list[int] = []

    def erase_ann_after_the_first_batch(_done: int, _total: int, summary: Summary) -> None:
        if summary.created == 2 and not erased:
            with engine.connect() as conn:
                ann = conn.execute(select(people.c.id).where(people.c.name == "Ann Erasable")).scalar_one()
            erase_person(UnitOfWork(engine), CLOCK, ann, "andrew")
            erased.append(ann)

    try:
        summary = import_file(UnitOfWork(engine), CLOCK, "csv", path, user_login="andrew", batch_size=2,
                              pipeline=pipeline, on_progress=erase_ann_after_the_first_batch)
        assert erased, "the first batch should have created Ann and Bob"
        assert (summary.created, summary.merged, summary.suppressed, summary.rejected) == (2, 0, 2, 0)
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(people)).scalar_one() == 2
            assert list(conn.execute(select(phones.c.e164).where(phones.c.e164 == "+14145550101"))) == []
    finally:
        engine.dispose()
