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


def read_time(text: str, field: str = "time", now: datetime | None = None) -> datetime:
    """Read a time as written: aware when it names its offset, else naive (a zone for the service to
    give it, such as the callee's for a callback). ISO 8601 is tried first and read exactly; else what a
    person types ("tomorrow 09:00", "next Tuesday 2pm"), counted from `now` as its wall-clock reads
    (the system clock's if not given). Years outside 1900..2200 are refused."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        value = _read_spoken(text, field, now)
    return check_moment(field, value)


def _read_spoken(text: str, field: str, now: datetime | None) -> datetime:
    import dateparser  # only when a time is not ISO 8601: it is slow to import

    base = (now or SystemClock().now()).replace(tzinfo=None)
    value: datetime | None = None
    if text.strip() and len(text) <= 200:
        try:
            value = dateparser.parse(text, languages=["en"],
                                     settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"})
        except (ValueError, OverflowError):
            value = None
    if value is None:
        raise BadInput(field, f"{text!r} is not a time such as 2026-11-20T09:30 or \"tomorrow 09:00\"")
    return value


def read_day(text: str, field: str, example: str = "2026-11-01") -> date:
    """Read an ISO 8601 day; years outside 1900..2200 are refused."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(field, f"{text!r} is not a date such as {example}") from None
    return check_day(field, value)


def parse_time(text: str, desk_zone: str, field: str = "time", now: datetime | None = None) -> datetime:
    """Read a time (see `read_time`); one without a zone is in `desk_zone`, and words such as "tomorrow"
    count from `now` as it reads there. Returns an aware datetime.

    >>> parse_time("2026-11-20T09:30", "America/Chicago").isoformat()
    '2026-11-20T09:30:00-06:00'
    >>> parse_time("tomorrow 9am", "America/Chicago", now=datetime(2026, 11, 20, 3, tzinfo=UTC)).isoformat()
    '2026-11-20T09:00:00-06:00'
    """
    tz = zone(desk_zone)
    value = read_time(text, field, (now or SystemClock().now()).astimezone(tz))
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def clock_from_settings(now: datetime | None, desk_zone: str) -> Clock:
    if now is None:
        return SystemClock()
    if now.tzinfo is None:
        now = now.replace(tzinfo=zone(desk_zone))
    return FixedClock(now)
