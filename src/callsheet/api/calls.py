"""/api/v1/calls: place a call through the telephony provider (click-to-call that logs itself)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from callsheet.domain.bounds import ID_MAX, ID_MIN
from callsheet.http.deps import ApiDeskUser, ClockDep, SessionDep, StateDep
from callsheet.services.calling.dialing import dial

router = APIRouter(prefix="/calls", tags=["calls"])


class CallIn(BaseModel):
    person_id: int = Field(ge=ID_MIN, le=ID_MAX)
    job_id: int | None = Field(default=None, ge=ID_MIN, le=ID_MAX)
    phone: str | None = Field(default=None, max_length=40)


@router.post("", status_code=201, responses={409: {"description": "The contact policy refuses: nothing was sent."}})
def place(state: StateDep, uow: SessionDep, clock: ClockDep, user: ApiDeskUser, body: CallIn) -> dict[str, Any]:
    """Ring the token holder's phone, then the person's; the call's touch is logged as it goes."""
    return dial(uow, clock, state.settings, state.telephony, user, body.person_id, body.job_id, body.phone)
