"""The desk a unit of work works in, as its statements name it.

A unit of work puts its desk on its connection (`info[DESK_ID]`); repositories read it here and filter
every statement on a tenant table by it (Citus routes by it; the store's row-level security checks it
again on PostgreSQL). Rows inserted through SQLAlchemy get it from the table's default (store/tables.py).
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Connection, Table, select, update

from callsheet.store.tables import DESK_ID, desks


def desk_of(connection: Connection) -> int:
    """The desk of the unit of work this connection serves."""
    desk = connection.info.get(DESK_ID)
    if desk is None:
        raise LookupError("this connection serves no desk")
    return int(desk)


def mine(table: Table | Any, connection: Connection) -> Any:
    """The condition that keeps a statement on `table` (or an alias of it) inside the connection's desk."""
    return table.c.desk_id == desk_of(connection)


def desk_salt(connection: Connection, make: bool = True) -> str | None:
    """The desk's salt for hashing erased people's keys and released numbers; made on first use unless
    `make` is false (then None while there is none)."""
    desk = desk_of(connection)
    query = select(desks.c.hash_salt).where(desks.c.id == desk)
    found = connection.execute(query).scalar()
    if found or not make:
        return str(found) if found else None
    # Two processes may both make one: the first kept wins, and both use it.
    connection.execute(update(desks).where(desks.c.id == desk, desks.c.hash_salt == "")
                       .values(hash_salt=secrets.token_hex(16)))
    return str(connection.execute(query).scalar_one())
