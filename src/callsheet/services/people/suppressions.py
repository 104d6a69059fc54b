"""Suppressions: lifting a person's mark, the marks their numbers carry to whoever holds them next,
and releasing a number for its new holder. Lifting and releasing are an admin's acts, with a reason,
always audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, Forbidden, NotFound
from callsheet.domain.model import NumberMark, Person, Phone, Suppression, SuppressionEvent
from callsheet.domain.policy import marked_numbers, number_mark_reason
from callsheet.domain.users import User
from callsheet.lookup.phones import normalize
from callsheet.services.accounts.acting import acting_user
from callsheet.services.imports.keys import digest
from callsheet.services.unit import UnitOfWork


def _audited_admin(uow: UnitOfWork, clock: Clock, acting_login: str, reason: str, act: str) -> User:
    """The admin acting, for an act that is audited with its reason (a lift, a release)."""
    if not reason.strip():
        raise BadInput("reason", f"{act} needs a reason, for the audit trail")
    user = acting_user(uow, clock, acting_login)
    if user.role != "admin":
        raise Forbidden(f"only an admin can do this ({act}); {user.login} is a {user.role}")
    return user


def lift(uow: UnitOfWork, clock: Clock, person_id: int, reason: str, acting_login: str) -> Person:
    now = clock.now()
    with uow:
        user = _audited_admin(uow, clock, acting_login, reason, "lifting a suppression")
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


# -- numbers ---------------------------------------------------------------------------------------
def number_marks(uow: UnitOfWork, numbers: Iterable[str]) -> list[NumberMark]:
    """Every claim a do-not-call, deceased or erased person, or a do-not-call list, has on these E.164
    numbers, released or not (inside an open unit of work). The one answer to "is this number
    suppressed?": the policy, the card, every write of a person or a number and the importer ask it."""
    wanted = set(numbers)
    if not wanted:
        return []
    salt = uow.numbers.salt()
    marks: list[NumberMark] = uow.numbers.marks({e164: digest(salt, "phone", e164) if salt else None
                                                 for e164 in wanted})
    listed: list[NumberMark] = uow.dnc.marks(wanted)
    return marks + listed


def marks_on(person: Person, marks: Iterable[NumberMark]) -> list[NumberMark]:
    """Other people's marks, and lists' claims, on this person's numbers (their own mark is their
    suppression)."""
    numbers = {p.e164 for p in person.phones}
    return [m for m in marks if m.e164 in numbers and (m.person_id is None or m.person_id != person.id)]


def person_marks(uow: UnitOfWork, person: Person) -> list[NumberMark]:
    """`marks_on` a person, read from the store (inside an open unit of work)."""
    return marks_on(person, number_marks(uow, (p.e164 for p in person.phones)))


def number_warnings(marks: Iterable[NumberMark], now: datetime, zone: str) -> list[str]:
    """What a card and every add say of numbers other people's marks hold at `now`, one line a number:
    "+14145550142: This number belongs to someone marked deceased on 2026-11-20 by ... — never called"."""
    listed = list(marks)
    held = marked_numbers([Phone(m.e164) for m in listed], listed, now)
    return [f"{e164}: {number_mark_reason(mark, zone)}" for e164, mark in held.items()]


def person_warnings(uow: UnitOfWork, clock: Clock, zone: str, person_id: int) -> list[str]:
    """`number_warnings` of a stored person (a referral just logged...)."""
    now = clock.now()
    with uow.reading():
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        return number_warnings(person_marks(uow, person), now, zone)


def number_suppression(uow: UnitOfWork, e164: str, now: datetime, holder_id: int | None = None) -> NumberMark | None:
    """The mark that keeps `e164` from being dialled at `now` by anyone but the marked person, if any."""
    return next((m for m in number_marks(uow, [e164]) if (m.person_id is None or m.person_id != holder_id)
                 and m.in_force(now)), None)


def release_number(uow: UnitOfWork, clock: Clock, raw: str, reason: str, acting_login: str,
                   region: str = "US") -> list[NumberMark]:
    """Free a number from every mark that holds it, for its new holder; the marked people stay marked.

    Returns the marks released. Each is audited on the marked person's trail, as a lift is.
    """
    e164 = normalize(raw, region)
    now = clock.now()
    with uow:
        user = _audited_admin(uow, clock, acting_login, reason, "releasing a number")
        marks = [m for m in number_marks(uow, [e164]) if m.in_force(now)]
        held = [m for m in marks if m.person_id is not None]
        if not held:
            lists = ", ".join(f"'{m.list_name}'" for m in marks)
            raise BadInput("phone", f"{e164} is on the do-not-call list {lists}: it is free once the list drops it"
                           if lists else f"{e164} is not held by anyone marked do not call, deceased or erased")
        key = digest(uow.imports.desk_salt(), "phone", e164)
        for mark in held:
            assert mark.person_id is not None
            uow.numbers.release(mark.person_id, key, reason.strip(), user.id, user.display, now)
            # An erased person's trail never names their number again.
            shown = f"the number ending {e164[-4:]}" if mark.suppression is Suppression.ERASED else e164
            uow.touches.add_suppression_event(SuppressionEvent(
                mark.person_id, "release", mark.suppression.value, f"released {shown}: {reason.strip()}",
                user.display, now), user.id)
    return held
