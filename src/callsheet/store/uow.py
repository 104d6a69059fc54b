"""The unit of work: one transaction, and the repositories that work inside it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from callsheet.store.jobs_repo import JobRepository
from callsheet.store.people_repo import PeopleRepository
from callsheet.store.seeker_repo import SeekerRepository
from callsheet.store.touches_repo import TouchRepository
from callsheet.store.users_repo import UserRepository


class UnitOfWork:
    """`with uow:` opens a transaction; leaving the block commits, an exception rolls back.

    Services receive a unit of work and never open connections themselves.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __enter__(self) -> UnitOfWork:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        self._connection = self.engine.connect()
        self._connection.begin()
        self.people = PeopleRepository(self._connection)
        self.jobs = JobRepository(self._connection)
        self.users = UserRepository(self._connection)
        self.touches = TouchRepository(self._connection)
        self.seeker = SeekerRepository(self._connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self.connection
        try:
            if exc_type is None:
                connection.commit()
            else:
                connection.rollback()
        finally:
            connection.close()
            self._connection = None

    def commit(self) -> None:
        """Commit what is done so far and start a new transaction (batched imports)."""
        self.connection.commit()
        self.connection.begin()
