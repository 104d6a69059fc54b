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
from starlette.concurrency import run_in_threadpool

from callsheet.bootstrap import Desk, UnitOfWork
from callsheet.clock import Clock
from callsheet.domain.bounds import ID_MAX, ID_MIN
from callsheet.domain.desks import TOKEN, DeskRecord
from callsheet.domain.errors import BadInput, NotSignedIn
from callsheet.domain.users import User
from callsheet.http.sessions import COOKIE, SessionSigner
from callsheet.services.accounts import access as access
from callsheet.services.accounts import desks as desks_service
from callsheet.services.accounts import tokens as tokens
from callsheet.services.imports.uploads import ImportRunner
from callsheet.settings import Settings


@dataclass
class DeskState(Desk):
    """What the app holds for its lifetime: the desk (settings, one engine, the clock), the cookie signer."""

    signer: SessionSigner = field(init=False)
    #: Uploads, and the imports this server runs in their own threads (the runs themselves are in the store).
    imports: ImportRunner = field(init=False)

    #: Each desk's view of this state (its settings and clock), made when a request first opens it; and the
    #: desk of each API token seen (a token never moves between desks; revocation is checked in the desk).
    views: dict[int, DeskState] = field(default_factory=dict, init=False, repr=False)
    token_desks: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.signer = SessionSigner(self.base.secret_key or secrets.token_urlsafe(32))
        self.imports = ImportRunner(self.base.upload_dir, self.base.upload_max_mb << 20)

    def settings_changed(self) -> None:
        self.views.clear()  # each desk's view is made again over the new settings

    def choose_desk(self) -> DeskRecord:
        """The desk of a request that carries none (the sign-in page): CALLSHEET_DESK, else the only
        desk, else the first; such a request reads no desk's records."""
        try:
            return super().choose_desk()
        except BadInput:
            every = desks_service.list_desks(self.operator_uow())
            if not every:
                raise
            return every[0]

    def view(self, desk_id: int | None) -> DeskState:
        """The state working in a desk (None: this one); reads the desk's row the first time only."""
        if desk_id is None:
            return self
        found = self.views.get(desk_id)
        if found is None:
            found = self.views[desk_id] = self.for_desk(desks_service.desk_by_id(self.operator_uow(), desk_id))
        return found

    def desk_of_token(self, token: str, read: bool = True) -> int | None:
        """The desk of an API token (desk_keys), remembered for the process's life; None: no such token.

        Without `read`, only a desk remembered (None: unknown so far), for a caller on the event loop."""
        key = tokens.hash_token(token)
        desk = self.token_desks.get(key)
        if desk is None and read:
            found = desks_service.desk_holding(self.operator_uow(), TOKEN, key)
            if found is None:
                return None
            desk = self.token_desks[key] = found.id
        return desk


async def get_state(request: Request) -> DeskState:
    """The state of the request's desk, resolved once per request: the signed-in user's (the session
    cookie names it) or the bearer token's; a request with neither gets the server's own."""
    cached: DeskState | None = getattr(request.state, "desk", None)
    if cached is not None:
        return cached
    base: DeskState = request.app.state.desk
    session = base.signer.load(request.cookies.get(COOKIE))
    desk_id = session.desk_id if session is not None and session.user_id is not None else None
    token = request_token(request)
    if desk_id is None and token:
        desk_id = base.desk_of_token(token, read=False)
        if desk_id is None:
            desk_id = await run_in_threadpool(base.desk_of_token, token)
    state = base.views.get(desk_id) if desk_id is not None else base
    if state is None:
        state = await run_in_threadpool(base.view, desk_id)
    request.state.desk = state
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


def request_token(request: Request) -> str:
    """The API token a request carries: its bearer token, else the feed's `?token=` (calendar apps cannot
    send headers)."""
    return bearer_token(request) or request.query_params.get("token", "").strip()


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
