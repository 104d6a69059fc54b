"""Erasure on request (data protection): the person's data and history go; salted hashes stay.

The person's row stays as a tombstone named "Erased person" with suppression "erased", so the
audit row has somewhere to point and a re-import that matches a hash finds a suppressed person.
"""

from __future__ import annotations

from callsheet.clock import Clock
from callsheet.domain.errors import NotFound
from callsheet.domain.model import SuppressionEvent
from callsheet.services.accounts.acting import acting_user
from callsheet.services.imports.keys import digest
from callsheet.services.unit import UnitOfWork

ERASED_NAME = "Erased person"


def erase_person(uow: UnitOfWork, clock: Clock, person_id: int, user_login: str) -> int:
    """Erase a person; returns how many salted hashes were kept."""
    now = clock.now()
    with uow:
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        salt = uow.imports.desk_salt()
        keys = {("phone", p.e164) for p in person.phones} | {("email", e.lower()) for e in person.emails}
        if person.linkedin_url:
            keys.add(("linkedin", person.linkedin_url))
        hashes = [(kind, digest(salt, kind, value)) for kind, value in keys]
        uow.records.erase(person_id, hashes, ERASED_NAME, user_login, "erasure request", now)
        user = acting_user(uow, clock, user_login)
        uow.touches.add_suppression_event(
            SuppressionEvent(person_id, "set", "erased", "erasure request", user.display, now), user.id)
    return len(hashes)
