"""PostgreSQL itself keeps each desk's rows apart: row-level security behind every unit of work."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from callsheet.store.engine import autocommit_twin
from callsheet.store.imports.bulk import insert_rows
from callsheet.store.tables import dnc_lists, people
from callsheet.store.uow import UnitOfWork
from callsheet.store.wall import ROLE, SETTING, tenant_tables

AT = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)


@pytest.fixture
def pg(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("row-level security is PostgreSQL's")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desks (id, name, created_at) VALUES (2, 'Second', CURRENT_TIMESTAMP)"))
    return engine


def add_people(engine: Engine, desk: int, *names: str) -> None:
    with UnitOfWork(engine, desk) as uow:
        for name in names:
            uow.connection.execute(insert(people).values(name=name, created_at=AT, updated_at=AT))


def test_every_tenant_table_has_row_level_security_enabled_and_forced(pg: Engine) -> None:
    with pg.connect() as conn:
        tables = tenant_tables(conn)
        flags = dict(conn.execute(text(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class "
            "WHERE relname = ANY(:names) AND relnamespace = current_schema()::regnamespace"),
            {"names": tables}).all())
    assert "people" in tables and "desks" not in tables and "desk_keys" not in tables
    assert {t for t in tables if not flags.get(t)} == set()


def test_the_app_role_counts_only_the_people_of_the_desk_it_is_set_for(pg: Engine) -> None:
    add_people(pg, 1, "Ann Lee", "Bo Chan")
    add_people(pg, 2, "Cy Diaz")
    with pg.begin() as conn:
        conn.execute(text(f"SET LOCAL ROLE {ROLE}"))
        conn.execute(text(f"SELECT set_config('{SETTING}', '1', true)"))
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 2
        conn.execute(text(f"SELECT set_config('{SETTING}', '2', true)"))
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 1


def test_a_desks_unit_of_work_sees_nothing_of_another_desk_even_asked_for_every_desk(pg: Engine) -> None:
    add_people(pg, 1, "Ann Lee")
    add_people(pg, 2, "Cy Diaz", "Di Eng")
    for reading in (False, True):
        uow = UnitOfWork(pg, 2)
        with uow.reading() if reading else uow:
            every_desk = people.c.desk_id.is_not(None)  # names desk_id, as every statement must, yet filters nothing
            query = select(people.c.name).where(every_desk).order_by(people.c.name)
            names = uow.connection.execute(query).scalars().all()
        assert names == ["Cy Diaz", "Di Eng"]


def test_a_desks_unit_of_work_cannot_write_a_row_into_another_desk(pg: Engine) -> None:
    with pytest.raises(DBAPIError, match="row-level security"), UnitOfWork(pg, 1) as uow:
        uow.connection.execute(insert(people).values(desk_id=2, name="Ann Lee", created_at=AT, updated_at=AT))
    with pg.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 0


def test_the_owner_still_sees_every_desk(pg: Engine) -> None:
    add_people(pg, 1, "Ann Lee")
    add_people(pg, 2, "Cy Diaz")
    with pg.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 2


def test_a_read_on_a_connection_already_walled_for_its_desk_costs_no_extra_statement(pg: Engine) -> None:
    statements: list[str] = []

    def sent(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    twin = autocommit_twin(pg)
    assert twin is not None
    event.listen(twin, "before_cursor_execute", sent)

    def statements_of_a_read(desk: int) -> int:
        statements.clear()
        uow = UnitOfWork(pg, desk)
        with uow.reading():
            uow.connection.execute(select(people.c.id).where(people.c.desk_id == desk)).all()
        return len(statements)

    assert statements_of_a_read(1) == 2  # the wall, then the read
    assert statements_of_a_read(1) == 1
    assert statements_of_a_read(2) == 2  # another desk: the wall again


def test_a_desks_bulk_copy_lands_in_its_desk_behind_the_wall(pg: Engine) -> None:
    for reading in (False, True):  # in a transaction, and in autocommit (the session's wall comes back)
        uow = UnitOfWork(pg, 2)
        with uow.one_statement() if reading else uow:
            insert_rows(uow.connection, dnc_lists, ["desk_id", "name", "created_at"], [(2, f"List {reading}", AT)])
            mine = dnc_lists.c.desk_id == 2
            assert uow.connection.execute(select(func.count()).where(mine)).scalar() == (2 if reading else 1)
            assert uow.connection.execute(text("SELECT current_user")).scalar() == ROLE
