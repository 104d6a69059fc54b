"""Who is acting: the command line acts as CALLSHEET_USER (default: the login name)."""

from __future__ import annotations

import getpass

from callsheet.clock import Clock
from callsheet.domain.desks import LOGIN
from callsheet.domain.errors import Forbidden
from callsheet.domain.users import User
from callsheet.services.unit import UnitOfWork


def login_name(configured: str) -> str:
    if configured.strip():
        return configured.strip()
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - containers without a passwd entry
        return "recruiter"


def acting_user(uow: UnitOfWork, clock: Clock, login: str) -> User:
    """The user row for a login, created as a recruiter the first time it acts.

    A login is found as the web desk signs it in (an email in any case is one user), so what the
    command line logs carries the same user, and the same display name, as the web desk's.
    """
    folded = login.strip().lower()
    if folded != login:
        found: User | None = uow.users.by_login(login) or uow.users.by_login(folded)
        if found is not None:
            return found
    if uow.users.by_login(login) is None and uow.desks.desk_of(LOGIN, login) is not None:
        raise Forbidden(f"{login} works in another desk: set CALLSHEET_DESK to that desk, or act as another user")
    user: User = uow.users.get_or_add(login, clock.now())
    return user
