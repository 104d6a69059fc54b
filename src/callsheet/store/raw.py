"""Hand-written SQL on the unit of work's own connection, for the few hot reads that need it.

The call sheet reads a few hundred rows per request; SQLAlchemy's result rows and type processing
cost more than the database itself there. These statements go to the driver as they are written
(`:name` parameters, translated for psycopg), inside the same transaction, and come back as plain
tuples. Times come back aware and in UTC on both stores (SQLite keeps them as UTC text).

Nothing here fills in the desk: each statement names it itself, a `:desk` parameter (tenancy.desk_of) in
the condition on every tenant table it reads and in the columns of every row it inserts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

_PARAM = re.compile(r"(?<![:\w]):(\w+)")


class RawStatement:
    """One statement written once with `:name` parameters, ready for either driver."""

    def __init__(self, sql: str) -> None:
        self.sqlite_sql = sql
        # psycopg wants %(name)s; the SQL holds no other % signs.
        self.postgres_sql = _PARAM.sub(r"%(\1)s", sql)

    def rows(self, connection: Connection, params: dict[str, Any]) -> Sequence[tuple[Any, ...]]:
        dbapi = connection.connection.dbapi_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        driver = connection.dialect.loaded_dbapi
        try:
            if connection.dialect.name == "sqlite":
                cursor.execute(self.sqlite_sql, params)
            else:
                # Prepared on the server: the plan is made once per connection, not per request. Rows
                # come in binary: the same Python values, loaded in half the client time of text.
                cursor.execute(self.postgres_sql, params, prepare=True, binary=True)  # type: ignore[call-arg]
            return cursor.fetchall()
        except driver.Error as exc:
            # As SQLAlchemy would have raised it, so the store's failures are worded as every other's.
            raise DBAPIError.instance(self.sqlite_sql, params, exc, driver.Error, dialect=connection.dialect) from exc
        finally:
            cursor.close()


def utc_text(moment: datetime) -> str:
    """A moment as SQLite keeps it: UTC text (see tables.UTCDateTime)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def time_param(connection: Connection, moment: datetime) -> Any:
    """A moment as the store compares it: UTC text on SQLite, aware on PostgreSQL."""
    return utc_text(moment) if connection.dialect.name == "sqlite" else moment


def utc(value: Any) -> datetime | None:
    """A time read by the driver, as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
