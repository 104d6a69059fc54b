"""Asking the contact policy: load what `decide` needs, as of a moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache

import holidays

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Person, Phone, Suppression
from callsheet.domain.policy import Decision, PolicySettings, decide
from callsheet.domain.windows import Window
from callsheet.lookup.phones import normalize
from callsheet.services.people.suppressions import person_marks
from callsheet.settings import Settings
from callsheet.store.people_repo import Callee
from callsheet.store.touches_repo import SuppressionEvent
from callsheet.store.uow import UnitOfWork


@lru_cache(maxsize=8)
def _holidays(calendar: str, first_year: int) -> frozenset[date]:
    years = range(first_year, first_year + 3)
    try:
        if calendar.upper() in holidays.list_supported_financial():
            return frozenset(holidays.financial_holidays(calendar.upper(), years=years))
        return frozenset(holidays.country_holidays(calendar.upper(), years=years))
    except NotImplementedError as exc:
        raise BadInput("holidays", f"unknown holiday calendar {calendar!r}") from exc


def policy_settings(settings: Settings, year: int) -> PolicySettings:
    return PolicySettings(
        window=Window(settings.window_start, settings.window_end, frozenset(settings.window_days)),
        holidays=_holidays(settings.holidays, year - 1),
        desk_zone=settings.timezone,
    )


def person_as_of(person: Person, events: list[SuppressionEvent], at: datetime) -> Person:
    """The person with the suppression that was in force at `at`, from the audit trail."""
    state: SuppressionEvent | None = None
    for event in events:
        if event.at > at:
            break
        if event.action == "release":  # a number freed for its new holder: the person stays marked
            continue
        state = event if event.action == "set" else None
    if state is None:
        if person.suppression is not Suppression.NONE and not events:
            return person  # marked without an audit row (older data): keep the mark
        return replace(person, suppression=Suppression.NONE, suppressed_at=None, suppressed_by="",
                       suppression_reason="")
    return replace(person, suppression=Suppression(state.suppression), suppressed_at=state.at,
                   suppressed_by=state.user, suppression_reason=state.reason)


def pick_phone(person: Person | Callee, raw: str | None, region: str) -> Phone | None:
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
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        if job_id is not None and uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        chosen = pick_phone(person, phone, settings.phone_region)
        history = uow.touches.for_person(person_id, until=now)
        events = uow.touches.suppression_events(person_id)
        marks = person_marks(uow, person)
    return decide(person_as_of(person, events, now), chosen, history, now, policy_settings(settings, now.year),
                  job_id, marks)


def decision_view(decision: Decision) -> dict[str, object]:
    return {
        "callable": decision.callable,
        "reasons": list(decision.reasons),
        "next_ok_at": decision.next_ok_at.isoformat() if decision.next_ok_at else None,
    }
