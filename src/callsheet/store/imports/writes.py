"""Writing one import batch: each table in one executemany (COPY on PostgreSQL)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text, update

from callsheet.domain.imports import Prepared, Target
from callsheet.lookup.companies import company_key
from callsheet.lookup.names import name_parts
from callsheet.store.imports.bulk import insert_rows, top_id_in_file
from callsheet.store.tables import emails, import_keys, people, person_links, phones
from callsheet.store.tenancy import desk_of


def _new_ids(c: Connection, n: int) -> list[int]:
    """Ids for n new people, so one plain executemany stores them (RETURNING goes row by row on SQLite).

    SQLite: the transaction began IMMEDIATE and holds the write lock, so nobody else takes ids (the
    file's ids, every desk's: the id alone is the rowid key).
    PostgreSQL: the table's own sequence hands them out.
    """
    if c.dialect.name == "sqlite":
        top = top_id_in_file(c, people)
        return list(range(top + 1, top + 1 + n))
    query = text("SELECT nextval(pg_get_serial_sequence('people', 'id')) FROM generate_series(1, :n)")
    return [int(i) for i in c.execute(query, {"n": n}).scalars()]


def write_batch(c: Connection, fresh: list[Prepared | Target], stored: list[Target], now: datetime,
                knows_user: int | None, company: dict[str, int]) -> None:
    """Store a batch: the people it makes (rows as they came, or Targets that later rows merged
    into) whole, stored people that gained a field, and every new phone, email, row key and
    "knows" link, each table in one statement."""
    people_rows: list[tuple[Any, ...]] = []
    phone_rows: list[tuple[Any, ...]] = []
    email_rows: list[tuple[Any, ...]] = []
    key_rows: list[tuple[Any, ...]] = []
    link_rows: list[tuple[Any, ...]] = []
    targets: list[Target] = []
    for made, new_id in zip(fresh, _new_ids(c, len(fresh)) if fresh else (), strict=True):
        if isinstance(made, Target):
            made.id, made.created = new_id, True
            people_rows.append(_person_values(new_id, made.fields))
            targets.append(made)
            continue
        # The common case, kept flat: one tuple per table, no intermediate objects.
        people_rows.append((new_id, made.name, made.title, company.get(company_key(made.company)) if made.company
                            else None, made.city, made.state, made.zip, made.lat, made.lon, made.timezone, made.notes,
                            made.linkedin or None, *name_parts(made.name)))
        # Most rows bring one phone or one email: appended as they are, without a comprehension.
        if len(made.phones) == 1:
            phone_rows.append((new_id, *made.phones[0], 0))
        elif made.phones:
            phone_rows += [(new_id, e164, label, i) for i, (e164, label) in enumerate(made.phones)]
        if len(made.emails) == 1:
            email_rows.append((new_id, made.emails[0], 0))
        elif made.emails:
            email_rows += [(new_id, address, i) for i, address in enumerate(made.emails)]
        if made.keys[0][0] == "r":
            key_rows.append((made.keys[0][2:], new_id))
        if knows_user is not None:
            link_rows.append((new_id, made.connected_on))
    if people_rows:
        insert_rows(c, people, list(_PERSON_COLUMNS), people_rows, _new_person_defaults(now))
    # Stored people that gained a field are updated; everyone else was stored whole above.
    changed = [t for t in stored if t.changed]
    if changed:
        c.execute(update(people).where(people.c.desk_id == desk_of(c), people.c.id == bindparam("_id")).values(
            {n: bindparam(n) for n in (*_FILLABLE_WRITE, "updated_at")}),
            [{"_id": t.id, **{n: t.fields.get(n) for n in _FILLABLE_WRITE}, "updated_at": now}
             for t in changed])
    targets += stored
    phone_rows += [(t.id, e, label, len(t.phones) - len(t.new_phones) + i)
                   for t in targets if t.new_phones for i, (e, label) in enumerate(t.new_phones)]
    email_rows += [(t.id, a, len(t.emails) - len(t.new_emails) + i)
                   for t in targets if t.new_emails for i, a in enumerate(t.new_emails)]
    key_rows += [(d, t.id) for t in targets for d in t.row_digests]
    link_rows += [(t.id, t.wants_knows if isinstance(t.wants_knows, datetime) else None)
                  for t in targets if t.wants_knows is not False]
    link_same = {"kind": "knows", "other_person_id": None, "user_id": knows_user, "created_at": now}
    for table, names, rows, same in (
            (phones, ["person_id", "e164", "label", "position"], phone_rows, {"status": "ok"}),
            (emails, ["person_id", "address", "position"], email_rows, {}),
            (import_keys, ["digest", "person_id"], key_rows, {}),
            (person_links, ["person_id", "since"], link_rows, link_same)):
        if rows:
            insert_rows(c, table, names, rows, same)
    for t in targets:  # the targets live on only inside this batch
        t.new_phones, t.new_emails, t.row_digests, t.wants_knows, t.changed = [], [], [], False, False


_FILLABLE_WRITE = ("title", "company_id", "city", "state", "zip", "lat", "lon", "timezone", "linkedin_url", "profile")
_PERSON_COLUMNS = ("id", "name", "title", "company_id", "city", "state", "zip", "lat", "lon", "timezone", "profile",
                   "linkedin_url", "first_name", "last_name")


def _person_values(person_id: int | None, f: dict[str, Any]) -> tuple[Any, ...]:
    # In _PERSON_COLUMNS order: one executemany takes them as they are.
    get = f.get
    return (person_id, f["name"], get("title") or "", get("company_id"), get("city") or "", get("state") or "",
            get("zip") or "", get("lat"), get("lon"), get("timezone") or "", get("profile") or "",
            get("linkedin_url"), *name_parts(f["name"]))


def _new_person_defaults(now: datetime) -> dict[str, Any]:
    return {"seniority": None, "skills": "", "active": False, "suppression": "none", "suppressed_at": None,
            "suppressed_by": "", "suppression_reason": "", "referred_by_id": None, "created_at": now,
            "updated_at": now}
