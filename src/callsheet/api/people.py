"""/api/v1/people: list, get (the card), create."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from callsheet.api.schemas import PathId, PersonIn
from callsheet.http.deps import ApiDeskUser, ClockDep, SessionDep, SettingsDep
from callsheet.services.people import records as people_service
from callsheet.services.people.cards import person_card
from callsheet.services.views import person_view

router = APIRouter(prefix="/people", tags=["people"])


@router.get("")
def list_people(uow: SessionDep, user: ApiDeskUser, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0, le=2_000_000_000)] = 0) -> list[dict[str, Any]]:
    return [person_view(p) for p in people_service.list_people(uow, limit, offset)]


@router.get("/{person_id}")
def get_person(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser,
               person_id: PathId) -> dict[str, Any]:
    return person_card(uow, clock, person_id, settings)


@router.post("", status_code=201)
def create_person(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser,
                  body: PersonIn) -> dict[str, Any]:
    data = people_service.NewPerson(**body.model_dump())
    return person_view(people_service.add_person(uow, clock, data, settings.phone_region))
