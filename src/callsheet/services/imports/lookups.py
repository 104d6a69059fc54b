"""What a batch's keys found: the stored people the merge engine may reach, read once a batch."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from callsheet.domain.imports import FILLABLE, Target


class StoredPeople:
    """The stored people a batch's keys found, as read. A Target is made only for a person a row
    may change: a row that reaches one person and would add nothing to them (the whole of a file
    imported again) is settled from the stored values alone."""

    __slots__ = ("rows", "hits", "gaining", "knowing", "targets", "_keys_of")

    def __init__(self, rows: dict[int, tuple[Any, ...]], hits: dict[str, list[int]], gaining: dict[int, Target],
                 knowing: set[int]) -> None:
        self.rows, self.hits, self.knowing = rows, hits, knowing
        self.gaining = gaining  # people a row may add to, their phones and emails read whole
        self.targets: dict[int, Target] = {}
        self._keys_of: dict[int, list[str]] | None = None

    def __getitem__(self, pid: int) -> Target:
        target = self.targets.get(pid)
        if target is not None:
            return target
        r = self.rows[pid]
        target = self.gaining.get(pid) or Target(pid)
        target.suppression, target.fields, target.knows = r[1], dict(zip(FILLABLE, r[2:], strict=True)), \
            pid in self.knowing
        if pid not in self.gaining:
            # Only the phones and emails the batch's keys found are known: a merge that adds
            # nothing to this person needs no more.
            if self._keys_of is None:
                self._keys_of = defaultdict(list)
                for key, pids in self.hits.items():
                    if key[0] in "pe":
                        for each in pids:
                            self._keys_of[each].append(key)
            for key in self._keys_of.get(pid, ()):
                (target.phones if key[0] == "p" else target.emails).add(key[2:])
        self.targets[pid] = target
        return target

    def settled(self, row: Any, knows_user: int | None) -> str | None:
        """'merged' or 'suppressed' for a row every key of which reaches one and the same stored
        person it would add nothing to; None when the row needs the full merge."""
        pid = None
        for key in row.keys:
            pids = self.hits.get(key)
            if pids is None or len(pids) != 1 or (pid is not None and pids[0] != pid):
                return None
            pid = pids[0]
        # A person this batch already changed, or one a row may add a phone or email to, is merged
        # in full. Otherwise each of the row's phones and emails is stored with this person.
        if pid is None or pid in self.targets or pid in self.gaining or (r := self.rows.get(pid)) is None:
            return None
        if r[1] != "none":
            return "suppressed"
        # r: id, suppression, then FILLABLE (title 2, company_id 3, city 4, linkedin_url 10, profile 11).
        if ((row.title and not r[2]) or (row.company and not r[3]) or (not r[4] and (row.placed or row.city))
                or (row.linkedin and not r[10]) or (row.notes and row.notes not in (r[11] or ""))
                or (knows_user is not None and pid not in self.knowing)):
            return None
        return "merged"


def load_targets(imports: Any, ids: set[int], knows_user: int | None,
                 hits: dict[str, list[int]], gaining: set[int]) -> StoredPeople:
    """The stored people rows matched, with what a merge must not duplicate (the store's import
    repository reads them: every phone and email only of the people in `gaining`)."""
    rows, whole, knowing = imports.stored_people(ids, knows_user, gaining)
    return StoredPeople(rows, hits, whole, knowing)


def gaining(batch: list[Any], hits: dict[str, list[int]]) -> set[int]:
    """Stored people a row of the batch may add a phone or email to. A row whose every phone and
    email is already stored, all with the one person it reaches, adds nothing; any other row may
    add to everyone it reaches. (A row that reaches a stored person only through a key an earlier
    row of the batch brought finds that person among the gaining already.)"""
    found: set[int] = set()
    for row in batch:
        reached: set[int] = set()
        known = True
        for key in (*row.keys, *(row.erased or ())):
            pids = hits.get(key)
            if pids:
                reached.update(pids)
            elif key[0] in "pe":
                known = False
        if reached and (not known or len(reached) > 1):
            found |= reached
    return found
