"""Checking rows, in this process or in a second one while this one stores them.

Reading and checking a row (the CSV parser, phone numbers, places) is about half of an
import's work and needs no database. For a large file a forked child does it and hands the
checked rows over a pipe in chunks (services/forked.py), so on two cores checking and storing
overlap; the parent still writes the rejects file and stores every row in file order, so the
outcome is the same as checking in-process.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any

from callsheet.domain.imports import Prepared
from callsheet.services.forked import can_fork, made_in_child
from callsheet.services.imports.incoming import Incoming, Rejected, prepare

__all__ = ["MIN_BYTES", "Checked", "Refusal", "can_fork", "checked", "checked_in_child"]

#: Below this a file is checked in-process: forking costs more than it saves.
MIN_BYTES = 256 * 1024
_CHUNK = 500
_make = Prepared._make


@dataclass
class Refusal:
    """A row rejected whole, with its reason and its cells for the rejects file."""

    row: int
    reason: str
    raw: list[str]


Checked = Prepared | Refusal


def checked(items: Iterable[Incoming], region: str, salt: str = "",
            with_erased: bool = False) -> Generator[Checked, None, None]:
    """Each row checked, in file order (with its match keys, given the desk's salt)."""
    for item in items:
        try:
            yield prepare(item, region, salt, with_erased)
        except Rejected as exc:
            yield Refusal(item.row, str(exc), item.raw)


def checked_in_child(items: Iterable[Incoming], region: str, salt: str = "",
                     with_erased: bool = False) -> Generator[Checked, None, None]:
    """Like `checked`, with the work done by a forked child process."""
    # Checked rows come as plain tuples (see _flat); a Refusal comes as itself.
    return made_in_child(lambda: checked(items, region, salt, with_erased), _CHUNK, "import's reading",
                         pack=_flat, unpack=lambda row: _make(row) if type(row) is tuple else row)


def _flat(chunk: list[Checked]) -> list[Checked | tuple[Any, ...]]:
    """A chunk as pickle writes it fastest: a checked row as a plain tuple (a named tuple is pickled
    as a call of its class, a row at a time: a plain tuple costs both processes together about a quarter less)."""
    return [tuple(row) if type(row) is Prepared else row for row in chunk]
