"""/api/v1/people: list, get (the card), create, change details; release a marked person's number (admins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from callsheet.api.links import CREATE_PERSON, GET_PERSON, person_links
from callsheet.api.schemas import PathId, PersonEditIn, PersonIn, ReleaseIn
from callsheet.http.deps import ApiDeskUser, ClockDep, SessionDep, SettingsDep
from callsheet.services.people import edits
from callsheet.services.people import records as people_service
from callsheet.services.people.cards import person_card
from callsheet.services.people.suppressions import number_warnings, release_number
from callsheet.services.views import person_view

router = APIRouter(prefix="/people", tags=["people"])


@router.get("")
def list_people(uow: SessionDep, user: ApiDeskUser, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0, le=2_000_000_000)] = 0) -> list[dict[str, Any]]:
    return [person_view(p) for p in people_service.list_people(uow, limit, offset)]


@router.get("/{person_id}", operation_id=GET_PERSON,
            responses={200: {"description": "The person's card.", "links": person_links("$response.body#/id")}})
def get_person(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser,
               person_id: PathId) -> dict[str, Any]:
    return person_card(uow, clock, person_id, settings)


@router.post("", status_code=201, operation_id=CREATE_PERSON,
             responses={201: {"description": "The person as stored.", "links": person_links("$response.body#/id")}})
def create_person(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser,
                  body: PersonIn) -> dict[str, Any]:
    data = people_service.NewPerson(**body.model_dump())
    added = people_service.add(uow, clock, data, settings.phone_region)
    return {**person_view(added.person), "warnings": number_warnings(added.marks, clock.now(), settings.timezone)}


@router.patch("/{person_id}")
def edit_person(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser, person_id: PathId,
                body: PersonEditIn) -> dict[str, Any]:
    """Change a person's details: the name or its first and last name (every script greets by the first
    name), title, place, seniority, skills, LinkedIn; add phones and emails. A number added that a mark
    holds comes back with a warning, as on a new person."""
    edited = edits.edit_person(uow, clock, person_id, edits.PersonEdit(**body.model_dump()), settings.phone_region)
    return {**person_view(edited.person), "warnings": number_warnings(edited.marks, clock.now(), settings.timezone)}


@router.post("/release-number")
def release_marked_number(uow: SessionDep, clock: ClockDep, settings: SettingsDep, user: ApiDeskUser,
                          body: ReleaseIn) -> dict[str, Any]:
    """Free a marked person's number for its new holder (admins only, audited); the person stays marked."""
    released = release_number(uow, clock, body.phone, body.reason, user.login, settings.phone_region)
    return {"phone": released[0].e164,
            "released": [{"person_id": m.person_id, "suppression": m.suppression.value} for m in released]}
