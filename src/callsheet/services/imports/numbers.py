"""What an import asks of marked numbers: the same question as every other add (people/suppressions.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from callsheet.services.imports.keys import digest
from callsheet.services.people.suppressions import number_marks
from callsheet.services.unit import UnitOfWork


def marked_numbers(uow: UnitOfWork, batch: list[Any], hits: dict[str, list[int]], salt: str,
                   now: datetime) -> set[str]:
    """The batch's numbers a marked person holds now; a row with one of them is counted suppressed.

    A number an admin released no longer finds the marked person it was released from (its key hits
    are dropped), so its new holder is imported like anyone else.
    """
    # The numbers the batch found stored, or found by an erased person's hash (a row's erased keys
    # start with its phones' hashes, in the same order).
    found = {key[2:] for key in hits if key[0] == "p"} | {
        e164 for row in batch for (e164, _), key in zip(row.phones, row.erased or (), strict=False) if key in hits}
    marks = number_marks(uow, found) if found else []
    for mark in marks:
        if mark.released_at is None or mark.in_force(now):
            continue
        for key in (f"p:{mark.e164}", f"x:{digest(salt, 'phone', mark.e164)}"):
            if rest := [pid for pid in hits.get(key, ()) if pid != mark.person_id]:
                hits[key] = rest
            else:
                hits.pop(key, None)
    return {m.e164 for m in marks if m.in_force(now)}
