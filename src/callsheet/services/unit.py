"""What services ask of the store: a unit of work and the repositories and query objects it carries.

Services depend on this description only; the store implements it (store/uow.py) and is the one home
of SQL. A service opens the unit of work with `with uow:` to write (leaving the block commits, an
exception rolls back) or `with uow.reading():` to read, and reaches data only through the
repositories and query objects named here.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol


class UnitOfWork(Protocol):
    # Repositories of the desk's records. Each is the store's class of that name; they are typed
    # loosely here so that a service reads as plain Python and the store stays free to pick the best
    # statement for each engine.
    people: Any
    jobs: Any
    users: Any
    touches: Any
    seeker: Any
    # Query objects: what the contact policy reads as of a moment (the one loader behind every
    # decision), the call sheet's pipelines, and the promised callbacks still standing.
    policy: Any
    sheet: Any
    callbacks: Any
    scripts: Any  # the scripts a desk edited

    @property
    def dialect(self) -> str: ...

    def reading(self) -> UnitOfWork: ...

    def one_statement(self) -> UnitOfWork: ...

    def commit(self) -> None: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
