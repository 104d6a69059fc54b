"""The bounds every input meets, whichever entrypoint it came through (CLI, web desk, API).

- ids: 1 .. 2**31-1, the range of the stores' integer keys; anything else names no record.
- moments asked about (`--at`, `?at=`, `--from`, report dates): years 1900 .. 2200.
- a touch's moment: not before 1970-01-01 UTC and not after now (checked by the calling wing).
- free text: a note holds at most NOTE_MAX characters; no text holds a NUL or another control
  character except tab, line feed and carriage return. Both stores answer alike because neither sees them.
- a résumé file: at most RESUME_MAX_BYTES.

Each check raises BadInput naming the field, so the CLI exits 2 and HTTP answers 422.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime

from callsheet.domain.errors import BadInput

ID_MIN = 1
ID_MAX = 2**31 - 1

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 12, 31, 23, 59, 59, tzinfo=UTC)
EARLIEST_TOUCH = datetime(1970, 1, 1, tzinfo=UTC)

NOTE_MAX = 20_000
SHORT_MAX = 300
#: A résumé file kept on a person's card: at most this many bytes (a long résumé with a photo is ~1 MB).
RESUME_MAX_BYTES = 5 * 1024 * 1024

#: The control characters no text may hold: all of them but tab, line feed and carriage return.
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
#: The same bound as a regular expression a schema can state (the API's OpenAPI schema does).
CLEAN_PATTERN = f"^[^{CONTROL_CHARACTERS}]*$"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def check_id(field: str, value: int) -> int:
    """An id within the stores' key range.

    >>> check_id("person", 7)
    7
    >>> check_id("person", 2**40)
    Traceback (most recent call last):
    ...
    callsheet.domain.errors.BadInput: person: 1099511627776 is not an id (ids run from 1 to 2147483647)
    """
    if not ID_MIN <= value <= ID_MAX:
        raise BadInput(field, f"{value} is not an id (ids run from {ID_MIN} to {ID_MAX})")
    return value


def check_optional_id(field: str, value: int | None) -> int | None:
    return None if value is None else check_id(field, value)


def check_moment(field: str, value: datetime) -> datetime:
    """A moment between the years 1900 and 2200 (naive or aware).

    >>> check_moment("at", datetime(9999, 12, 31))
    Traceback (most recent call last):
    ...
    callsheet.domain.errors.BadInput: at: 9999-12-31T00:00:00 is out of range (years 1900 to 2200)
    """
    if not EARLIEST.year <= value.year <= LATEST.year:
        raise BadInput(field, f"{value.isoformat()} is out of range (years {EARLIEST.year} to {LATEST.year})")
    return value


def check_day(field: str, value: date) -> date:
    if not EARLIEST.year <= value.year <= LATEST.year:
        raise BadInput(field, f"{value.isoformat()} is out of range (years {EARLIEST.year} to {LATEST.year})")
    return value


def check_touch_moment(field: str, value: datetime, now: datetime) -> datetime:
    """When a touch happened: an aware moment from 1970 up to now."""
    if value < EARLIEST_TOUCH:
        raise BadInput(field, f"{value.isoformat()} is before 1970: a touch cannot be that old")
    if value > now:
        raise BadInput(field, "a touch cannot be logged in the future")
    return value


def check_text(field: str, value: str, limit: int = NOTE_MAX) -> str:
    """Text at most `limit` characters long, without NUL or other control characters.

    >>> check_text("note", "said call back\\tafter lunch\\n")
    'said call back\\tafter lunch\\n'
    >>> check_text("note", "a\\x00b")
    Traceback (most recent call last):
    ...
    callsheet.domain.errors.BadInput: note: must not contain control characters such as NUL
    """
    if len(value) > limit:
        raise BadInput(field, f"is {len(value):,} characters long; at most {limit:,} are kept")
    if not is_clean(value):
        raise BadInput(field, "must not contain control characters such as NUL")
    return value


def check_texts(values: Mapping[str, object], long: Collection[str] = ()) -> None:
    """Every text of a record a user typed (a str, or a list of them) within the bounds: at most
    SHORT_MAX characters (NOTE_MAX for the fields named in `long`), no control characters.

    >>> check_texts({"name": "Ann Lee", "phones": ["414-555-0177"], "seniority": 3, "profile": "x" * 400},
    ...             long={"profile"})
    >>> check_texts({"name": "Ann Lee", "phones": ["414-555-0177", "bell\\x07"]})
    Traceback (most recent call last):
    ...
    callsheet.domain.errors.BadInput: phones: must not contain control characters such as NUL
    """
    for field, value in values.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                check_text(field, text, NOTE_MAX if field in long else SHORT_MAX)


def is_clean(value: str) -> bool:
    """True when the text holds no control character but tab, line feed and carriage return.

    >>> is_clean("tab\\tand\\r\\nnew line"), is_clean("bell\\x07"), is_clean("del\\x7f"), is_clean("\\x85 next line")
    (True, False, False, True)
    """
    return _CONTROL.search(value) is None
