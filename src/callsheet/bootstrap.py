"""Where every entrypoint starts: settings, the store, the search index and the clock, wired once.

The command line, the web desk and the JSON API each hold one `Desk`. They ask it for units of work
and for the clock, and hand those to services; they never open the store or meet its driver. A failure
of the store reaches them as a domain error (StoreUnavailable, StoreFailed, OutOfRange).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self

from sqlalchemy import Engine

from callsheet.clock import Clock, FixedClock, clock_from_settings, parse_time
from callsheet.services.accounts.acting import login_name
from callsheet.services.calling.telephony import Provider
from callsheet.settings import Settings
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.failures import WordedUnitOfWork, in_domain_terms
from callsheet.store.search.place import place_indexes
from callsheet.store.uow import UnitOfWork

__all__ = ["Desk", "UnitOfWork", "open_store", "store_errors", "telephony_for", "upgrade_store"]


def telephony_for(settings: Settings) -> Provider | None:
    """The telephony provider the settings name, or None: no account set up, or the `callsheet[twilio]`
    extra not installed. Without one the desk dials by tel: links and logs by hand."""
    if not settings.telephony_configured:
        return None
    try:
        from callsheet.services.calling.twilio_voice import TwilioTelephony
    except ImportError:
        return None
    return TwilioTelephony(settings)


def open_store(settings: Settings, pool_size: int | None = None) -> Engine:
    """The desk's database, created on first use and upgraded exactly as `callsheet init` would, so
    `callsheet person add` just works on a fresh file; its search indexes placed as the settings say."""
    options: dict[str, Any] = {} if pool_size is None else {"pool_size": pool_size, "max_overflow": 4}
    with in_domain_terms():
        engine = make_engine(settings.database_url, **options)
        place_indexes(engine, settings.search_dir)
        if not schema.is_current(engine):
            schema.upgrade(engine)
    return engine


def upgrade_store(settings: Settings) -> tuple[str, str | None, str]:
    """Create or upgrade the database: (its URL without the password, revision before, revision after)."""
    with in_domain_terms():
        engine = make_engine(settings.database_url)
        try:
            before, after = schema.upgrade(engine)
        finally:
            engine.dispose()
    return engine.url.render_as_string(hide_password=True), before, after


@contextmanager
def store_errors() -> Iterator[None]:
    """Any failure of the store inside the block comes out as a domain error (for callers that report it)."""
    with in_domain_terms():
        yield


@dataclass
class Desk:
    """Settings, one engine (a pool, made on first use) and the clock: what an entrypoint works with."""

    settings: Settings
    #: Connections the engine keeps pooled (a server sizes it to its threads); None: the driver's default.
    pool_size: int | None = None
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _telephony: list[Provider | None] = field(default_factory=list, init=False, repr=False)

    @property
    def telephony(self) -> Provider | None:
        """The telephony provider, made on first use (None: click-to-call is off)."""
        if not self._telephony:
            self._telephony.append(telephony_for(self.settings))
        return self._telephony[0]

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_store(self.settings, self.pool_size)
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    def open(self) -> Self:
        """Open the store (and set up the telephony provider) now rather than on first use: a server
        does, before its first request."""
        self.engine  # noqa: B018 - made on first use
        self.telephony  # noqa: B018 - its library loads once, not on the first webhook
        return self

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        return WordedUnitOfWork(self.engine)

    def uow_as_it_is(self) -> UnitOfWork:
        """A unit of work on the database as it is: backup and restore neither create nor upgrade it."""
        return WordedUnitOfWork(make_engine(self.settings.database_url))

    def new_uow(self) -> UnitOfWork:
        """The same as uow(): a factory for work that runs in threads of its own (imports)."""
        return self.uow()

    @property
    def clock(self) -> Clock:
        return clock_from_settings(self.settings.now, self.settings.timezone)

    @property
    def pinned(self) -> bool:
        return self.settings.now is not None

    def clock_at(self, at: str | None) -> Clock:
        """The desk's clock, or one pinned to `at` (to plan another moment: --at, ?at=)."""
        if not at:
            return self.clock
        return FixedClock(parse_time(at, self.settings.timezone, "at", self.clock.now()))

    def time(self, text: str, field_name: str) -> datetime:
        return parse_time(text, self.settings.timezone, field_name, self.clock.now())

    @property
    def user(self) -> str:
        """Who the command line acts as."""
        return login_name(self.settings.user)

    def close(self) -> None:
        """Close the pool's connections (a shared PostgreSQL has few to spare)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
