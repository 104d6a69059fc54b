"""Engines for SQLite (WAL, foreign keys on) and PostgreSQL."""

from __future__ import annotations

import select
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

from callsheet.domain.errors import BadInput


def make_engine(url: str, **kwargs: Any) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:  # ArgumentError for garbage URLs
        raise BadInput("database_url", f"{url!r} is not a database URL") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        else:  # one shared in-memory database: its pool has no size
            kwargs = {k: v for k, v in kwargs.items() if k not in ("pool_size", "max_overflow")}
        engine = create_engine(parsed, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy manage transactions explicitly; BEGIN IMMEDIATE avoids lock upgrades
        # failing under concurrent writers. A unit of work opened for reading asks for a deferred
        # BEGIN: in WAL mode it reads a snapshot and never waits for (or holds up) a writer.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = _postgres_engine(parsed, **kwargs)
        _TWINS[engine] = _postgres_engine(parsed, **{**kwargs, **_AUTOCOMMIT})
        event.listen(engine, "engine_disposed", _dispose_twin)
        return engine
    raise BadInput("database_url", f"unsupported database {backend!r}: use sqlite or postgresql")


#: The twin's connections stay in autocommit for their whole life, and come back to the pool with
#: nothing to reset (no transaction is ever left open on them).
_AUTOCOMMIT: dict[str, Any] = {"isolation_level": "AUTOCOMMIT", "pool_reset_on_return": None}
_TWINS: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()


def autocommit_twin(engine: Engine) -> Engine | None:
    """PostgreSQL: the engine for work that needs no transaction of its own (reads, one statement).

    Same database, its own pool, made once with its engine and disposed with it; None on SQLite. Taking
    a connection from it costs no isolation level set on the way out and reset on the way back, and no
    BEGIN or COMMIT: the store's units of work opened with `reading()` or `one_statement()` use it.
    """
    if engine.dialect.name != "postgresql":
        return None
    twin = _TWINS.get(engine)
    if twin is None:  # an engine made elsewhere (not by make_engine): a twin of the default pool's size
        twin = _TWINS[engine] = _postgres_engine(engine.url, **_AUTOCOMMIT)
        event.listen(engine, "engine_disposed", _dispose_twin)
    return twin


def _postgres_engine(url: Any, **kwargs: Any) -> Engine:
    engine = create_engine(url, **kwargs)
    event.listen(engine, "checkout", _drop_if_closed_by_server)
    return engine


def _dispose_twin(engine: Engine) -> None:
    twin = _TWINS.get(engine)
    if twin is not None:
        twin.dispose()


def closed_by_server(connection: Any) -> bool:
    """Whether an idle psycopg connection is unfit for use, found without a round trip.

    An idle connection has nothing to read: when its socket is readable, the server has closed it (a
    restart, an idle timeout, pg_terminate_backend) or spoken out of turn. Either way it is not reused.
    """
    return bool(connection.closed or connection.broken or select.select([connection.fileno()], [], [], 0)[0])


def _drop_if_closed_by_server(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    # Pessimistic disconnect handling without pool_pre_ping's SELECT 1 before every unit of work: the
    # pool drops such a connection and hands out a fresh one.
    if closed_by_server(dbapi_conn):
        raise DisconnectionError("the server has closed this pooled connection")


def _sqlite_begin(conn: Any) -> None:
    read_only = conn.get_execution_options().get("callsheet_read_only", False)
    # Straight to the driver: SQLAlchemy's statement machinery (events, a result) cost more than the
    # BEGIN itself, and every unit of work opens with one.
    conn.connection.driver_connection.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would fight the explicit BEGIN above.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # SQLite's default page cache is 2 MiB a connection: a desk of 100,000 people is a few hundred MB,
    # and the call sheet's index walks then read most pages back from the OS on every call. 64 MiB
    # keeps the hot index pages (the pipelines, people, recent touches) in the connection: the sheet's
    # pipelines read at 1,000,000 people takes 20 ms with it, 29 without (docs/performance.md).
    # The pool keeps a handful of connections.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()
