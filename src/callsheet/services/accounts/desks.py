"""Desks: made and listed by whoever holds the database's address (an operator), never from a desk.

A request finds its desk by a key it carries: the login signing in, an API token's hash, a share
link's hash, a telephony provider's call id (desk_keys). Those never move between desks.
"""

from __future__ import annotations

from callsheet.clock import Clock, zone
from callsheet.domain import desks as rules
from callsheet.domain.desks import NUMBER, DeskRecord
from callsheet.domain.errors import BadInput, NotFound
from callsheet.lookup.phones import normalize, try_normalize
from callsheet.services.calling.policy import policy_settings
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings, settings_for_desk


def add_desk(uow: UnitOfWork, clock: Clock, settings: Settings, name: str, timezone: str = "", holidays: str = "",
             window_start: str = "", window_end: str = "", number: str = "") -> DeskRecord:
    """A new desk with its own calling policy and number where given ("" keeps the server's); names are
    unique, and a number rings one desk only."""
    name = rules.check_name(name)
    number = normalize(number, settings.phone_region, "number") if number.strip() else ""
    timezone, holidays = timezone.strip(), holidays.strip().upper()
    if timezone:
        zone(timezone)
    start, end = rules.check_window(window_start, window_end)
    candidate = DeskRecord(0, name, timezone, holidays, start, end, number=number)
    desk_settings = settings_for_desk(settings, candidate)
    if desk_settings.window_start >= desk_settings.window_end:
        raise BadInput("window-end", "the desk's window closes before it opens (within the server's hours)")
    policy_settings(desk_settings, clock.now().year)  # an unknown holiday calendar: BadInput naming it
    with uow:
        holder = uow.desks.desk_of(NUMBER, number) if number else None
        if holder is not None:
            raise BadInput("number", f"{number} rings another desk already (desk {holder})")
        made: DeskRecord | None = uow.desks.add(name, clock.now(), timezone, holidays, start, end, number)
    if made is None:
        raise BadInput("name", f"a desk named {name!r} exists already")
    return made


def list_desks(uow: UnitOfWork) -> list[DeskRecord]:
    with uow.reading():
        found: list[DeskRecord] = uow.desks.all()
    return found


def desk_named(uow: UnitOfWork, name: str, field: str = "desk") -> DeskRecord:
    """The desk of that name; unknown: bad input naming `field`."""
    with uow.reading():
        found: DeskRecord | None = uow.desks.by_name(name.strip())
    if found is None:
        raise BadInput(field, f"no desk is named {name.strip()!r} (callsheet desk list shows them)")
    return found


def desk_by_id(uow: UnitOfWork, desk_id: int) -> DeskRecord:
    with uow.reading():
        found: DeskRecord | None = uow.desks.get(desk_id)
    if found is None:
        raise NotFound("desk", desk_id)
    return found


def desk_holding(uow: UnitOfWork, kind: str, key: str) -> DeskRecord | None:
    """The desk that holds a key (a login, a token's hash...), or None: one read of the global keys."""
    with uow.reading():
        held = uow.desks.desk_of(kind, key)
        found: DeskRecord | None = uow.desks.get(held) if held is not None else None
    return found


def desk_called(uow: UnitOfWork, number: str, region: str) -> DeskRecord | None:
    """The desk whose own number an inbound call rings, or None (a number of no desk's: the server's)."""
    e164 = try_normalize(number, region)
    return desk_holding(uow, NUMBER, e164) if e164 else None
