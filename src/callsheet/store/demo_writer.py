"""Writes of the demo desk: rows with explicit ids, streamed in chunks.

The demo's generator (services/demo) makes plain dicts, one per row, keyed by column; this writer
puts them in their tables as they are. A person's batch entry is a dict of "person" (one row) and
lists of "phones", "emails", "candidacies", "touches" and "events" (suppression events).

Two ways in, the same rows and the same rules (the store's triggers keep each person's last touch
and the search index's change log either way): one INSERT a row, as the desk's ordinary writes go,
or the bulk path, each table of a chunk in one driver statement (executemany on SQLite, COPY on
PostgreSQL; store/imports/bulk.py, shared with the importer). A large build into an empty desk also
drops the secondary indexes of the tables it fills and builds each once after the load, when the
database holds no other desk (the indexes are every desk's).

The writer works in the desk of its unit of work: it reads, writes and empties that desk's rows only.
Ids are handed out ahead of the rows: on PostgreSQL past the desk's highest id (the key is the desk and
the id; each table's sequence is moved past the rows after the load), on SQLite past the file's highest
id (there the id alone is the row's key).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Index, delete, func, insert, select, text

from callsheet.lookup.companies import company_key
from callsheet.store.imports.bulk import insert_many, top_id_in_file
from callsheet.store.search.place import EPOCH_KEY
from callsheet.store.tables import (
    DESK_ID,
    ROLLUPS,
    candidacies,
    companies,
    desk_keys,
    desk_meta,
    desks,
    emails,
    jobs,
    metadata,
    people,
    phones,
    suppression_events,
    touches,
    users,
)
from callsheet.store.tenancy import desk_of
from callsheet.store.wall import as_owner

#: Tables whose ids the demo hands out itself, by table name.
NUMBERED = (users, companies, people, phones, emails, jobs, candidacies, touches, suppression_events)
#: A person's batch entry: the table each of its keys fills, in the order they go in (people before
#: their touches: the triggers on touches keep each person's last touch as they go in).
PERSON_TABLES = ((people, "person"), (phones, "phones"), (emails, "emails"), (candidacies, "candidacies"),
                 (touches, "touches"), (suppression_events, "events"))


def deferred_indexes() -> list[Index]:
    """The secondary indexes a large build drops and builds after its load (unique ones stay: they
    check the rows as they go in)."""
    return [index for table, _ in PERSON_TABLES for index in sorted(table.indexes, key=lambda i: str(i.name))
            if not index.unique]


class DemoWriter:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def next_ids(self) -> dict[str, int]:
        """The first free id of each numbered table."""
        if self.c.dialect.name == "postgresql":  # the desk's own: a desk built again gets the same ids
            return {t.name: int(self.c.execute(select(func.coalesce(func.max(t.c.id), 0))
                                               .where(t.c.desk_id == self.desk)).scalar_one()) + 1
                    for t in NUMBERED}
        return {t.name: top_id_in_file(self.c, t) + 1 for t in NUMBERED}

    def user_id(self, login: str) -> int | None:
        found: int | None = self.c.execute(select(users.c.id).where(users.c.desk_id == self.desk,
                                                                    users.c.login == login)).scalar()
        return found

    def add_recruiter(self, user_id: int, login: str, name: str, at: Any) -> None:
        self.c.execute(insert(users).values(id=user_id, login=login, name=name, role="recruiter", active=True,
                                            created_at=at))

    def add_company(self, company_id: int, name: str, city: str, state: str, is_client: bool, at: Any) -> None:
        self.c.execute(insert(companies).values(id=company_id, name=name, name_key=company_key(name), city=city,
                                                state=state, is_client=is_client, created_at=at))

    def add_job(self, row: dict[str, Any]) -> None:
        self.c.execute(insert(jobs), [row])

    def add_people(self, batch: list[dict[str, Any]], bulk: bool = True) -> None:
        """People with their phones, emails, candidacies, touches and suppression events: each table
        in one driver statement (`bulk`), or one INSERT a row."""
        for table, key in PERSON_TABLES:
            rows = [b[key] for b in batch] if key == "person" else [row for b in batch for row in b[key]]
            if not rows:
                continue
            if bulk:
                insert_many(self.c, table, rows)
            else:
                for row in rows:
                    self.c.execute(insert(table), row)

    def drop_indexes(self) -> None:
        """Before a large load into an empty desk: each index is built once, after it (`build_indexes`).
        Not while the database holds another desk, whose work needs them."""
        if self.c.execute(select(func.count()).select_from(desks)).scalar_one() > 1:
            return
        with as_owner(self.c):  # an index is its table owner's to drop and build (store/wall.py)
            for index in deferred_indexes():
                self.c.execute(text(f"DROP INDEX IF EXISTS {index.name}"))

    def build_indexes(self) -> None:
        """Every index `drop_indexes` took away, built from the tables' own definitions (a build killed
        halfway leaves them for the next one to build)."""
        with as_owner(self.c):
            for index in deferred_indexes():
                index.create(self.c, checkfirst=True)
            if self.c.dialect.name == "postgresql":  # the planner's figures for the new rows, now
                self.c.execute(text(f"ANALYZE {', '.join(t.name for t, _ in PERSON_TABLES)}"))

    def fix_sequences(self) -> None:
        # Explicit ids bypass PostgreSQL's sequences; move them past what we wrote (never back).
        if self.c.dialect.name != "postgresql":
            return
        with as_owner(self.c):  # a sequence is its owner's to move; the sequences are shared by the desks
            for table in NUMBERED:
                name = table.name
                self.c.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), GREATEST((SELECT COALESCE(MAX({name}.id), "
                    f"0) + 1 FROM {name} WHERE {name}.desk_id = :desk), nextval(pg_get_serial_sequence('{name}', "
                    "'id'))), false)"), {"desk": self.desk})

    def wipe(self) -> None:
        """Empty every table of the desk, and forget the desk's keys (logins, tokens, links); other
        desks keep theirs. The search index is built again from what is left (store/search/place.py).
        The outreach roll-ups go last: deleting touches counts them out of the roll-ups."""
        for table in [t for t in reversed(metadata.sorted_tables) if t not in ROLLUPS] + list(ROLLUPS):
            if DESK_ID in table.c:
                self.c.execute(delete(table).where(table.c.desk_id == self.desk))
        self.c.execute(delete(desk_keys).where(desk_keys.c.desk_id == self.desk))
        self.c.execute(delete(desk_meta).where(desk_meta.c.key == EPOCH_KEY))
