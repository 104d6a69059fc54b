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


class NoteSuggests(BadInput):
    """The note says more than the outcome chosen (the person died, or asked never to be called again):
    the recruiter confirms the outcome, or logs the one suggested. Nothing was stored."""

    def __init__(self, outcome: str, suggested: str) -> None:
        self.outcome = outcome
        self.suggested = suggested
        said = "the person died" if suggested == "deceased" else "the person asked never to be called again"
        super().__init__("note", f"the note says {said}: log it as {suggested}, or keep {outcome} on purpose")


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
