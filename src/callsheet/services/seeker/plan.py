"""The weekly plan: a self-inventory, weekly targets, and this week's progress."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput
from callsheet.services.accounts.acting import acting_user
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

TARGETS = ("weekly_calls", "weekly_followups", "weekly_contacts", "weekly_applications")
INVENTORY = ("strengths", "passions", "target_roles", "target_companies")


def set_plan(uow: UnitOfWork, clock: Clock, acting_login: str, values: dict[str, Any]) -> dict[str, Any]:
    for key in TARGETS:
        if key in values and (values[key] is None or not 0 <= values[key] <= 500):
            raise BadInput(key.replace("weekly_", ""), "a weekly target is between 0 and 500")
    unknown = set(values) - set(TARGETS) - set(INVENTORY)
    if unknown:
        raise BadInput(sorted(unknown)[0], "not part of the plan")
    with uow:
        user = acting_user(uow, clock, acting_login)
        uow.seeker.save_plan(user.id, {**values, "updated_at": clock.now()})
        plan: dict[str, Any] | None = uow.seeker.plan(user.id)
    assert plan is not None
    return plan


def target_companies(uow: UnitOfWork, clock: Clock, acting_login: str) -> list[str]:
    with uow:
        plan = uow.seeker.plan(acting_user(uow, clock, acting_login).id)
    return [c.strip() for c in (plan or {}).get("target_companies", "").split(",") if c.strip()]


def week_bounds(now: datetime, zone: str) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday, in the desk's zone."""
    local = now.astimezone(ZoneInfo(zone))
    monday = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return monday, monday + timedelta(days=7)


def progress(uow: UnitOfWork, clock: Clock, settings: Settings, acting_login: str) -> dict[str, Any]:
    """This week's counts against the targets."""
    now = clock.now()
    start, end = week_bounds(now, settings.timezone)
    with uow:
        user = acting_user(uow, clock, acting_login)
        plan = uow.seeker.plan(user.id) or {}
        done = uow.seeker.week_counts(user.id, start, end, now)
    return {
        "week_of": start.date().isoformat(),
        "inventory": {k: plan.get(k, "") for k in INVENTORY},
        "progress": {k.replace("weekly_", ""): {"done": int(done[k]), "target": int(plan.get(k, 0) or 0)}
                     for k in TARGETS},
    }
