"""The wall between desks as PostgreSQL enforces it: a role, a setting and row-level security.

Every tenant table (store/tables.py `tenant`) has row-level security, enabled and forced, with two
policies: `desk_wall` lets the role `callsheet_app` see and write only the rows of the desk named by the
setting `app.desk_id`, and `operator` lets the role that ran the migrations (the tables' owner) see every
desk, for the work that spans desks (migrations, the search follower, the operator's desk admin). A unit
of work that serves a desk (store/uow.py) runs as `callsheet_app` with `app.desk_id` set, so a statement
that forgets its desk filter finds nothing of another desk instead of leaking it. SQLite has none of this:
there the store's own filters (store/tenancy.py) are the wall.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from callsheet.store.tables import DESK_ID

#: The role a desk's unit of work runs as on PostgreSQL: no login, no superuser, owns nothing.
ROLE = "callsheet_app"

#: The setting that names the desk of the unit of work (read by the `desk_wall` policies).
SETTING = "app.desk_id"

#: The condition of the `desk_wall` policies ("" once a transaction's local value is gone: no desk).
POLICY_CONDITION = f"desk_id = nullif(current_setting('{SETTING}', true), '')::int"

#: Tables that belong to no desk (desk_keys maps facts to desks across every desk; it is read before a
#: desk is known) and the migrations' own table.
GLOBAL_TABLES = frozenset({"desks", "desk_keys", "sign_in_failures", "desk_meta", "alembic_version"})

#: Where a unit of work notes how its connection is walled: "local" (this transaction) or "session".
SCOPE = "callsheet_wall_scope"

#: On a pooled PostgreSQL connection (its DBAPI connection's info): the desk its session is set for.
SESSION_DESK = "callsheet_session_desk"


def tenant_tables(connection: Connection) -> list[str]:
    """The tenant tables of the connection's schema, by the catalog: plain or partitioned tables with a
    desk_id column, the global ones and partitions of a partitioned table left out."""
    rows = connection.exec_driver_sql(
        "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
        "AND NOT c.relispartition AND a.attname = 'desk_id' AND NOT a.attisdropped ORDER BY c.relname").scalars()
    return [name for name in rows if name not in GLOBAL_TABLES]


def wall_statements(desk: int, local: bool) -> str:
    """The statements that put a connection behind the wall of `desk`, sent as one round trip."""
    scope = "LOCAL " if local else ""
    return f"SET {scope}ROLE {ROLE}; SELECT set_config('{SETTING}', '{int(desk)}', {'true' if local else 'false'})"


@contextmanager
def as_owner(connection: Connection) -> Iterator[None]:
    """Work inside a unit of work that the wall's role may not do, done as the tables' owner.

    Building or dropping an index, ANALYZE and moving a sequence belong to the owner, and touch no row of
    any desk, so stepping out of the role for them keeps the wall; so does keeping the search index in
    step (store/search/follow.py across_desks), which reads the change log and people of every desk into
    the one index whose every answer names its desk. (Rows are never written this way: bulk
    loads copy into a staging table and insert from it behind the wall, store/imports/bulk.py.)
    Nothing on SQLite or on a connection that serves no desk.
    """
    scope = connection.info.get(SCOPE)
    if connection.dialect.name != "postgresql" or scope is None:
        yield
        return
    local = "LOCAL " if scope == "local" else ""
    pooled: Any = connection.connection.info
    pooled.pop(SESSION_DESK, None)  # until the role is back, the session is the owner's
    connection.exec_driver_sql(f"SET {local}ROLE NONE")
    yield  # on an error the transaction is lost (its SET LOCAL with it) or the session set again on next use
    connection.exec_driver_sql(f"SET {local}ROLE {ROLE}")
    if scope == "session":
        pooled[SESSION_DESK] = connection.info[DESK_ID]


def enter_wall(connection: Connection, desk: int | None, in_transaction: bool) -> None:
    """Put a unit of work's PostgreSQL connection behind its desk's wall.

    In a transaction: `SET LOCAL` right after BEGIN, gone at its end. In autocommit (the engine's twin,
    used only by units of work): at session level, remembered on the pooled connection, so a connection
    already set for this desk costs no round trip.
    """
    pooled: Any = connection.connection.info
    if desk is None:  # the operator's work on the global tables: the owner's session, as it came
        if not in_transaction and pooled.get(SESSION_DESK) is not None:
            pooled.pop(SESSION_DESK, None)
            connection.exec_driver_sql(f"RESET ROLE; SELECT set_config('{SETTING}', '', false)")
        connection.info.pop(SCOPE, None)
        return
    if in_transaction:
        connection.exec_driver_sql(wall_statements(desk, local=True))
        connection.info[SCOPE] = "local"
        return
    if pooled.get(SESSION_DESK) != desk:
        pooled.pop(SESSION_DESK, None)  # until the statements succeed, the session is in no known state
        connection.exec_driver_sql(wall_statements(desk, local=False))
        pooled[SESSION_DESK] = desk
    connection.info[SCOPE] = "session"
