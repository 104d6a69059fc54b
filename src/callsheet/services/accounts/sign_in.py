"""Signing in and out: failed attempts slow and then lock an account and a client address, and every
session of a user can be ended at once.

Failures are counted in the store, so every server process refuses the same attempts; a refused attempt
is never checked against the password, so the right password during a lock is refused too. A success
forgets the account's failures (never the address's, or one account could clear an address for guessing
at others). Sessions carry the user's session version; raising it ends every copy of their cookie.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from callsheet.clock import Clock
from callsheet.domain import sign_in as rules
from callsheet.domain.errors import NotFound
from callsheet.domain.users import User
from callsheet.services.accounts import users as accounts
from callsheet.services.unit import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attempt:
    """A signed-in user and their session version; no user and a `retry_at` when the attempt was refused
    unheard; neither when the email or password was wrong."""

    user: User | None = None
    session_version: int = 0
    retry_at: datetime | None = None


def _keys(login: str, address: str) -> list[tuple[str, rules.Allowance]]:
    return [(f"account:{login.strip().lower()[:300]}", rules.ACCOUNT), (f"address:{address[:300]}", rules.ADDRESS)]


def sign_in(uow: UnitOfWork, clock: Clock, login: str, password: str, address: str) -> Attempt:
    """Check a sign-in unless the account or the address is being refused for now."""
    now = clock.now()
    keys = _keys(login, address)
    with uow.reading():
        records = [uow.sign_ins.get(key) for key, _ in keys]
    waits = [r.refused_until for r in records if r is not None and r.refused_until and r.refused_until > now]
    if waits:
        log.warning("sign-in refused unheard for %r from %s until %s", login, address, max(waits).isoformat())
        return Attempt(retry_at=max(waits))
    user = accounts.authenticate(uow, login, password)
    with uow:
        if user is not None:
            uow.sign_ins.forget(keys[0][0])
            return Attempt(user, uow.users.session_version(user.id))
        for key, allowance in keys:
            count = uow.sign_ins.fail(key, now, now - rules.FORGET_AFTER)
            delay = rules.refusal(count, allowance)
            uow.sign_ins.refuse_until(key, now + delay if delay else None)
            if delay >= rules.LOCK:
                log.warning("sign-in locked for %s after %d failures, until %s", key, count, (now + delay).isoformat())
    log.warning("failed sign-in for %r from %s", login, address)
    return Attempt()


def sign_out(uow: UnitOfWork, user_id: int) -> None:
    """Signing out ends every copy of the user's session cookie, not just the one in this browser."""
    with uow:
        uow.users.end_sessions(user_id)


def sign_out_everywhere(uow: UnitOfWork, login: str) -> User:
    """An admin's "sign out everywhere": every session of the user ends (their API tokens are kept)."""
    with uow:
        user: User | None = uow.users.by_login(login.strip().lower())
        if user is None:
            raise NotFound("user", login)
        uow.users.end_sessions(user.id)
    log.warning("every session of %s ended", user.login)
    return user
