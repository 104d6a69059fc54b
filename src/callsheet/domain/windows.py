"""Calling windows in the callee's local time, and where several zones must agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

#: US law (TCPA): never before 08:00 or after 21:00 in the callee's local time.
LEGAL_START = time(8, 0)
LEGAL_END = time(21, 0)


@dataclass(frozen=True)
class Window:
    start: time
    end: time
    days: frozenset[int]  # Monday=0

    def narrowed(self, start: time, end: time) -> Window:
        """A window never grows: each rule can only narrow it."""
        return Window(max(self.start, start), min(self.end, end), self.days)


@dataclass(frozen=True)
class StateRule:
    start: time = LEGAL_START
    end: time = LEGAL_END
    #: At most this many calls in any 24 hours, if the state limits it.
    max_calls_per_day: int | None = None
    note: str = ""


#: States whose telemarketing laws are stricter than the federal window (where the state is known).
STATE_RULES: dict[str, StateRule] = {
    "CT": StateRule(time(9, 0), time(20, 0), None, "Connecticut allows calls 09:00-20:00"),
    "FL": StateRule(time(8, 0), time(20, 0), 3, "Florida allows 08:00-20:00 and at most 3 calls in 24 hours"),
    "OK": StateRule(time(8, 0), time(20, 0), 3, "Oklahoma allows 08:00-20:00 and at most 3 calls in 24 hours"),
    "MD": StateRule(time(8, 0), time(21, 0), 3, "Maryland allows at most 3 calls in 24 hours"),
    "WA": StateRule(time(8, 0), time(20, 0), None, "Washington allows calls 08:00-20:00"),
    "TX": StateRule(time(9, 0), time(21, 0), None, "Texas allows calls from 09:00"),
}


@lru_cache(maxsize=256)
def window_for(base: Window, state: str) -> tuple[Window, StateRule | None]:
    """The desk's window, narrowed by the law and by the callee's state rule.

    >>> w, rule = window_for(Window(time(8), time(20), frozenset(range(5))), "CT")
    >>> (w.start, w.end, rule is not None)
    (datetime.time(9, 0), datetime.time(20, 0), True)
    """
    window = base.narrowed(LEGAL_START, LEGAL_END)
    rule = STATE_RULES.get(state.upper()) if state else None
    if rule is not None:
        window = window.narrowed(rule.start, rule.end)
    return window, rule


def open_intervals(window: Window, zone: str, start: datetime, days: int = 9) -> list[tuple[datetime, datetime]]:
    """UTC intervals when the window is open in one zone, from the day of `start` on."""
    first = start.astimezone(ZoneInfo(zone)).date() - timedelta(days=1)
    return list(_intervals_from(window, zone, first, days))


@lru_cache(maxsize=4096)
def _intervals_from(window: Window, zone: str, first: date, days: int) -> tuple[tuple[datetime, datetime], ...]:
    # The call sheet asks about the same few zones for every row: each (zone, day) is worked out once.
    tz = ZoneInfo(zone)
    intervals = []
    for offset in range(days + 1):
        day = first + timedelta(days=offset)
        if day.weekday() not in window.days or window.start >= window.end:
            continue
        opens = datetime.combine(day, window.start, tzinfo=tz).astimezone(UTC)
        closes = datetime.combine(day, window.end, tzinfo=tz).astimezone(UTC)
        intervals.append((opens, closes))
    return tuple(intervals)


Intervals = list[tuple[datetime, datetime]]


def _intersect(a: Intervals, b: Intervals) -> Intervals:
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if lo < hi:
                out.append((lo, hi))
    return sorted(out)


def common_open(window: Window, zones: Iterable[str], now: datetime) -> tuple[bool, datetime | None, datetime | None]:
    """Is the window open in every zone at `now`? Returns (open now, when it next opens, when it closes).

    With several candidate zones (a number whose prefix spans two), a call is only allowed when the
    window holds in all of them, so the intervals are intersected.
    """
    zone_list = sorted(set(zones))
    if not zone_list:
        return False, None, None
    common = open_intervals(window, zone_list[0], now)
    for zone in zone_list[1:]:
        common = _intersect(common, open_intervals(window, zone, now))
    for lo, hi in common:
        if lo <= now < hi:
            return True, None, hi
        if lo > now:
            return False, lo, None
    return False, None, None
