"""On PostgreSQL, reads and one-statement writes take their connections from a pool that stays in
autocommit (store/engine.autocommit_twin); work that writes more than one statement still runs in a
transaction of its own, and closing the desk closes both pools."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text

from callsheet.bootstrap import Desk
from callsheet.clock import FixedClock
from callsheet.services.people import records as people_service
from callsheet.settings import Settings
from callsheet.store.tenancy import desk_of
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))


def _name(engine: Engine, person_id: int) -> str:
    with UnitOfWork(engine).reading() as uow:
        return str(uow.connection.execute(text("SELECT name FROM people WHERE id = :id AND desk_id = :desk"),
                {"id": person_id, "desk": desk_of(uow.connection)}).scalar())


def test_a_write_that_fails_halfway_stores_nothing_after_reads_and_single_statements(engine: Engine) -> None:
    person = people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(name="Ann Nowak"))
    person_id = person.id or 0
    for _ in range(3):  # the autocommit pool's connections in use, and back in it
        assert _name(engine, person_id) == "Ann Nowak"
        with UnitOfWork(engine).one_statement() as uow:
            uow.connection.execute(text("UPDATE people SET title = 'Engineer' WHERE id = :id AND desk_id = :desk"),
                {"id": person_id, "desk": desk_of(uow.connection)})
    uow = UnitOfWork(engine)
    with pytest.raises(RuntimeError), uow:
        uow.connection.execute(text("UPDATE people SET name = 'Changed' WHERE id = :id AND desk_id = :desk"),
                {"id": person_id, "desk": desk_of(uow.connection)})
        assert _name(engine, person_id) == "Ann Nowak"  # others see nothing of it before it commits
        raise RuntimeError("halfway")
    assert _name(engine, person_id) == "Ann Nowak"
    with UnitOfWork(engine) as uow:
        uow.connection.execute(text("UPDATE people SET name = 'Ann Kowalski' WHERE id = :id AND desk_id = :desk"),
                {"id": person_id, "desk": desk_of(uow.connection)})
    assert _name(engine, person_id) == "Ann Kowalski"  # a read right after sees the committed write


def _connections(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )).scalar_one())


def test_closing_the_desk_leaves_none_of_its_connections_open(engine: Engine, database_url: str) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no connections on a server")
    before = _connections(engine)
    desk = Desk(Settings(database_url=database_url)).open()
    people_service.add_person(desk.uow(), CLOCK, people_service.NewPerson(name="Ann Nowak"))
    assert [p.name for p in people_service.list_people(desk.uow())] == ["Ann Nowak"]
    assert _connections(engine) >= before + 2  # one in each pool
    desk.close()
    deadline = time.monotonic() + 10
    while _connections(engine) > before and time.monotonic() < deadline:
        time.sleep(0.05)  # a closed backend leaves pg_stat_activity a moment later
    assert _connections(engine) == before
