"""Do-not-call lists from outside: the agency's own master list, a state's list, a client's list of
people never to approach.

A listed number is never dialled, whoever holds it: the lists are asked through the one answer to
"is this number suppressed?" (people/suppressions.number_marks), which the policy's `decide` takes.
Importing a list again under the same name replaces it: numbers the new version drops are released,
numbers it adds are listed, and each version is kept in the list's audit with its counts. Releasing
numbers (a shorter version, a removal) is an admin's act.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.bounds import SHORT_MAX, check_text
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.users import User
from callsheet.services.accounts.access import require_admin, require_desk
from callsheet.services.accounts.acting import acting_user
from callsheet.services.imports.text import Reading
from callsheet.services.numbers.reading import read_list
from callsheet.services.unit import UnitOfWork
from callsheet.services.views import iso

#: Numbers written per transaction: a list of a million numbers never holds the desk's writers back
#: for long, and a broken import leaves whole batches behind (importing again completes it).
BATCH = 20_000


@dataclass
class ListImport:
    """What importing a list did."""

    source: str
    listed: int  # numbers on the list now
    added: int
    released: int
    kept: int
    rejected: int
    repeated: int  # numbers the file gave more than once
    replaced: bool  # an earlier version was replaced
    rejects_file: str | None = None

    def view(self) -> dict[str, Any]:
        return {"source": self.source, "listed": self.listed, "added": self.added, "released": self.released,
                "kept": self.kept, "rejected": self.rejected, "repeated": self.repeated, "replaced": self.replaced,
                "rejects_file": self.rejects_file}


def list_name(source: str) -> str:
    """A list's name as typed (--source "State DNC")."""
    name = check_text("source", source.strip(), SHORT_MAX)
    if not name or "\n" in name or "\t" in name:
        raise BadInput("source", "give the list a name, on one line, e.g. 'State DNC'")
    return name


def import_list(uow: UnitOfWork, clock: Clock, path: Path, source: str, acting_login: str, region: str = "US",
                reading: Reading | None = None, batch_size: int = BATCH) -> ListImport:
    """Import a do-not-call list (a new version of it, if one is there) from a file."""
    name = list_name(source)
    if batch_size < 1:
        raise BadInput("batch_size", "must be at least 1")
    listing = read_list(path, region, reading)
    if not listing.numbers:
        raise BadInput("file", f"{path} lists no phone number that could be read; nothing imported"
                               + (f" (see {listing.rejects_file})" if listing.rejects_file else ""))
    now = clock.now()
    with uow:
        user = require_desk(acting_user(uow, clock, acting_login))
        found = uow.dnc.named(name)
        if found is None:
            list_id, before = uow.dnc.add(name, now), set()
        else:
            list_id = found["id"]
            before = uow.dnc.listed(list_id)  # a removed list holds none
            if found["removed_at"] is not None:
                uow.dnc.set_removed(list_id, None)
        added = sorted(listing.numbers - before)
        released = sorted(before - listing.numbers)
        if released:
            require_admin(user, f"release numbers from a do-not-call list (this version of '{name}' drops "
                                f"{len(released):,} of its numbers)")
        event = uow.dnc.add_event(list_id, "import", now, user.id, user.display, file=path.name[:SHORT_MAX],
                                  listed=len(listing.numbers), added=len(added), released=len(released),
                                  rejected=listing.rejected)
        # New numbers first: while the import runs, the desk is never less guarded than either version.
        for start in range(0, len(added), batch_size):
            uow.dnc.list_numbers(list_id, event, added[start:start + batch_size])
            uow.commit()
        for start in range(0, len(released), batch_size):
            uow.dnc.release(list_id, event, released[start:start + batch_size])
            uow.commit()
    return ListImport(name, len(listing.numbers), len(added), len(released), len(before) - len(released),
                      listing.rejected, listing.repeated, found is not None, listing.rejects_file)


def _list_view(row: dict[str, Any]) -> dict[str, Any]:
    return {"name": row["name"], "count": row["count"], "imported_at": iso(row["imported_at"]),
            "imported_by": row["imported_by"], "file": row["file"]}


def lists(uow: UnitOfWork) -> list[dict[str, Any]]:
    """The lists in force: name, how many numbers, when and by whom the last version was imported."""
    with uow.reading():
        return [_list_view(row) for row in uow.dnc.summaries()]


def show(uow: UnitOfWork, source: str) -> dict[str, Any]:
    """One list (removed ones too) and its audit: every import and removal, who, when, with counts."""
    name = list_name(source)
    with uow.reading():
        found = uow.dnc.named(name)
        if found is None:
            raise NotFound("do-not-call list", repr(name))
        count = uow.dnc.count(found["id"])
        events = uow.dnc.events(found["id"])
    return {"name": name, "count": count, "removed_at": iso(found["removed_at"]),
            "audit": [{"action": e["action"], "at": iso(e["at"]), "user": e["user_name"], "file": e["file"],
                       "listed": e["listed"], "added": e["added"], "released": e["released"],
                       "rejected": e["rejected"]} for e in events]}


def remove(uow: UnitOfWork, clock: Clock, source: str, acting_login: str) -> int:
    """Remove a list (admins only, audited): every number it held is released. Returns how many."""
    name = list_name(source)
    now = clock.now()
    with uow:
        user: User = require_admin(acting_user(uow, clock, acting_login), "remove a do-not-call list")
        found = uow.dnc.named(name)
        if found is None or found["removed_at"] is not None:
            raise NotFound("do-not-call list", repr(name))
        count = uow.dnc.count(found["id"])
        event = uow.dnc.add_event(found["id"], "remove", now, user.id, user.display, listed=0, added=0,
                                  released=count)
        released: int = uow.dnc.release(found["id"], event)
        uow.dnc.set_removed(found["id"], now)
    return released
