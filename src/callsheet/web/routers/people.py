"""The person card: the name and its parts, phones, history, suppression with who/when/why, the decision
now, the script for this call."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.errors import BadInput
from callsheet.services.calling.dialing import call_view
from callsheet.services.calling.guided import open_call
from callsheet.services.people.cards import person_card
from callsheet.services.people.edits import NameEdit, PersonEdit, edit_name, edit_person
from callsheet.services.people.suppressions import lift, release_number
from callsheet.web.deps import CsrfChecked, DeskUser, PathId, SessionDep, StateDep, clock_at
from callsheet.web.routers.sheet import QUICK
from callsheet.web.templating import render
from callsheet.web.wording import for_page

router = APIRouter()


@router.get("/people/{person_id}")
def card_page(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
              at: str = "", job: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None) -> Response:
    clock = clock_at(state, at)
    call: dict[str, Any] = {}
    try:
        # The same plan `callsheet call` prints: the card, the kind of call, its script filled in, the policy.
        plan = open_call(uow, clock, state.settings, user.login, person_id, job)
        card = plan.card
        call = {"plan": plan, "job": next((c for c in card["candidacies"] if c["job_id"] == plan.job_id), None)}
    except BadInput as exc:  # a broken edited script must not hide the card
        card = person_card(uow, clock, person_id, state.settings)
        call = {"error": for_page(exc.field, exc.message)}
    # The newest call placed or taken through the provider: its one-click outcomes, its length filled in.
    last_call = call_view(uow, person_id) if state.telephony is not None else None
    return render(request, "card.html", {"card": card, "at": at, "call": call, "last_call": last_call,
                                         "quick": QUICK})


@router.post("/people/{person_id}/lift", dependencies=[CsrfChecked])
def lift_suppression(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
                     reason: Annotated[str, Form()] = "") -> Response:
    lift(uow, state.clock, person_id, reason, user.login)  # admins only: the service says so
    return RedirectResponse(f"/people/{person_id}", status_code=303)


@router.post("/people/{person_id}/release-number", dependencies=[CsrfChecked])
def release_marked_number(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
                          phone: Annotated[str, Form()] = "", reason: Annotated[str, Form()] = "") -> Response:
    # Admins only (the service says so); the marked person stays marked, the number is free for this card's person.
    release_number(uow, state.clock, phone, reason, user.login, state.settings.phone_region)
    return RedirectResponse(f"/people/{person_id}", status_code=303)


def _changed(value: str, shown: str) -> str | None:
    # The form shows every field; only what the user changed is an edit (a new name alone is read again).
    return value if value.strip() != shown.strip() else None


@router.post("/people/{person_id}/name", dependencies=[CsrfChecked])
def edit_person_name(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
                     name: Annotated[str, Form(max_length=300)] = "",
                     first_name: Annotated[str, Form(max_length=300)] = "",
                     last_name: Annotated[str, Form(max_length=300)] = "",
                     shown_name: Annotated[str, Form(max_length=300)] = "",
                     shown_first_name: Annotated[str, Form(max_length=300)] = "",
                     shown_last_name: Annotated[str, Form(max_length=300)] = "") -> Response:
    edit = NameEdit(_changed(name, shown_name), _changed(first_name, shown_first_name),
                    _changed(last_name, shown_last_name))
    if edit.name is not None or edit.first_name is not None or edit.last_name is not None:
        edit_name(uow, state.clock, person_id, edit)
    return RedirectResponse(f"/people/{person_id}", status_code=303)


def _given(value: str) -> str | None:
    return value if value.strip() else None


def _listed(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@router.post("/people/{person_id}/details", dependencies=[CsrfChecked])
def edit_person_details(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
                        name: Annotated[str, Form(max_length=300)] = "",
                        phones: Annotated[str, Form(max_length=2000)] = "",
                        emails: Annotated[str, Form(max_length=2000)] = "",
                        linkedin_url: Annotated[str, Form(max_length=300)] = "",
                        city: Annotated[str, Form(max_length=300)] = "",
                        state_code: Annotated[str, Form(alias="state", max_length=300)] = "",
                        skills: Annotated[str, Form(max_length=20_000)] = "",
                        seniority: Annotated[str, Form(max_length=20)] = "") -> Response:
    # The form under what a résumé proposes: an empty field leaves the card's value; phones and emails add.
    level = seniority.strip()
    if level and not level.isdigit():
        raise BadInput("seniority", "must be a whole number from 1 to 5")
    edit = PersonEdit(name=_given(name), city=_given(city), state=_given(state_code),
                      seniority=int(level) if level else None, skills=_given(skills),
                      linkedin_url=_given(linkedin_url), phones=_listed(phones), emails=_listed(emails))
    if not edit.is_empty():
        edit_person(uow, state.clock, person_id, edit, state.settings.phone_region)
    return RedirectResponse(f"/people/{person_id}", status_code=303)
