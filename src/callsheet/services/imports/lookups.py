"""Batch look-ups for the merge engine: one query per kind of key per batch, never one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Float, Table, insert, select

from callsheet.store.jobs_repo import company_key
from callsheet.store.tables import companies, emails, erased_keys, import_keys, people, person_links, phones

_CHUNK = 900


def chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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


_FILLABLE = ("title", "company_id", "city", "state", "zip", "lat", "lon", "timezone", "linkedin_url", "profile")


def select_in(c: Connection, columns: str, table: str, key: str, values: Iterable[Any],
              where: str = "") -> list[tuple[Any, ...]]:
    """Rows of `SELECT columns FROM table WHERE key IN values`, straight through the driver.

    This is the import's hot path: SQLAlchemy's expanding IN costs as much as SQLite's own index
    look-ups, so the statement is written here (names are constants of this module, never input).
    """
    found: list[tuple[Any, ...]] = []
    extra = f" AND {where}" if where else ""
    # The driver's own cursor: plain tuples back, without a SQLAlchemy Row built for each.
    cursor: Any = c.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        listed = list(values)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start:start + _CHUNK]
            if c.dialect.name == "sqlite":
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {key} IN ({','.join('?' * len(chunk))}){extra}",
                               chunk)
            else:
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {key} = ANY(%s){extra}", (chunk,))
            found += cursor.fetchall()
    finally:
        cursor.close()
    return found


def key_hits(c: Connection, phone_keys: set[str], email_keys: set[str], url_keys: set[str],
             erased: set[str], rows: set[str]) -> dict[str, list[int]]:
    """Keys ('p:+1...', 'e:a@b', 'u:https://...', 'x:digest', 'r:digest') -> person ids, lowest first."""
    hits: dict[str, set[int]] = defaultdict(set)
    for prefix, columns, table, key, values in (
        ("p", "person_id, e164", phones.name, "e164", phone_keys),
        ("e", "person_id, address", emails.name, "address", email_keys),
        ("u", "id, linkedin_url", people.name, "linkedin_url", url_keys),
        ("x", "person_id, digest", erased_keys.name, "digest", erased),
        ("r", "person_id, digest", import_keys.name, "digest", rows),
    ):
        for pid, value in select_in(c, columns, table, key, values):
            hits[f"{prefix}:{value}"].add(pid)
    return {key: sorted(ids) for key, ids in hits.items()}


def _processor(table: Table, name: str, c: Connection) -> Any:
    # The dialect's own processor: on SQLite this turns aware times into SQLAlchemy's stored text.
    # Floats here are floats already (places' coordinates); their processor would only copy them.
    column_type = table.c[name].type
    if isinstance(column_type, Float):
        return None
    return column_type.dialect_impl(c.dialect).bind_processor(c.dialect)


def insert_many(c: Connection, table: Table, rows: list[dict[str, Any]],
                same: dict[str, Any] | None = None) -> None:
    """insert_rows for rows given as dicts (all with the same keys in the same order)."""
    insert_rows(c, table, list(rows[0]), [tuple(row.values()) for row in rows], same)


def insert_rows(c: Connection, table: Table, names: list[str], rows: list[tuple[Any, ...]],
                same: dict[str, Any] | None = None) -> None:
    """One driver executemany (COPY on PostgreSQL) of value tuples in `names` order.

    Values pass through the columns' own bind processors (aware UTC times...) where a column has
    one; `same` holds values every row shares (creation time, defaults), processed once.
    """
    fixed = list((same or {}).items())
    tail = tuple(p(v) if (p := _processor(table, n, c)) else v for n, v in fixed)
    processors = [(i, p) for i, n in enumerate(names) if (p := _processor(table, n, c)) is not None]
    if processors and rows:
        rows = _processed(rows, processors)
    columns = names + [n for n, _ in fixed]
    if c.dialect.name == "postgresql":
        # COPY inside the same transaction: psycopg's executemany still pays a round trip a row.
        raw: Any = c.connection.dbapi_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for value in ([row + tail for row in rows] if tail else rows):
                copy.write_row(value)
        return
    # SQLite: the shared values are written into the statement (they are the import's own constants:
    # a time, defaults), so each row binds only its own; that halves the cost of a person's insert.
    slots = ", ".join(["?"] * len(names) + [_sql_literal(value) for value in tail])
    c.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({slots})", rows)


def _sql_literal(value: Any) -> str:
    """A processed constant as SQL text; anything but these plain types is refused."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def _processed(rows: list[tuple[Any, ...]], processors: list[tuple[int, Any]]) -> list[tuple[Any, ...]]:
    # Column by column, each distinct value processed once: a LinkedIn file's thousands of rows
    # share a few hundred "connected on" days, and SQLite's time formatting costs microseconds a value.
    columns = list(zip(*rows, strict=True))
    for i, p in processors:
        done: dict[Any, Any] = {}
        columns[i] = tuple([done[v] if v in done else done.setdefault(v, p(v)) for v in columns[i]])
    return list(zip(*columns, strict=True))


def any_erased(c: Connection) -> bool:
    """Whether anyone was ever erased from the desk (asked once a batch: plain SQL, nothing to compile)."""
    return c.exec_driver_sql(f"SELECT 1 FROM {erased_keys.name} LIMIT 1").first() is not None


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
        target.suppression, target.fields, target.knows = r[1], dict(zip(_FILLABLE, r[2:], strict=True)), \
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
        # r: id, suppression, then _FILLABLE (title 2, company_id 3, city 4, linkedin_url 10, profile 11).
        if ((row.title and not r[2]) or (row.company and not r[3]) or (not r[4] and (row.placed or row.city))
                or (row.linkedin and not r[10]) or (row.notes and row.notes not in (r[11] or ""))
                or (knows_user is not None and pid not in self.knowing)):
            return None
        return "merged"


def load_targets(c: Connection, ids: set[int], knows_user: int | None,
                 hits: dict[str, list[int]], gaining: set[int]) -> StoredPeople:
    """The stored people rows matched, with what a merge must not duplicate.

    Every phone and email of the people in `gaining` (those a row of the batch may add to) is
    read; of the others only those the batch's keys found are known, which is all a merge that
    adds nothing to them needs (importing a file again reads half as much).
    """
    rows = {r[0]: r for r in select_in(c, ", ".join(("id", "suppression", *_FILLABLE)), people.name, "id", ids)}
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


def company_ids(c: Connection, names: set[str], now: datetime) -> dict[str, int]:
    """Company name key -> id, adding the companies not seen before."""
    # Sorted: a set's order changes with the hash seed, and new companies' ids should not.
    wanted = {company_key(n): n for n in sorted(names) if n.strip()}
    found: dict[str, int] = {}
    for chunk in chunks(wanted):
        found.update({k: i for i, k in c.execute(select(companies.c.id, companies.c.name_key)
                                                 .where(companies.c.name_key.in_(chunk)))})
    missing = [{"name": wanted[k], "name_key": k, "city": "", "state": "", "is_client": False, "created_at": now}
               for k in wanted if k not in found]
    if missing:
        c.execute(insert(companies), missing)
        for chunk in chunks([m["name_key"] for m in missing]):
            found.update({k: i for i, k in c.execute(select(companies.c.id, companies.c.name_key)
                                                     .where(companies.c.name_key.in_(chunk)))})
    return found
