"""Desks: an agency's (or a job seeker's) own records, kept apart from every other desk's.

A desk may set its own calling policy (its time zone, holiday calendar and a narrower calling window) and
its own number at the telephony provider. An empty value means the server's setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from callsheet.domain.errors import BadInput

#: The kinds of desk keys: facts unique across every desk, each mapped to the desk that holds it (a desk's
#: own number at the telephony provider rings that desk alone).
LOGIN, TOKEN, SHARE, CALL, NUMBER = "login", "token", "share", "call", "number"
#: The longest desk name the store keeps.
NAME_MAX = 100
_HH_MM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class DeskRecord:
    id: int
    name: str
    timezone: str = ""
    holidays: str = ""
    window_start: str = ""
    window_end: str = ""
    created_at: datetime | None = None
    #: The desk's own number at the telephony provider (E.164), or "" for the server's.
    number: str = ""


def check_name(name: str) -> str:
    """A desk's name: not blank, at most NAME_MAX characters."""
    name = name.strip()
    if not name:
        raise BadInput("name", "a desk needs a name")
    if len(name) > NAME_MAX:
        raise BadInput("name", f"at most {NAME_MAX} characters")
    return name


def read_hh_mm(text: str, field: str) -> time | None:
    """A window's edge as HH:MM (24-hour), or None for "" (the server's setting)."""
    text = text.strip()
    if not text:
        return None
    match = _HH_MM.match(text)
    if match is None:
        raise BadInput(field, f"{text!r} is not a time of day as HH:MM (24-hour)")
    return time(int(match.group(1)), int(match.group(2)))


def check_window(start: str, end: str) -> tuple[str, str]:
    """A desk's narrowed window as stored ("HH:MM" or ""); its start before its end when both are set."""
    begins, ends = read_hh_mm(start, "window-start"), read_hh_mm(end, "window-end")
    if begins is not None and ends is not None and begins >= ends:
        raise BadInput("window-end", f"{end} is not after the window's start {start}")
    return (begins.strftime("%H:%M") if begins else "", ends.strftime("%H:%M") if ends else "")
