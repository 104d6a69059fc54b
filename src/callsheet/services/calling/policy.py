"""Asking the contact policy: load what `decide` needs, as of a moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol

import holidays

from callsheet.clock import Clock
from callsheet.domain.business_days import SATURDAY_SUNDAY
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import NumberMark, Person, Phone
from callsheet.domain.outcomes import Touch
from callsheet.domain.policy import Decision, PolicySettings, decide
from callsheet.domain.windows import Window
from callsheet.lookup.phones import normalize
from callsheet.services.people.suppressions import marks_on, number_marks
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings


@lru_cache(maxsize=8)
def _calendar(calendar: str, first_year: int) -> tuple[frozenset[date], frozenset[int]]:
    """The calendar's holidays over three years, and its own weekend (Monday=0) where it says one."""
    years = range(first_year, first_year + 3)
    try:
        if calendar.upper() in holidays.list_supported_financial():
            found = holidays.financial_holidays(calendar.upper(), years=years)
        else:
            found = holidays.country_holidays(calendar.upper(), years=years)
    except NotImplementedError as exc:
        raise BadInput("holidays", f"unknown holiday calendar {calendar!r}") from exc
    weekend = frozenset(int(d) for d in getattr(found, "weekend", SATURDAY_SUNDAY))
    return frozenset(found), weekend if 0 < len(weekend) < 7 else SATURDAY_SUNDAY


def policy_settings(settings: Settings, year: int) -> PolicySettings:
    """The policy's settings; business days follow the holiday calendar's weekend, and so do the
    calling days unless CALLSHEET_WINDOW_DAYS names them."""
    days, weekend = _calendar(settings.holidays, year - 1)
    window_days = (frozenset(settings.window_days) if "window_days" in settings.model_fields_set
                   else frozenset(range(7)) - weekend)
    return PolicySettings(
        window=Window(settings.window_start, settings.window_end, window_days),
        holidays=days,
        weekend=weekend,
        desk_zone=settings.timezone,
    )


def loaded_as_of(uow: UnitOfWork, person_ids: Sequence[int], moment: datetime, since: datetime | None = None
                 ) -> tuple[dict[int, Person], dict[int, list[Touch]], dict[int, list[NumberMark]]]:
    """What `decide` is given wherever it is asked, in an open unit of work: each person with their
    phones and suppression as they stood at `moment`, their history up to it (only what can sway the
    policy, with `since`), and other people's marks on their numbers. People not found are left out."""
    persons, histories = uow.policy.as_of(person_ids, moment, since)
    by_number: dict[str, list[NumberMark]] = {}
    for mark in number_marks(uow, {ph.e164 for p in persons.values() for ph in p.phones}):
        by_number.setdefault(mark.e164, []).append(mark)
    marks = {pid: marks_on(p, (m for ph in p.phones for m in by_number.get(ph.e164, ()))) for pid, p in persons.items()}
    return persons, histories, marks


def as_of(uow: UnitOfWork, person_id: int, moment: datetime) -> tuple[Person, list[Touch], list[NumberMark]]:
    """`loaded_as_of` one person: (person, history, other people's marks on their numbers)."""
    persons, histories, marks = loaded_as_of(uow, [person_id], moment)
    person: Person | None = persons.get(person_id)
    if person is None:
        raise NotFound("person", person_id)
    return person, histories[person_id], marks[person_id]


class Reachable(Protocol):
    """Whoever has numbers to pick from: a person, or the lean read of one that logging makes."""

    @property
    def name(self) -> str: ...

    @property
    def phones(self) -> Sequence[Phone]: ...


def pick_phone(person: Reachable, raw: str | None, region: str) -> Phone | None:
    if not raw:
        return None
    e164 = normalize(raw, region)
    for phone in person.phones:
        if phone.e164 == e164:
            return phone
    raise BadInput("phone", f"{e164} is not one of {person.name}'s numbers")


def why(uow: UnitOfWork, clock: Clock, settings: Settings, person_id: int, job_id: int | None = None,
        phone: str | None = None) -> Decision:
    """What the policy says about calling this person now (the clock may be pinned to --at)."""
    now = clock.now()
    with uow.reading():
        person, history, marks = as_of(uow, person_id, now)
        if job_id is not None and uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
    chosen = pick_phone(person, phone, settings.phone_region)
    return decide(person, chosen, history, now, policy_settings(settings, now.year), job_id, marks)


def decision_view(decision: Decision) -> dict[str, object]:
    return {
        "callable": decision.callable,
        "reasons": list(decision.reasons),
        "next_ok_at": decision.next_ok_at.isoformat() if decision.next_ok_at else None,
    }
