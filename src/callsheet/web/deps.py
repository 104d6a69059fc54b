"""Named dependencies of every page and endpoint: the store, the clock, the signed-in user, CSRF.

Dependencies that only compute (no database, no file) are `async def`: FastAPI runs them on the event
loop, where a plain `def` would cost a hop to the thread pool each, several per request. Those that
read the store stay plain `def`, so their waiting happens in the thread pool, never on the event loop.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from callsheet.clock import Clock, FixedClock, clock_from_settings, parse_time
from callsheet.domain.errors import Forbidden, NotFound
from callsheet.domain.users import User
from callsheet.services.accounts import access as access
from callsheet.services.accounts import users as accounts
from callsheet.services.imports.uploads import ImportRunner
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from callsheet.web.errors import NotSignedIn
from callsheet.web.sessions import COOKIE, CSRF_FIELD, CSRF_HEADER, Session, SessionSigner, csrf_matches


@dataclass
class DeskState:
    """What the app holds for its lifetime: settings, one engine (a pool), the cookie signer."""

    settings: Settings
    engine: Engine
    signer: SessionSigner = field(init=False)
    #: Imports running in their own threads, and the recent ones' summaries.
    imports: ImportRunner = field(init=False)

    def __post_init__(self) -> None:
        self.signer = SessionSigner(self.settings.secret_key or secrets.token_urlsafe(32))
        self.imports = ImportRunner(self.settings.upload_dir)

    def new_uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    @property
    def clock(self) -> Clock:
        return clock_from_settings(self.settings.now, self.settings.timezone)

    @property
    def pinned(self) -> bool:
        return self.settings.now is not None


async def get_state(request: Request) -> DeskState:
    state: DeskState = request.app.state.desk
    return state


StateDep = Annotated[DeskState, Depends(get_state)]


async def get_uow(state: StateDep) -> UnitOfWork:
    # A unit of work per request; each service call inside it is its own transaction.
    return UnitOfWork(state.engine)


SessionDep = Annotated[UnitOfWork, Depends(get_uow)]


async def get_settings(state: StateDep) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_clock(state: StateDep) -> Clock:
    return state.clock


ClockDep = Annotated[Clock, Depends(get_clock)]


def clock_at(state: DeskState, at: str | None) -> Clock:
    """The desk's clock, or one pinned to ?at= (plan another moment, like the CLI's --at)."""
    if not at:
        return state.clock
    return FixedClock(parse_time(at, state.settings.timezone, "at"))


def read_session(request: Request, state: DeskState) -> Session | None:
    session = state.signer.load(request.cookies.get(COOKIE))
    request.state.session = session
    return session


async def session_dep(request: Request, state: StateDep) -> Session | None:
    return read_session(request, state)


SessionCookie = Annotated[Session | None, Depends(session_dep)]


def current_user(request: Request, uow: SessionDep, session: SessionCookie) -> User:
    if session is None or session.user_id is None:
        raise NotSignedIn()
    user = accounts.active_user(uow, session.user_id)
    if user is None:
        raise NotSignedIn()
    request.state.user = user
    return user


CurrentUser = Annotated[User, Depends(current_user)]


async def desk_user(request: Request, user: CurrentUser) -> User:
    # For a hiring manager the recruiters' pages do not exist: 404, so they learn nothing from them.
    if not access.works_the_desk(user):
        raise NotFound("page", request.url.path)
    return user


DeskUser = Annotated[User, Depends(desk_user)]


async def check_csrf(request: Request, session: SessionCookie) -> None:
    """Every form post carries the session's CSRF token (a hidden field, or htmx's X-CSRF-Token header)."""
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not csrf_matches(session, sent):
        raise Forbidden("the form's security token is missing or out of date; reload the page and try again")


CsrfChecked = Depends(check_csrf)


def bearer_token(request: Request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def api_user(request: Request, uow: SessionDep) -> User:
    user = accounts.user_for_token(uow, bearer_token(request))
    if user is None:
        raise NotSignedIn()
    return user


ApiUser = Annotated[User, Depends(api_user)]


async def api_desk_user(user: ApiUser) -> User:
    return access.require_desk(user)


ApiDeskUser = Annotated[User, Depends(api_desk_user)]


async def api_desk_token(request: Request) -> access.DeskToken:
    """The token only, for a service that checks it in its own transaction (see access.DeskToken).

    No token at all is refused here, before the body is read; a wrong one by the service (401 either way).
    """
    token = bearer_token(request)
    if not token:
        raise NotSignedIn()
    return access.DeskToken(token)


ApiDeskToken = Annotated[access.DeskToken, Depends(api_desk_token)]
