"""Bulk writes of the demo desk: rows with explicit ids, streamed in chunks (COPY on PostgreSQL).

The demo's generator (services/demo) makes plain dicts, one per row, keyed by column; this writer
puts them in their tables as they are. A person's batch entry is a dict of "person" (one row) and
lists of "phones", "emails", "candidacies", "touches" and "events" (suppression events).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, Table, func, insert, select, text

from callsheet.lookup.companies import company_key
from callsheet.store.tables import (
    candidacies,
    companies,
    emails,
    jobs,
    metadata,
    people,
    phones,
    suppression_events,
    touches,
    users,
)

#: Tables whose ids the demo hands out itself, by table name.
NUMBERED = (users, companies, people, phones, emails, jobs, candidacies, touches, suppression_events)


class DemoWriter:
    def __init__(self, connection: Connection) -> None:
        self.c = connection

    def next_ids(self) -> dict[str, int]:
        """The first free id of each numbered table."""
        return {t.name: int(self.c.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()) + 1
                for t in NUMBERED}

    def user_id(self, login: str) -> int | None:
        found: int | None = self.c.execute(select(users.c.id).where(users.c.login == login)).scalar()
        return found

    def add_recruiter(self, user_id: int, login: str, name: str, at: Any) -> None:
        self.c.execute(insert(users).values(id=user_id, login=login, name=name, role="recruiter", active=True,
                                            created_at=at))

    def add_company(self, company_id: int, name: str, city: str, state: str, is_client: bool, at: Any) -> None:
        self.c.execute(insert(companies).values(id=company_id, name=name, name_key=company_key(name), city=city,
                                                state=state, is_client=is_client, created_at=at))

    def add_job(self, row: dict[str, Any]) -> None:
        self.c.execute(insert(jobs), [row])

    def add_people(self, batch: list[dict[str, Any]]) -> None:
        """People with their phones, emails, candidacies, touches and suppression events."""
        # People before their touches: the triggers on touches keep each person's last touch as they go in.
        for table, key in ((people, "person"), (phones, "phones"), (emails, "emails"), (candidacies, "candidacies"),
                           (touches, "touches"), (suppression_events, "events")):
            rows = [b[key] for b in batch] if key == "person" else [row for b in batch for row in b[key]]
            if rows:
                self._write(table, rows)

    def _write(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if self.c.dialect.name != "postgresql" or len(rows) < 500:
            self.c.execute(insert(table), rows)
            return
        # PostgreSQL's COPY is an order of magnitude faster than INSERT for a million-person desk.
        columns = list(rows[0])
        cursor = self.c.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])

    def fix_sequences(self) -> None:
        # Explicit ids bypass PostgreSQL's sequences; move them past what we wrote.
        if self.c.dialect.name != "postgresql":
            return
        for table in metadata.sorted_tables:
            if "id" in table.c and isinstance(table.c.id.type, Integer):  # text ids (import runs) have none
                self.c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))

    def wipe(self) -> None:
        """Empty every table of the desk."""
        for table in reversed(metadata.sorted_tables):
            self.c.execute(table.delete())
