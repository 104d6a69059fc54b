"""The unit of work: one transaction, and the repositories that work inside it."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError

from callsheet.store.backup import DeskCopies
from callsheet.store.calls_repo import CallRepository
from callsheet.store.demo_writer import DemoWriter
from callsheet.store.desks_repo import DeskRepository
from callsheet.store.dnc_repo import DncListRepository
from callsheet.store.engine import autocommit_twin
from callsheet.store.import_runs_repo import ImportRunRepository
from callsheet.store.imports.repo import ImportRepository
from callsheet.store.jobs_repo import JobRepository
from callsheet.store.network_repo import NetworkRepository
from callsheet.store.numbers_repo import NumberRepository
from callsheet.store.people_repo import PeopleRepository
from callsheet.store.practice_repo import PracticeRepository
from callsheet.store.queries.analytics import OutreachQueries
from callsheet.store.queries.callbacks import CallbackQueries
from callsheet.store.queries.people import PeopleQueries
from callsheet.store.queries.policy import PolicyInputs
from callsheet.store.queries.search import SearchQueries
from callsheet.store.queries.sheet import SheetQueries
from callsheet.store.records_repo import RecordsRepository
from callsheet.store.reports_repo import ReportRepository
from callsheet.store.resumes_repo import ResumeRepository
from callsheet.store.scripts_repo import ScriptRepository
from callsheet.store.seeker_repo import SeekerRepository
from callsheet.store.shares_repo import ShareRepository
from callsheet.store.sign_ins_repo import SignInRepository
from callsheet.store.tables import DESK_ID
from callsheet.store.tokens_repo import TokenRepository
from callsheet.store.touches_repo import TouchRepository
from callsheet.store.users_repo import UserRepository
from callsheet.store.wall import SCOPE as WALL_SCOPE
from callsheet.store.wall import enter_wall
from callsheet.store.writer_lock import WriterLock, writer_lock

#: The desk of a database that has one (every database upgraded from before desks has it).
DEFAULT_DESK = 1

#: Execution option that asks the SQLite engine for a deferred BEGIN (see store/engine.py).
READ_ONLY = "callsheet_read_only"


#: The repositories and query objects a unit of work carries, each made on first use in a block: a
#: touch logged through the API touches two of them, and builds none of the others.
_REPOSITORIES: dict[str, type] = {
    "people": PeopleRepository,
    "jobs": JobRepository,
    "users": UserRepository,
    "desks": DeskRepository,
    "sign_ins": SignInRepository,
    "tokens": TokenRepository,
    "touches": TouchRepository,
    "seeker": SeekerRepository,
    "scripts": ScriptRepository,
    "network": NetworkRepository,
    "reports": ReportRepository,
    "analytics": OutreachQueries,
    "shares": ShareRepository,
    "demo": DemoWriter,
    "people_queries": PeopleQueries,
    "imports": ImportRepository,
    "import_runs": ImportRunRepository,
    "records": RecordsRepository,
    "resumes": ResumeRepository,
    "search": SearchQueries,
    "numbers": NumberRepository,
    "dnc": DncListRepository,
    "policy": PolicyInputs,
    "sheet": SheetQueries,
    "callbacks": CallbackQueries,
    "calls": CallRepository,
    "practice": PracticeRepository,
}


class UnitOfWork:
    """`with uow:` opens a transaction; leaving the block commits, an exception rolls back.

    Services receive a unit of work and never open connections themselves. A service that only reads
    says `with uow.reading():` instead: on SQLite its transaction is a deferred one that reads a snapshot
    without taking the write lock (so sign-in checks and token lookups never queue behind writers); on
    PostgreSQL its statements run in autocommit, which under READ COMMITTED sees exactly what a
    transaction would (each statement its own snapshot) and saves the BEGIN and COMMIT round trips. Such
    work (and `one_statement()`'s) takes its connection from the engine's autocommit twin
    (store/engine.autocommit_twin), whose connections never leave autocommit: nothing to set on the way
    out or reset on the way back.
    """

    #: What the store raises for a value it cannot hold (out of range, not text).
    unstorable: tuple[type[Exception], ...] = (DataError,)

    def __init__(self, engine: Engine, desk_id: int | None = DEFAULT_DESK) -> None:
        self.engine = engine
        #: The desk every statement of this unit of work works in (store/tenancy.py); None: the global
        #: tables only (an operator's work on desks themselves).
        self.desk_id = desk_id
        self._connection: Connection | None = None
        self._read_only = False
        self._one_statement = False
        self._lock: WriterLock | None = None
        self._made: list[str] = []
        # Copies of the desk's file need no transaction: they are at hand outside a `with` block too.
        self.backups = DeskCopies(engine)
        self._autocommit = autocommit_twin(engine)
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            self._lock = writer_lock(engine.url.database)

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: a repository is made for the open block's connection
        # on first use, and stays until the next block opens (a few are used after theirs has closed).
        kind = _REPOSITORIES.get(name)
        if kind is None:
            raise AttributeError(name)
        repository = kind(self.connection)
        setattr(self, name, repository)
        self._made.append(name)
        return repository

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def reading(self) -> UnitOfWork:
        """The same unit of work, opened for reading only: `with uow.reading(): uow.users.get(1)`."""
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        self._read_only = True
        return self

    def one_statement(self) -> UnitOfWork:
        """The same unit of work, for work whose one write is a single statement (reads may come first).

        One statement is atomic by itself on PostgreSQL, so it runs in autocommit: no BEGIN and COMMIT
        round trips, and the reads before it see what a transaction would (READ COMMITTED: each
        statement its own snapshot). On SQLite this is an ordinary writing transaction (the writer
        lock, BEGIN IMMEDIATE).
        """
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        self._one_statement = True
        return self

    def __enter__(self) -> UnitOfWork:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        writing = not self._read_only
        if writing and self._lock is not None:
            self._lock.acquire()
        try:
            twin = self._autocommit if not writing or self._one_statement else None
            if twin is not None:
                connection = twin.connect()  # each statement its own transaction: no BEGIN
            else:
                connection = self.engine.connect()
                if not writing:
                    connection.execution_options(**{READ_ONLY: True})
                connection.begin()
            if self._autocommit is not None:  # PostgreSQL: behind the desk's wall (store/wall.py)
                enter_wall(connection, self.desk_id, in_transaction=twin is None)
        except BaseException:
            self._release()
            raise
        connection.info[DESK_ID] = self.desk_id
        for name in self._made:  # this block makes its own, on its own connection
            delattr(self, name)
        self._made.clear()
        self._connection = connection
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
            connection.info.pop(DESK_ID, None)
            connection.info.pop(WALL_SCOPE, None)
            connection.close()
            self._connection = None
            self._release()

    def _release(self) -> None:
        if not self._read_only and self._lock is not None:
            self._lock.release()
        self._read_only = False
        self._one_statement = False

    def rollback(self) -> None:
        """Undo what is done so far (a dry run): nothing of it is stored when the block ends."""
        self.connection.rollback()

    def commit(self) -> None:
        """Commit what is done so far and start a new transaction (batched imports).

        Between the two, other writers of the process get their turn, so a long import does not hold
        the web desk's touches back until it ends.
        """
        self.connection.commit()
        if not self._read_only and self._lock is not None:
            self._lock.release()
            self._lock.acquire()
        self.connection.begin()
        if self.connection.info.get(WALL_SCOPE) == "local":  # the wall of a transaction ends with it
            enter_wall(self.connection, self.desk_id, in_transaction=True)
