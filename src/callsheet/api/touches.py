"""/api/v1/touches: log what happened on a call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter

from callsheet.api.schemas import TouchIn
from callsheet.clock import zone
from callsheet.services.outreach import LogRequest, log_touch
from callsheet.services.people import get_person
from callsheet.services.views import touch_view
from callsheet.store.uow import UnitOfWork
from callsheet.web.deps import ApiDeskUser, ClockDep, SessionDep, SettingsDep

router = APIRouter(prefix="/touches", tags=["touches"])


def _callee_time(uow: UnitOfWork, person_id: int, value: datetime, desk_zone: str) -> datetime:
    """A callback time without an offset is in the callee's zone, as they said it on the phone."""
    if value.tzinfo is not None:
        return value
    person = get_person(uow, person_id)
    name = person.timezone or next((z for p in person.phones for z in p.timezones), desk_zone)
    return value.replace(tzinfo=zone(name))


@router.post("", status_code=201)
def log(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser, body: TouchIn) -> dict[str, Any]:
    data = body.model_dump()
    if body.callback_at is not None:
        data["callback_at"] = _callee_time(uow, body.person_id, body.callback_at, settings.timezone)
    if body.at is not None and body.at.tzinfo is None:
        data["at"] = body.at.replace(tzinfo=zone(settings.timezone))
    touch = log_touch(uow, clock, LogRequest(**data), user.login, settings.phone_region)
    return touch_view(touch)
