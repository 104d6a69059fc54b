"""/api/v1/queue and /api/v1/why: the call sheet and the contact policy."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from callsheet.api.links import WHY
from callsheet.api.schemas import PathId
from callsheet.http.deps import ApiDeskUser, SessionDep, StateDep, clock_at
from callsheet.services.calling.policy import decision_view, why
from callsheet.services.calling.sheet import call_sheet, sheet_view

router = APIRouter(tags=["queue"])

AtQuery = Annotated[str, Query(max_length=64, description="Evaluate as of this ISO 8601 time (desk's zone).")]


@router.get("/queue")
def queue(state: StateDep, uow: SessionDep, user: ApiDeskUser, at: AtQuery = "",
          limit: Annotated[int, Query(ge=1, le=500)] = 50,
          owner: Annotated[str | None, Query(max_length=200)] = None) -> list[dict[str, Any]]:
    rows = call_sheet(uow, clock_at(state, at), state.settings, owner=owner or None, limit=limit)
    return [sheet_view(r) for r in rows]


@router.get("/why/{person_id}", operation_id=WHY)
def why_endpoint(state: StateDep, uow: SessionDep, user: ApiDeskUser, person_id: PathId,
                 job_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
                 phone: Annotated[str | None, Query(max_length=40)] = None, at: AtQuery = "") -> dict[str, Any]:
    decision = why(uow, clock_at(state, at), state.settings, person_id, job_id, phone)
    return decision_view(decision)
