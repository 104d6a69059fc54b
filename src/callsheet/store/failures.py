"""The store's failures in the desk's own words, so no entrypoint handles a driver's exception.

A unit of work handed out by the bootstrap says `StoreUnavailable` when the database cannot be reached
or refuses a connection, and `OutOfRange` (a BadInput) when it refuses a value the checks let through (out of range).
Other errors of the store stay what they are inside a unit of work (a service may expect one), and
`in_domain_terms()` words every one of them for a caller that only reports them (the command line).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy.exc import DataError, OperationalError, SQLAlchemyError

from callsheet.domain.errors import CallsheetError, OutOfRange, StoreFailed, StoreUnavailable
from callsheet.store.uow import UnitOfWork

#: What a value the store refuses is said to be.
OUT_OF_RANGE = "a value is out of range for the store"


def domain_error(exc: SQLAlchemyError) -> CallsheetError:
    """The desk's word for a failure of the store."""
    if isinstance(exc, OperationalError):
        return StoreUnavailable(str(exc.orig))
    if isinstance(exc, DataError):
        return OutOfRange("input", OUT_OF_RANGE)
    return StoreFailed(f"{exc.__class__.__name__}: {exc}")


@contextmanager
def in_domain_terms() -> Iterator[None]:
    """Every failure of the store inside the block comes out as a domain error."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise domain_error(exc) from exc


def _worded(exc: BaseException | None) -> CallsheetError | None:
    return domain_error(exc) if isinstance(exc, (OperationalError, DataError)) else None


class WordedUnitOfWork(UnitOfWork):
    """The store's unit of work, whose unavailable database and refused values come out as domain errors."""

    def __enter__(self) -> WordedUnitOfWork:
        try:
            super().__enter__()
        except (OperationalError, DataError) as exc:
            raise domain_error(exc) from exc
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            super().__exit__(exc_type, exc, tb)
        except (OperationalError, DataError) as failure:
            raise domain_error(failure) from failure
        worded = _worded(exc)
        if worded is not None:
            raise worded from exc
