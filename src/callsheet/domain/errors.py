"""Errors the domain and services raise; entrypoints map them to exit codes and HTTP statuses."""

from __future__ import annotations


class CallsheetError(Exception):
    """Base class for errors a user can act on."""


class BadInput(CallsheetError):
    """Input that cannot be accepted; the message names the field or row.

    >>> str(BadInput("phone", "'12345' is not a valid phone number"))
    "phone: '12345' is not a valid phone number"
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotFound(CallsheetError):
    """A referenced record does not exist."""

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key} not found")


class NotSignedIn(CallsheetError):
    """No valid session (pages) or API token: who is asking is unknown."""


class Forbidden(CallsheetError):
    """The acting user may not do this."""


class Refused(CallsheetError):
    """The contact policy says no; the message is its reason."""


class DialRefused(Refused):
    """A dial the policy refuses (or the provider could not place): nothing was sent; the message says why."""


class OutOfRange(BadInput):
    """The store refused a value the checks let through (a number out of its range, bytes not text)."""


class StoreUnavailable(CallsheetError):
    """The database cannot be reached or takes no more connections: worth trying again shortly."""


class StoreFailed(CallsheetError):
    """The database refused a statement for a reason of its own; the message names it."""
