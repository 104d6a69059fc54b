"""The person card: phones, history, suppression with who/when/why, the decision now."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.services.cards import person_card
from callsheet.services.suppressions import lift
from callsheet.web.deps import CsrfChecked, DeskUser, SessionDep, StateDep, clock_at
from callsheet.web.templating import render

router = APIRouter()


@router.get("/people/{person_id}")
def card_page(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, person_id: int,
              at: str = "") -> Response:
    card = person_card(uow, clock_at(state, at), person_id, state.settings)
    return render(request, "card.html", {"card": card, "at": at})


@router.post("/people/{person_id}/lift", dependencies=[CsrfChecked])
def lift_suppression(state: StateDep, uow: SessionDep, user: DeskUser, person_id: int,
                     reason: Annotated[str, Form()] = "") -> Response:
    lift(uow, state.clock, person_id, reason, user.login)  # admins only: the service says so
    return RedirectResponse(f"/people/{person_id}", status_code=303)
