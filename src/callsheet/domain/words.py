"""Counted words in messages: "1 business day", "3 business days", "1 person", "2 people"."""

from __future__ import annotations


def counted(n: int | float, one: str, many: str | None = None) -> str:
    """A number and its noun, singular for exactly one, with thousands separated.

    >>> counted(1, "business day"), counted(3, "business day"), counted(1200, "person", "people")
    ('1 business day', '3 business days', '1,200 people')
    >>> counted(0, "touch", "touches"), counted(1.0, "day")
    ('0 touches', '1 day')
    """
    whole = round(n)
    return f"{whole:,} {one if whole == 1 else (many or one + 's')}"
