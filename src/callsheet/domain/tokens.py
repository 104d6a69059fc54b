"""API tokens: named, listed, revocable, and when each was last used.

A token's use is recorded at most once a minute: the API's busiest path reads the token's last use
with its holder and writes only when that is older than `USE_RECORDED_EVERY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from callsheet.domain.bounds import check_text
from callsheet.domain.errors import BadInput
from callsheet.domain.users import User

USE_RECORDED_EVERY = timedelta(minutes=1)
NAME_MAX = 100


@dataclass(frozen=True)
class ApiToken:
    """A token as its owner and the admins see it: never the token itself, which is shown once."""

    id: int
    owner: str  # the owner's login
    name: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str = ""  # the login of whoever revoked it

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class Holder:
    """The active user holding a token that is not revoked, and when the token was last recorded as used."""

    user: User
    token_id: int
    last_used_at: datetime | None


def use_worth_recording(last_used_at: datetime | None, now: datetime) -> bool:
    """True when a use at `now` should be written: never recorded, or last recorded a minute or more ago.

    >>> from datetime import UTC
    >>> at = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
    >>> use_worth_recording(None, at), use_worth_recording(at - timedelta(seconds=30), at)
    (True, False)
    >>> use_worth_recording(at - timedelta(minutes=1), at)
    True
    """
    return last_used_at is None or now - last_used_at >= USE_RECORDED_EVERY


def check_name(name: str) -> str:
    """A token's name: its own words, at most NAME_MAX characters, no control characters.

    >>> check_name("  nightly sync ")
    'nightly sync'
    >>> check_name("x" * 101)
    Traceback (most recent call last):
    ...
    callsheet.domain.errors.BadInput: name: is 101 characters long; at most 100 are kept
    """
    name = check_text("name", name.strip(), NAME_MAX)
    if "\n" in name or "\r" in name or "\t" in name:
        raise BadInput("name", "must be one line")
    return name


def default_name(tokens_so_far: int) -> str:
    """The name of a token given none: "token 1", "token 2" ... in the order the owner got them."""
    return f"token {tokens_so_far + 1}"
