"""Named dependencies of the web desk's pages: the signed-in user, their session cookie and CSRF check,
beside the ones every page and endpoint shares (callsheet/http/deps.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from callsheet.domain.errors import Forbidden, NotFound, NotSignedIn
from callsheet.domain.users import User
from callsheet.http.deps import (
    ClockDep,
    DeskState,
    FormId,
    PathId,
    SessionDep,
    SettingsDep,
    StateDep,
    clock_at,
)
from callsheet.http.sessions import COOKIE, CSRF_FIELD, CSRF_HEADER, Session, csrf_matches
from callsheet.services.accounts import access as access
from callsheet.services.accounts import users as accounts

__all__ = ["FormId", "PathId",
    "ClockDep", "CsrfChecked", "CurrentUser", "DeskState", "DeskUser", "SessionCookie", "SessionDep", "SettingsDep",
    "StateDep", "clock_at", "read_session",
]


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
    user = accounts.active_user(uow, session.user_id, session.version)
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
