"""/api/v1/touches: log what happened on a call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from callsheet.api.schemas import TouchIn
from callsheet.bootstrap import UnitOfWork
from callsheet.clock import zone
from callsheet.domain.errors import NotSignedIn
from callsheet.domain.users import User
from callsheet.http.deps import ApiDeskToken, ClockDep, SessionDep, SettingsDep
from callsheet.services.accounts import access as access
from callsheet.services.accounts import users as accounts
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.people.records import get_person
from callsheet.services.views import touch_view

router = APIRouter(prefix="/touches", tags=["touches"])

#: The answer's shape for the schema (the endpoint returns its JSON itself: see below).
TOUCH_SCHEMA: dict[str, Any] = {"type": "object", "additionalProperties": True}


def _callee_time(uow: UnitOfWork, person_id: int, value: datetime, desk_zone: str) -> datetime:
    """A callback time without an offset is in the callee's zone, as they said it on the phone."""
    if value.tzinfo is not None:
        return value
    person = get_person(uow, person_id)
    name = person.timezone or next((z for p in person.phones for z in p.timezones), desk_zone)
    return value.replace(tzinfo=zone(name))


@router.post("", status_code=201, response_class=JSONResponse,
             responses={201: {"description": "The touch as stored.",
                              "content": {"application/json": {"schema": TOUCH_SCHEMA}}}})
def log(uow: SessionDep, clock: ClockDep, settings: SettingsDep, token: ApiDeskToken, body: TouchIn) -> JSONResponse:
    # The busiest endpoint: the token is checked in the touch's own transaction (one thread hop and
    # one transaction per request instead of two), and the answer is serialised here, once.
    data = body.model_dump()
    acting: access.DeskToken | User = token
    if body.callback_at is not None and body.callback_at.tzinfo is None:
        # Reading the callee's zone comes after knowing who asks: check the token first on this rare path.
        user = accounts.user_for_token(uow, token.token)
        if user is None:
            raise NotSignedIn()
        acting = access.require_desk(user)
        data["callback_at"] = _callee_time(uow, body.person_id, body.callback_at, settings.timezone)
    if body.at is not None and body.at.tzinfo is None:
        data["at"] = body.at.replace(tzinfo=zone(settings.timezone))
    touch = log_touch(uow, clock, LogRequest(**data), acting, settings.phone_region)
    return JSONResponse(touch_view(touch), status_code=201)
