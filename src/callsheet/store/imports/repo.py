"""The importer's repository: the desk's salt, batch look-ups by key, and writing a batch.

One query per kind of key per batch, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from callsheet.domain.imports import FILLABLE, Prepared, Target
from callsheet.lookup.companies import company_key
from callsheet.store.imports.bulk import chunks, select_in
from callsheet.store.imports.stats import take_missing_figures
from callsheet.store.imports.writes import write_batch
from callsheet.store.tables import companies, emails, erased_keys, import_keys, people, person_links, phones
from callsheet.store.tenancy import desk_of, desk_salt

#: The tables a batch looks its keys up in (key_hits, stored_people).
_LOOKED_UP = (phones.name, emails.name, people.name, import_keys.name, erased_keys.name, person_links.name)


class ImportRepository:
    def __init__(self, connection: Connection) -> None:
        self.c = connection
        self.desk = desk_of(connection)

    def desk_salt(self) -> str:
        """The desk's salt for hashing keys, created on first use."""
        return str(desk_salt(self.c))

    def prefer_indexes(self) -> None:
        """For the rest of this transaction, look rows up by their indexes.

        PostgreSQL plans from table statistics; tables that grew from empty during an import would be
        scanned whole for every batch's look-ups (quadratic). Every look-up of a batch is by an indexed
        key, so its transaction tells the planner to use the indexes. SQLite needs nothing.

        Without any figures for a table (one that was empty until this import) the planner also takes a
        batch's hundreds of keys for a weak condition and walks the desk's whole index instead, each batch
        slower than the one before: such a table's figures are taken once it holds rows (stats.py).

        Turning scans off is done by pricing them out of reach, so the batch's moves out of its staging
        tables (always a scan) would look costly enough to be compiled (JIT) on every statement, which
        took longer than storing the rows: the transaction runs without JIT.
        """
        if self.c.dialect.name == "postgresql":
            self.c.exec_driver_sql("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
            take_missing_figures(self.c, _LOOKED_UP)

    # -- look-ups ------------------------------------------------------------------------------
    def key_hits(self, phone_keys: set[str], email_keys: set[str], url_keys: set[str], erased: set[str],
                 rows: set[str]) -> dict[str, list[int]]:
        """Keys ('p:+1...', 'e:a@b', 'u:https://...', 'x:digest', 'r:digest') -> person ids, lowest first."""
        hits: dict[str, set[int]] = defaultdict(set)
        for prefix, columns, table, key, values in (
            ("p", "person_id, e164", phones.name, "e164", phone_keys),
            ("e", "person_id, address", emails.name, "address", email_keys),
            ("u", "id, linkedin_url", people.name, "linkedin_url", url_keys),
            ("r", "person_id, digest", import_keys.name, "digest", rows),
        ):
            for pid, value in select_in(self.c, columns, table, key, values):
                hits[f"{prefix}:{value}"].add(pid)
        for key, pids in self.suppressed_key_hits(erased).items():
            hits[key] |= pids
        return {key: sorted(ids) for key, ids in hits.items()}

    def suppressed_key_hits(self, erased: set[str]) -> dict[str, set[int]]:
        """The importer's check for numbers (and addresses, URLs) that stay suppressed whoever brings
        them: 'x:digest' -> the erased people whose salted hashes match, for the rows' hashes `erased`."""
        found: dict[str, set[int]] = defaultdict(set)
        for pid, value in select_in(self.c, "person_id, digest", erased_keys.name, "digest", erased):
            found[f"x:{value}"].add(pid)
        return found

    def any_erased(self) -> bool:
        """Whether anyone was ever erased from the desk (asked once a batch: plain SQL, nothing to compile)."""
        return self.c.exec_driver_sql(f"SELECT 1 FROM {erased_keys.name} WHERE {erased_keys.name}.desk_id = "
                                      f"{int(self.desk)} LIMIT 1").first() is not None

    def stored_people(self, ids: set[int], knows_user: int | None, gaining: set[int]
                      ) -> tuple[dict[int, tuple[Any, ...]], dict[int, Target], set[int]]:
        """The stored people rows matched, with what a merge must not duplicate: (each person's row as
        (id, suppression, *FILLABLE) by id, the people of `gaining` as Targets with every phone and email
        they have, the ids of those `knows_user` knows).

        Every phone and email of the people in `gaining` (those a row of the batch may add to) is
        read; of the others only those the batch's keys found are known, which is all a merge that
        adds nothing to them needs (importing a file again reads half as much).
        """
        c = self.c
        rows = {r[0]: r for r in select_in(c, ", ".join(("id", "suppression", *FILLABLE)), people.name, "id", ids)}
        whole = {pid: Target(pid) for pid in gaining if pid in rows}
        if whole:
            for pid, e164 in select_in(c, "person_id, e164", phones.name, "person_id", whole):
                whole[pid].phones.add(e164)
            for pid, address in select_in(c, "person_id, address", emails.name, "person_id", whole):
                whole[pid].emails.add(address)
        knowing: set[int] = set()
        if knows_user is not None:
            knowing = {pid for (pid,) in select_in(c, "person_id", person_links.name, "person_id", ids,
                                                   f"kind = 'knows' AND user_id = {int(knows_user)}")}
        return rows, whole, knowing

    def company_ids(self, names: Iterable[str], now: datetime) -> dict[str, int]:
        """Company name key -> id, adding the companies not seen before; a new company is named as
        its first spelling in `names` (given in the file's order, so new ids do not depend on a hash seed)."""
        c = self.c
        wanted: dict[str, str] = {}
        for name in names:
            if name.strip():
                wanted.setdefault(company_key(name), " ".join(name.split()))
        found: dict[str, int] = {}
        for chunk in chunks(wanted):
            found.update(self._company_ids(chunk))
        missing = [{"name": wanted[k], "name_key": k, "city": "", "state": "", "is_client": False,
                    "created_at": now} for k in wanted if k not in found]
        if missing:
            c.execute(insert(companies), missing)
            for chunk in chunks([m["name_key"] for m in missing]):
                found.update(self._company_ids(chunk))
        return found

    def _company_ids(self, keys: list[str]) -> dict[str, int]:
        query = select(companies.c.id, companies.c.name_key).where(companies.c.desk_id == self.desk,
                                                                   companies.c.name_key.in_(keys))
        return {k: i for i, k in self.c.execute(query)}

    # -- writing -------------------------------------------------------------------------------
    def write_batch(self, fresh: list[Prepared | Target], stored: list[Target], now: datetime,
                    knows_user: int | None, company: dict[str, int]) -> None:
        """Store a batch (see store.imports.writes.write_batch)."""
        write_batch(self.c, fresh, stored, now, knows_user, company)
