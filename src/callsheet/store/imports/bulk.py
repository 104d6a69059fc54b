"""Bulk statements of the importer, straight through the driver: look-ups by key, many rows in one insert.

Table and column names here are the store's own constants, never input. Every statement names the
desk of the connection: look-ups filter by it, inserts write it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import Any

from sqlalchemy import Connection, Float, Table

from callsheet.store.tables import DESK_ID
from callsheet.store.tenancy import desk_of

_CHUNK = 900


def chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def select_in(c: Connection, columns: str, table: str, key: str, values: Iterable[Any],
              where: str = "") -> list[tuple[Any, ...]]:
    """Rows of `SELECT columns FROM table WHERE key IN values` in the connection's desk, straight through
    the driver.

    This is the import's hot path: SQLAlchemy's expanding IN costs as much as SQLite's own index
    look-ups, so the statement is written here (names are the store's constants, never input).
    """
    found: list[tuple[Any, ...]] = []
    extra = f" AND {where}" if where else ""
    desk = desk_of(c)
    # The driver's own cursor: plain tuples back, without a SQLAlchemy Row built for each.
    cursor: Any = c.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        listed = list(values)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start:start + _CHUNK]
            if c.dialect.name == "sqlite":
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {table}.desk_id = ? AND {key} IN "
                               f"({','.join('?' * len(chunk))}){extra}", (desk, *chunk))
            else:
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {table}.desk_id = %s AND {key} = ANY(%s){extra}",
                               (desk, chunk))
            found += cursor.fetchall()
    finally:
        cursor.close()
    return found


def top_id_in_file(c: Connection, table: Table) -> int:
    """SQLite: the highest id of `table` in the file (0 when empty), over every desk the file holds.

    On SQLite a tenant table's id alone is its rowid key, so ids handed out ahead of an insert must be
    free in every desk of the file, not only in this one; each desk's top is read from its
    (desk_id, id) index, and nothing but the number comes back.
    """
    name = table.name
    return int(c.exec_driver_sql(
        f"SELECT coalesce(max(top), 0) FROM (SELECT (SELECT max({name}.id) FROM {name} "
        f"WHERE {name}.desk_id = desks.id) AS top FROM desks)").scalar_one())


def _processor(table: Table, name: str, c: Connection) -> Any:
    # The dialect's own processor: on SQLite this turns aware times into SQLAlchemy's stored text.
    # Floats here are floats already (places' coordinates); their processor would only copy them.
    column_type = table.c[name].type
    if isinstance(column_type, Float):
        return None
    return column_type.dialect_impl(c.dialect).bind_processor(c.dialect)


def insert_many(c: Connection, table: Table, rows: list[dict[str, Any]],
                same: dict[str, Any] | None = None) -> None:
    """insert_rows for rows given as dicts (all with the same keys, in any order)."""
    names = list(rows[0])
    insert_rows(c, table, names, [tuple([row[n] for n in names]) for row in rows], same)


def insert_rows(c: Connection, table: Table, names: list[str], rows: list[tuple[Any, ...]],
                same: dict[str, Any] | None = None) -> None:
    """One driver executemany (COPY on PostgreSQL) of value tuples in `names` order.

    Values pass through the columns' own bind processors (aware UTC times...) where a column has
    one; `same` holds values every row shares (creation time, defaults), processed once. Rows of a
    tenant table go into the connection's desk unless they name theirs.

    On PostgreSQL the rows are copied into a temporary staging table of the columns written, then
    moved into the table by one INSERT ... SELECT (row-level security refuses COPY into the table itself).
    """
    fixed = list((same or {}).items())
    if DESK_ID in table.c and DESK_ID not in names and DESK_ID not in (same or {}):
        fixed.append((DESK_ID, desk_of(c)))
    tail = tuple(p(v) if (p := _processor(table, n, c)) else v for n, v in fixed)
    processors = [(i, p, repr(table.c[n].type)) for i, n in enumerate(names)
                  if (p := _processor(table, n, c)) is not None]
    if processors and rows:
        rows = _processed(rows, processors)
    columns = names + [n for n, _ in fixed]
    if c.dialect.name == "postgresql":
        _copy(c, table, columns, [row + tail for row in rows] if tail else rows)
        return
    # SQLite: the shared values are written into the statement (they are the import's own constants:
    # a time, defaults), so each row binds only its own; that halves the cost of a person's insert.
    slots = ", ".join(["?"] * len(names) + [_sql_literal(value) for value in tail])
    c.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({slots})", rows)


def _copy(c: Connection, table: Table, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    # COPY inside the same transaction (psycopg's executemany still pays a round trip a row), into a
    # staging table of just these columns (no defaults, no constraints to check twice), then one
    # INSERT ... SELECT into the table: the table's own checks, triggers and row-level security apply.
    # One staging table a table and list of columns for the connection's session, kept empty between
    # statements and emptied at every commit that used it (never seen by another transaction, and made
    # once rather than again for every batch, which cost the server as much as the COPY into it).
    # In autocommit (one_statement()) each statement would commit on its own, emptying the staging
    # table before it is read: there the three run in one transaction of their own.
    listed = ", ".join(columns)
    stage = f"stage_{table.name}_{zlib.crc32(listed.encode()):08x}"
    raw: Any = c.connection.dbapi_connection
    with raw.transaction() if raw.autocommit else nullcontext(), raw.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DELETE ROWS AS "
                       f"SELECT {listed} FROM {table.name} WITH NO DATA")
        with cursor.copy(f"COPY {stage} ({listed}) FROM STDIN") as copy:
            for value in rows:
                copy.write_row(value)
        cursor.execute(f"INSERT INTO {table.name} ({listed}) SELECT {listed} FROM {stage}; TRUNCATE {stage}")


def _sql_literal(value: Any) -> str:
    """A processed constant as SQL text; anything but these plain types is refused."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def _processed(rows: list[tuple[Any, ...]], processors: list[tuple[int, Any, str]]) -> list[tuple[Any, ...]]:
    # Column by column, each distinct value processed once: a LinkedIn file's thousands of rows
    # share a few hundred "connected on" days, and SQLite's time formatting costs microseconds a value.
    # Columns of one type share what is done (a touch's time and its creation time are one value).
    columns = list(zip(*rows, strict=True))
    shared: dict[Any, dict[Any, Any]] = {}
    for i, p, kind in processors:
        done = shared.setdefault(kind, {})
        columns[i] = tuple([done[v] if v in done else done.setdefault(v, p(v)) for v in columns[i]])
    return list(zip(*columns, strict=True))
