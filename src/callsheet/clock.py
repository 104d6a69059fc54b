"""Clocks: services never call datetime.now(); they are handed one of these."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

from callsheet.domain.bounds import check_day, check_moment
from callsheet.domain.errors import BadInput


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A pinned clock (CALLSHEET_NOW, --at, tests). Can be moved forward by tests."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("a fixed clock needs an aware datetime")
        self.at = at

    def now(self) -> datetime:
        return self.at


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except Exception as exc:  # ZoneInfoNotFoundError, ValueError for odd keys
        raise BadInput("timezone", f"unknown time zone {name!r}") from exc


def read_time(text: str, field: str = "time") -> datetime:
    """Read an ISO 8601 time as written: aware when it names its offset, else naive (a zone for the
    service to give it, such as the callee's for a callback). Years outside 1900..2200 are refused."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadInput(field, f"{text!r} is not an ISO 8601 time such as 2026-11-20T09:30") from exc
    return check_moment(field, value)


def read_day(text: str, field: str, example: str = "2026-11-01") -> date:
    """Read an ISO 8601 day; years outside 1900..2200 are refused."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(field, f"{text!r} is not a date such as {example}") from None
    return check_day(field, value)


def parse_time(text: str, desk_zone: str, field: str = "time") -> datetime:
    """Read an ISO 8601 time; one without a zone is in the desk's zone. Returns an aware datetime.

    >>> parse_time("2026-11-20T09:30", "America/Chicago").isoformat()
    '2026-11-20T09:30:00-06:00'
    """
    value = read_time(text, field)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(desk_zone))
    return value


def clock_from_settings(now: datetime | None, desk_zone: str) -> Clock:
    if now is None:
        return SystemClock()
    if now.tzinfo is None:
        now = now.replace(tzinfo=zone(desk_zone))
    return FixedClock(now)
