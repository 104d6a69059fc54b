"""An imported row as checked, and the person the rows of a batch resolve to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple


class Prepared(NamedTuple):
    """A checked row, flat and cheap to pickle: large files are checked in a child process and
    every row crosses a pipe (see services/imports/pipeline.py)."""

    row: int
    name: str
    phones: list[tuple[str, str]]  # (E.164, label)
    emails: list[str]
    linkedin: str
    company: str
    title: str
    #: Where the person lives as a new person gets it: the resolved place (placed=True) or the
    #: file's city and state kept as text (zip, lat, lon and timezone empty).
    city: str
    state: str
    zip: str
    lat: float | None
    lon: float | None
    timezone: str
    placed: bool
    notes: str
    connected_on: datetime | None
    #: The row's cells, kept only when a problem sends them to the rejects file.
    raw: list[str]
    problems: list[str]
    #: Match keys ('p:+1...', 'e:a@b.c', 'u:https://...', or 'r:<row digest>' for a row with none
    #: of those), set when prepare() is given the desk's salt.
    keys: tuple[str, ...] = ()
    #: The salted hashes an erased person leaves ('x:...'); None when not worked out (a desk
    #: nobody was erased from needs none: the engine works them out if that changes).
    erased: tuple[str, ...] | None = None


@dataclass(eq=False, slots=True)  # compared by identity: two targets are never "equal" people
class Target:
    """A person some rows of this batch resolve to: already stored (id set) or about to be created."""

    id: int | None
    suppression: str = "none"
    fields: dict[str, Any] = field(default_factory=dict)
    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    new_phones: list[tuple[str, str]] = field(default_factory=list)
    new_emails: list[str] = field(default_factory=list)
    changed: bool = False
    created: bool = False  # stored whole by this batch's insert
    knows: bool = False
    wants_knows: datetime | None | bool = False
    row_digests: list[str] = field(default_factory=list)


#: The fields of a stored person an import may fill (when blank), in the order the store reads them.
FILLABLE = ("title", "company_id", "city", "state", "zip", "lat", "lon", "timezone", "linkedin_url", "profile")
