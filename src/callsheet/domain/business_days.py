"""Business days: the one rule for counting them, given a desk's weekend and holidays as data.

The contact policy's cool-offs (moments) and the job seeker's wait (dates) both count with it.
"""

from __future__ import annotations

from datetime import date, timedelta

#: Saturday and Sunday (Monday=0), the weekend when a holiday calendar names none.
SATURDAY_SUNDAY: frozenset[int] = frozenset({5, 6})


def is_business_day(day: date, holidays: frozenset[date], weekend: frozenset[int] = SATURDAY_SUNDAY) -> bool:
    """Neither a weekend day nor a holiday.

    >>> is_business_day(date(2026, 11, 20), frozenset(), frozenset({4, 5}))  # a Friday
    False
    """
    return day.weekday() not in weekend and day not in holidays


def business_days_after(start: date, days: int, holidays: frozenset[date],
                        weekend: frozenset[int] = SATURDAY_SUNDAY) -> date:
    """The date `days` business days after `start`.

    >>> business_days_after(date(2026, 11, 20), 5, frozenset({date(2026, 11, 26)}))
    datetime.date(2026, 11, 30)
    >>> business_days_after(date(2026, 11, 19), 1, frozenset(), frozenset({4, 5}))  # Thursday to Sunday
    datetime.date(2026, 11, 22)
    """
    if len(weekend) >= 7:
        raise ValueError("a weekend of every day leaves no business days")
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_business_day(day, holidays, weekend):
            days -= 1
    return day


def business_days_before(end: date, days: int, holidays: frozenset[date],
                         weekend: frozenset[int] = SATURDAY_SUNDAY) -> date:
    """The date `days` business days before `end`."""
    if len(weekend) >= 7:
        raise ValueError("a weekend of every day leaves no business days")
    day = end
    while days > 0:
        day -= timedelta(days=1)
        if is_business_day(day, holidays, weekend):
            days -= 1
    return day


def business_days_between(start: date, end: date, holidays: frozenset[date],
                          weekend: frozenset[int] = SATURDAY_SUNDAY) -> int:
    """How many business days fall after `start`, up to and including `end`."""
    return sum(1 for n in range(1, (end - start).days + 1)
               if is_business_day(start + timedelta(days=n), holidays, weekend))
