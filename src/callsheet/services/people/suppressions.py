"""Lifting a suppression: an admin's act, with a reason, always audited."""

from __future__ import annotations

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, Forbidden, NotFound
from callsheet.domain.model import Person, Suppression, SuppressionEvent
from callsheet.services.accounts.acting import acting_user
from callsheet.services.unit import UnitOfWork


def lift(uow: UnitOfWork, clock: Clock, person_id: int, reason: str, acting_login: str) -> Person:
    if not reason.strip():
        raise BadInput("reason", "lifting a suppression needs a reason, for the audit trail")
    now = clock.now()
    with uow:
        user = acting_user(uow, clock, acting_login)
        if user.role != "admin":
            raise Forbidden(f"only an admin can lift a suppression; {user.login} is a {user.role}")
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        if person.suppression is Suppression.NONE:
            raise BadInput("person", f"{person.name} is not suppressed")
        if person.suppression is Suppression.ERASED:
            raise BadInput("person", "an erased person's data is gone; the erasure cannot be lifted")
        uow.touches.add_suppression_event(
            SuppressionEvent(person_id, "lift", person.suppression.value, reason.strip(), user.display, now), user.id)
        person.suppression = Suppression.NONE
        person.suppressed_at = None
        person.suppressed_by = ""
        person.suppression_reason = ""
        uow.people.update(person, now)
        lifted: Person = uow.people.get(person_id)
    return lifted
