"""Where every entrypoint starts: settings, the store, the search index and the clock, wired once.

The command line, the web desk and the JSON API each hold one `Desk`. They ask it for units of work
and for the clock, and hand those to services; they never open the store or meet its driver. A failure
of the store reaches them as a domain error (StoreUnavailable, StoreFailed, OutOfRange).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self

from sqlalchemy import Engine

from callsheet.clock import Clock, FixedClock, clock_from_settings, parse_time
from callsheet.domain.desks import DeskRecord
from callsheet.domain.errors import BadInput
from callsheet.services.accounts.acting import login_name
from callsheet.services.calling.telephony import Provider
from callsheet.settings import Settings, settings_for_desk
from callsheet.store import schema
from callsheet.store.desks_repo import LOGIN
from callsheet.store.engine import make_engine
from callsheet.store.failures import WordedUnitOfWork, in_domain_terms
from callsheet.store.search.place import place_indexes
from callsheet.store.uow import DEFAULT_DESK, UnitOfWork

__all__ = ["DEFAULT_DESK", "Desk", "UnitOfWork", "open_store", "store_errors", "telephony_for", "upgrade_store"]


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
    """Settings, one engine (a pool, made on first use), the desk worked in and its clock: what an
    entrypoint works with.

    `base` is the process's settings; `settings` are the desk's (its own time zone, holidays and
    window over the process's: settings_for_desk). The desk is chosen once, on first use: the one
    given (a request's), else CALLSHEET_DESK by name, else the acting user's, else the only desk.
    """

    base: Settings
    #: Connections the engine keeps pooled (a server sizes it to its threads); None: the driver's default.
    pool_size: int | None = None
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _telephony: list[Provider | None] = field(default_factory=list, init=False, repr=False)
    _record: DeskRecord | None = field(default=None, init=False, repr=False)
    _settings: Settings | None = field(default=None, init=False, repr=False)

    @property
    def record(self) -> DeskRecord:
        """The desk worked in, chosen on first use."""
        if self._record is None:
            self._record = self.choose_desk()
        return self._record

    @property
    def desk_id(self) -> int:
        return self.record.id

    @property
    def settings(self) -> Settings:
        """The settings of work in this desk (the process's, with the desk's own policy over them)."""
        if self._settings is None:
            self._settings = settings_for_desk(self.base, self.record)
        return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        """New process settings (tests move a pinned clock); the desk's own policy still applies over them."""
        self.base = settings
        self._settings = None
        self.settings_changed()

    def settings_changed(self) -> None:
        """Called when the process settings change: anything made from them is made again."""

    def choose_desk(self) -> DeskRecord:
        """CALLSHEET_DESK by name, else the acting user's desk, else the only desk; exit 2 naming
        CALLSHEET_DESK when several desks leave it open."""
        with self.operator_uow().reading() as uow:
            if self.base.desk.strip():
                found = uow.desks.by_name(self.base.desk.strip())
                if found is None:
                    raise BadInput("CALLSHEET_DESK", f"no desk is named {self.base.desk.strip()!r} "
                                                     "(callsheet desk list shows them)")
                return found  # type: ignore[no-any-return]
            login = self.user
            held = uow.desks.desk_of(LOGIN, login) or uow.desks.desk_of(LOGIN, login.strip().lower())
            if held is not None and (mine := uow.desks.get(held)) is not None:
                return mine  # type: ignore[no-any-return]
            every: list[DeskRecord] = uow.desks.all()
        return self.only_desk(every)

    def only_desk(self, every: list[DeskRecord]) -> DeskRecord:
        if len(every) == 1:
            return every[0]
        if not every:
            raise BadInput("CALLSHEET_DESK", "the database has no desk: callsheet desk add NAME makes one")
        names = ", ".join(d.name for d in every)
        raise BadInput("CALLSHEET_DESK", f"the database has several desks ({names}): name the one to work in")

    def for_desk(self, record: DeskRecord) -> Self:
        """This desk's settings, engine and clock, working in `record` instead (a request's desk)."""
        self.engine  # noqa: B018 - one engine for every desk's view
        view = copy.copy(self)
        view._record = record
        view._settings = None
        return view

    @property
    def telephony(self) -> Provider | None:
        """The telephony provider, made on first use (None: click-to-call is off)."""
        if not self._telephony:
            self._telephony.append(telephony_for(self.base))
        return self._telephony[0]

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_store(self.base, self.pool_size)
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
        """A unit of work in the desk."""
        return WordedUnitOfWork(self.engine, self.desk_id)

    def operator_uow(self) -> UnitOfWork:
        """A unit of work on the global tables only (desks, desk keys): no desk's records."""
        return WordedUnitOfWork(self.engine, None)

    def uow_as_it_is(self) -> UnitOfWork:
        """A unit of work on the database as it is: backup and restore neither create nor upgrade it."""
        return WordedUnitOfWork(make_engine(self.base.database_url))

    def new_uow(self) -> UnitOfWork:
        """The same as uow(): a factory for work that runs in threads of its own (imports)."""
        return self.uow()

    def clock_of_server(self) -> Clock:
        """The clock in the server's own zone, for work outside any desk."""
        return clock_from_settings(self.base.now, self.base.timezone)

    @property
    def clock(self) -> Clock:
        return clock_from_settings(self.settings.now, self.settings.timezone)

    @property
    def pinned(self) -> bool:
        return self.base.now is not None

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
        return login_name(self.base.user)

    def close(self) -> None:
        """Close the pool's connections (a shared PostgreSQL has few to spare)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
