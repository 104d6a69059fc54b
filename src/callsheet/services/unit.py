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
    desks: Any  # desks (global), and desk_keys: the desk that holds a login, a token's hash...
    tokens: Any  # API tokens: their hashes, names, last use and revocation; the holder of a token
    sign_ins: Any  # failed sign-ins per account and per client address, and when attempts are heard again
    touches: Any
    seeker: Any
    network: Any  # who knows whom: "knows" links, referrals, and the touches that warm a contact
    backups: Any  # backup and restore of a SQLite desk's file; usable without opening the unit of work
    analytics: Any  # the counting behind outreach analytics, with each engine's own statements
    reports: Any  # what the desk's reports read from the touches log
    shares: Any  # links that open one job's report to a hiring manager
    demo: Any  # bulk writes of the demo desk (explicit ids, COPY on PostgreSQL), and emptying a desk
    scripts: Any  # the user's own call scripts, and the application a contact was called about
    people_queries: Any  # read-only: the selection for outreach, names by company
    imports: Any  # the importer's: the desk's salt, look-ups by key, writing a batch
    import_runs: Any  # imports started from the web desk or the API: progress, counts, the rejects file
    records: Any  # merging and erasing: every row that points at a person
    resumes: Any  # résumé files on people's cards: bytes, text, what the text proposed
    search: Any  # people search: the index of the desk, and hits read from the store
    unstorable: tuple[type[Exception], ...]  # raised for a value the store cannot hold (out of range, not text)
    numbers: Any  # numbers marked through the people who held them, and their releases
    dnc: Any  # do-not-call lists from outside: their numbers, each version's audit
    calls: Any  # calls placed or taken through a telephony provider, moved forward by its callbacks
    practice: Any  # rehearsals with a simulated listener: stored apart from touches, counted as practice
    # Query objects: what the contact policy reads as of a moment (the one loader behind every
    # decision), the call sheet's pipelines, and the promised callbacks still standing.
    policy: Any
    sheet: Any
    callbacks: Any

    @property
    def dialect(self) -> str: ...

    def reading(self) -> UnitOfWork: ...

    def one_statement(self) -> UnitOfWork: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
