"""Named dependencies of every page and endpoint: the desk, a unit of work, the clock, the API token.

Dependencies that only compute (no database, no file) are `async def`: FastAPI runs them on the event
loop, where a plain `def` would cost a hop to the thread pool each, several per request. Those that
read the store stay plain `def`, so their waiting happens in the thread pool, never on the event loop.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Form, Path, Request

from callsheet.bootstrap import Desk, UnitOfWork
from callsheet.clock import Clock
from callsheet.domain.bounds import ID_MAX, ID_MIN
from callsheet.domain.errors import NotSignedIn
from callsheet.domain.users import User
from callsheet.http.sessions import SessionSigner
from callsheet.services.accounts import access as access
from callsheet.services.accounts import tokens as tokens
from callsheet.services.imports.uploads import ImportRunner
from callsheet.settings import Settings


@dataclass
class DeskState(Desk):
    """What the app holds for its lifetime: the desk (settings, one engine, the clock), the cookie signer."""

    signer: SessionSigner = field(init=False)
    #: Uploads, and the imports this server runs in their own threads (the runs themselves are in the store).
    imports: ImportRunner = field(init=False)

    def __post_init__(self) -> None:
        self.signer = SessionSigner(self.settings.secret_key or secrets.token_urlsafe(32))
        self.imports = ImportRunner(self.settings.upload_dir, self.settings.upload_max_mb << 20)


async def get_state(request: Request) -> DeskState:
    state: DeskState = request.app.state.desk
    return state


StateDep = Annotated[DeskState, Depends(get_state)]


async def get_uow(state: StateDep) -> UnitOfWork:
    # A unit of work per request; each service call inside it is its own transaction.
    return state.uow()


SessionDep = Annotated[UnitOfWork, Depends(get_uow)]


async def get_settings(state: StateDep) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_clock(state: StateDep) -> Clock:
    return state.clock


ClockDep = Annotated[Clock, Depends(get_clock)]


def clock_at(state: DeskState, at: str | None) -> Clock:
    """The desk's clock, or one pinned to ?at= (plan another moment, like the CLI's --at)."""
    return state.clock_at(at)


def bearer_token(request: Request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def api_user(request: Request, uow: SessionDep, clock: ClockDep) -> User:
    user = tokens.user_for_token(uow, clock, bearer_token(request))
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


# An id in a path or a form: within the stores' key range (domain/bounds.py), else 422 naming it.
PathId = Annotated[int, Path(ge=ID_MIN, le=ID_MAX)]
FormId = Annotated[int, Form(ge=ID_MIN, le=ID_MAX)]
