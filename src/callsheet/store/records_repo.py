"""Merging and erasing people's records: every row, in every table, that points at a person."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Column, Connection, Table, and_, delete, exists, insert, select, update

from callsheet.domain.model import Person
from callsheet.store.people_repo import PeopleRepository
from callsheet.store.tables import (
    candidacies,
    emails,
    erased_keys,
    import_keys,
    metadata,
    number_releases,
    people,
    person_links,
    phones,
    resumes,
    suppression_events,
)
from callsheet.store.tenancy import desk_of

# Rows that point at an erased person's tombstone and must stay: the hashes, the keys of imported rows,
# the numbers released for new holders (kept by their hashes too).
_KEEP = {erased_keys.name, import_keys.name, number_releases.name}


def references() -> list[tuple[Table, Column[int]]]:
    """Every column that points at a person, found from the table definitions.

    Merging and erasing must reach all of them, including tables later features add, so they are
    discovered from the metadata rather than listed by hand.
    """
    found: list[tuple[Table, Column[int]]] = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column is people.c.id and fk.parent.table is table:
                found.append((table, fk.parent))
    return found


class RecordsRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    # -- merging -------------------------------------------------------------------------------
    def merge(self, keep: Person, other_id: int, now: datetime) -> None:
        """Move every row of OTHER to KEEP, write KEEP's row as `keep` now says, and delete OTHER.

        `keep` holds the phones and emails KEEP had: OTHER's follow them, in their own order.
        """
        keep_id, c, desk = keep.id or 0, self.c, self.desk
        self._drop_clashes(keep_id, other_id)
        for table in (phones, emails):
            offset = len(keep.phones) if table is phones else len(keep.emails)
            c.execute(update(table).where(table.c.desk_id == desk, table.c.person_id == other_id)
                      .values(position=table.c.position + offset))
        for table, column in references():
            c.execute(update(table).where(table.c.desk_id == desk, column == other_id).values({column.name: keep_id}))
        # A link from KEEP to itself (OTHER referred KEEP) means nothing now.
        c.execute(delete(person_links).where(person_links.c.desk_id == desk, person_links.c.person_id == keep_id,
                                             person_links.c.other_person_id == keep_id))
        c.execute(update(people).where(people.c.desk_id == desk, people.c.referred_by_id == people.c.id)
                  .values(referred_by_id=None))
        c.execute(update(people).where(people.c.desk_id == desk, people.c.id == keep_id).values(
            **{k: v for k, v in PeopleRepository._values(keep).items()}, updated_at=now))
        c.execute(delete(people).where(people.c.desk_id == desk, people.c.id == other_id))

    def _drop_clashes(self, keep: int, other: int) -> None:
        """Rows of OTHER that KEEP already has (same number, address, job, résumé, link) would break uniqueness."""
        c, desk = self.c, self.desk
        for table, column in ((phones, phones.c.e164), (emails, emails.c.address),
                              (candidacies, candidacies.c.job_id), (resumes, resumes.c.sha256)):
            twin = table.alias("twin")
            c.execute(delete(table).where(table.c.desk_id == desk, table.c.person_id == other, exists(
                select(twin.c.id).where(twin.c.desk_id == desk, twin.c.desk_id == table.c.desk_id,
                                        twin.c.person_id == keep, twin.c[column.name] == column))))
        twin = person_links.alias("twin")
        c.execute(delete(person_links).where(person_links.c.desk_id == desk, person_links.c.person_id == other, exists(
            select(twin.c.id).where(twin.c.desk_id == desk, twin.c.desk_id == person_links.c.desk_id,
                                    twin.c.person_id == keep, twin.c.kind == person_links.c.kind,
                                    and_(twin.c.user_id.is_not_distinct_from(person_links.c.user_id),
                                         twin.c.other_person_id.is_not_distinct_from(person_links.c.other_person_id))))))

    # -- erasing -------------------------------------------------------------------------------
    def erase(self, person_id: int, hashes: Iterable[tuple[str, str]], name: str, by: str, reason: str,
              now: datetime) -> None:
        """Keep the salted `hashes` ((kind, digest)) of a person, remove everything else of theirs, and
        leave their row a tombstone: `name`, suppression "erased" (by, reason, now), every other field empty."""
        c, desk = self.c, self.desk
        fresh = [{"desk_id": desk, "person_id": person_id, "kind": kind, "digest": value} for kind, value in hashes]
        if fresh:
            c.execute(insert(erased_keys), fresh)
        # Everything else that points at the person: their own rows go, others' rows forget them.
        for table, column in references():
            if table.name in _KEEP or table is people:
                if table is people:
                    c.execute(update(people).where(people.c.desk_id == desk, column == person_id)
                              .values({column.name: None}))
                continue
            mine = table.c.desk_id == desk
            if table.name == suppression_events.name or not column.nullable or column.name == "person_id":
                c.execute(delete(table).where(mine, column == person_id))
            else:
                c.execute(update(table).where(mine, column == person_id).values({column.name: None}))
        c.execute(update(people).where(people.c.desk_id == desk, people.c.id == person_id).values(
            name=name, first_name="", last_name="", title="", company_id=None, seniority=None, skills="", city="",
            state="", zip="",
            lat=None, lon=None, timezone="", active=False, profile="", linkedin_url=None, suppression="erased",
            suppressed_at=now, suppressed_by=by, suppression_reason=reason, referred_by_id=None, updated_at=now))
