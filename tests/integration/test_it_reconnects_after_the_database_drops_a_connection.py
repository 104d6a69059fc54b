"""A pooled PostgreSQL connection the server has closed (a restart, an idle timeout, an admin's
pg_terminate_backend) is never handed to a request: the next unit of work gets a fresh one and works."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork


def test_it_replaces_a_pooled_connection_the_server_closed(engine: Engine, database_url: str) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop a connection")
    with UnitOfWork(engine).reading() as uow:
        pid = uow.connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    admin = make_engine(database_url)
    with admin.connect() as conn:
        # pg_terminate_backend only signals: wait until the backend has said goodbye and gone.
        assert conn.execute(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": pid}).scalar_one()
    admin.dispose()
    for writing in (False, True):  # the pooled connection is gone: reads and writes still work
        uow = UnitOfWork(engine)
        with uow if writing else uow.reading():
            assert uow.connection.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
