"""PostgreSQL connections for statements awaited on the event loop itself: the lean path of plain touches.

A plain touch is one statement. Awaiting it on the event loop costs the server less than handing it to
a worker thread and back (a thread wake-up and two GIL hand-overs per request, the larger share of its
CPU once the rest is lean). The pool lives on one event loop, from the app's startup to its shutdown (its
lifespan); the lean path uses it only on that loop, and the thread pool elsewhere (a server started
without lifespan, a test client without one). Connections are in autocommit: each statement is its own
transaction. A connection the server has closed is replaced, as the engine's pool does (engine.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy.engine import make_url

from callsheet.store.engine import closed_by_server


class StoreUnavailable(Exception):
    """The database refused a new connection (down, or at its max_connections)."""


class LoopPool:
    def __init__(self, url: str, size: int) -> None:
        parsed = make_url(url).set(drivername="postgresql")
        self.conninfo = parsed.render_as_string(hide_password=False)
        self.loop = asyncio.get_running_loop()
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._slots = asyncio.Semaphore(size)

    def usable_here(self) -> bool:
        """Whether the running event loop is this pool's own."""
        return asyncio.get_running_loop() is self.loop

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        async with self._slots:
            connection = await self._take()
            try:
                yield connection
            except BaseException:
                await connection.close()  # in an unknown state (an error, a cancelled request): not reused
                raise
            if not connection.closed and connection.info.transaction_status is TransactionStatus.IDLE:
                self._idle.append(connection)
            else:
                await connection.close()

    async def _take(self) -> psycopg.AsyncConnection[Any]:
        while self._idle:
            connection = self._idle.pop()
            if not closed_by_server(connection):
                return connection
            await connection.close()
        try:
            return await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)
        except psycopg.OperationalError as exc:  # nothing was sent: the caller may say "try again"
            raise StoreUnavailable(str(exc).strip()) from exc

    async def close(self) -> None:
        while self._idle:
            await self._idle.pop().close()
