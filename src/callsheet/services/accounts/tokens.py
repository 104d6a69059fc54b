"""API tokens: a user holds any number, each named; they are listed with when each was last used, and
revoked by their owner or an admin (audited). Only a hash of a token is stored; the token itself is
shown once, when it is made.

Every API request finds its holder by the token's hash; the use is written at most once a minute per
token (domain/tokens.use_worth_recording), so a busy script costs no write per request.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime

from callsheet.clock import Clock
from callsheet.domain import tokens as rules
from callsheet.domain.errors import Forbidden, NotFound
from callsheet.domain.model import Role
from callsheet.domain.tokens import ApiToken, Holder
from callsheet.domain.users import User
from callsheet.services.accounts.acting import acting_user
from callsheet.services.unit import UnitOfWork

log = logging.getLogger(__name__)


def hash_token(token: str) -> str:
    # Tokens are 256 random bits, so a plain SHA-256 is enough and allows lookup by hash.
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(uow: UnitOfWork, clock: Clock, login: str, name: str = "") -> str:
    """A fresh API token for a user, beside the ones they have; named "token N" unless named.

    Returns the token: shown this once, since only its hash is kept.
    """
    name = rules.check_name(name)
    token = "cs_" + secrets.token_urlsafe(32)
    with uow:
        user = uow.users.by_login(login.strip().lower())
        if user is None:
            raise NotFound("user", login)
        uow.tokens.add(user.id, name or rules.default_name(uow.tokens.count_for(user.id)),
                       hash_token(token), clock.now())
    return token


def user_for_token(uow: UnitOfWork, clock: Clock, token: str) -> User | None:
    """The active user of a token that is not revoked, or None; notes the use (at most once a minute)."""
    if not token:
        return None
    with uow.reading():
        found: Holder | None = uow.tokens.holder(hash_token(token))
    if found is None:
        return None
    now = clock.now()
    if rules.use_worth_recording(found.last_used_at, now):
        with uow:
            note_use(uow, found, now)
    return found.user


def note_use(uow: UnitOfWork, found: Holder, now: datetime) -> None:
    """Record a use of the token found, inside an open unit of work, if the last one noted is a minute old."""
    if rules.use_worth_recording(found.last_used_at, now):
        uow.tokens.record_use(found.token_id, now, now - rules.USE_RECORDED_EVERY)


def _is_admin(user: User) -> bool:
    return user.role == Role.ADMIN.value


def _acting(uow: UnitOfWork, clock: Clock, acting: User | str) -> User:
    """The user acting: as the web desk and the API found them, or the command line's login."""
    return acting if isinstance(acting, User) else acting_user(uow, clock, acting)


def list_tokens(uow: UnitOfWork, clock: Clock, acting: User | str, login: str | None = None,
                everyone: bool = False) -> list[ApiToken]:
    """The tokens of `login` (default: the acting user's own), or of every user with `everyone`.

    Anyone sees their own; only an admin sees another user's.
    """
    # Only the command line's login may need a write (a user added as they first act).
    with uow.reading() if isinstance(acting, User) else uow:
        acting = _acting(uow, clock, acting)
        owner = acting
        if login is not None:
            found: User | None = uow.users.by_login(login.strip().lower())
            if found is None:
                raise NotFound("user", login)
            owner = found
        if (everyone or owner.id != acting.id) and not _is_admin(acting):
            raise Forbidden(f"only an admin sees another user's tokens; {acting.login} is a {acting.role}")
        listed: list[ApiToken] = uow.tokens.listed(None if everyone else owner.id)
    return listed


def revoke_token(uow: UnitOfWork, clock: Clock, acting: User | str, token_id: int) -> ApiToken:
    """Revoke a token: its owner or an admin may. From now on it opens no route of the API.

    Revoking a revoked token changes nothing. Audited: the token keeps who revoked it and when, and
    the desk's log says so.
    """
    now = clock.now()
    with uow:
        acting = _acting(uow, clock, acting)
        found = uow.tokens.get(token_id)
        if found is None:
            raise NotFound("token", token_id)
        token, owner_id = found
        if owner_id != acting.id and not _is_admin(acting):
            raise Forbidden(f"only its owner or an admin may revoke token {token_id}; "
                            f"{acting.login} is a {acting.role}")
        if not token.revoked:
            uow.tokens.revoke(token_id, acting.id, now)
        revoked: ApiToken = uow.tokens.get(token_id)[0]
    if not token.revoked:
        log.warning("API token %d (%r) of %s revoked by %s", token.id, token.name, token.owner, acting.login)
    return revoked
