"""Erasure on request (data protection): the person's data and history go; salted hashes stay.

The person's row stays as a tombstone named "Erased person" with suppression "erased", so the
audit row has somewhere to point and a re-import that matches a hash finds a suppressed person.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, update

from callsheet.clock import Clock
from callsheet.domain.errors import NotFound
from callsheet.services.accounts.acting import acting_user
from callsheet.services.imports.keys import desk_salt, digest
from callsheet.services.people.refs import references
from callsheet.store.tables import erased_keys, import_keys, number_releases, people, suppression_events
from callsheet.store.touches_repo import SuppressionEvent
from callsheet.store.uow import UnitOfWork

ERASED_NAME = "Erased person"
# Rows that point at the tombstone and must stay: the hashes, the keys of imported rows, the numbers
# released for new holders (kept by their hashes too), the audit.
_KEEP = {erased_keys.name, import_keys.name, number_releases.name}


def erase_person(uow: UnitOfWork, clock: Clock, person_id: int, user_login: str) -> int:
    """Erase a person; returns how many salted hashes were kept."""
    now = clock.now()
    with uow:
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        c = uow.connection
        salt = desk_salt(c)
        keys = {("phone", p.e164) for p in person.phones} | {("email", e.lower()) for e in person.emails}
        if person.linkedin_url:
            keys.add(("linkedin", person.linkedin_url))
        fresh = [{"person_id": person_id, "kind": kind, "digest": digest(salt, kind, value)} for kind, value in keys]
        if fresh:
            c.execute(insert(erased_keys), fresh)
        # Everything else that points at the person: their own rows go, others' rows forget them.
        for table, column in references():
            if table.name in _KEEP or table is people:
                if table is people:
                    c.execute(update(people).where(column == person_id).values({column.name: None}))
                continue
            if table.name == suppression_events.name or not column.nullable or column.name == "person_id":
                c.execute(delete(table).where(column == person_id))
            else:
                c.execute(update(table).where(column == person_id).values({column.name: None}))
        c.execute(update(people).where(people.c.id == person_id).values(
            name=ERASED_NAME, title="", company_id=None, seniority=None, skills="", city="", state="", zip="",
            lat=None, lon=None, timezone="", active=False, profile="", linkedin_url=None, suppression="erased",
            suppressed_at=now, suppressed_by=user_login, suppression_reason="erasure request",
            referred_by_id=None, last_touch_at=None, updated_at=now))
        user = acting_user(uow, clock, user_login)
        uow.touches.add_suppression_event(
            SuppressionEvent(person_id, "set", "erased", "erasure request", user.display, now), user.id)
    return len(fresh)
