"""/api/v1/jobs: list, get (with its pipeline), create; pipeline add and move."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from callsheet.api.schemas import JobIn, PathId, PipelineIn, StageIn
from callsheet.http.deps import ApiDeskUser, ApiUser, ClockDep, SessionDep
from callsheet.services.accounts import access as access
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.views import candidacy_view, job_view

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("")
def list_jobs(uow: SessionDep, user: ApiUser) -> list[dict[str, Any]]:
    """Open jobs; a hiring manager gets only their own company's."""
    return [job_view(j) for j in access.visible_jobs(uow, user)]


@router.get("/{job_id}")
def get_job(uow: SessionDep, user: ApiUser, job_id: PathId) -> dict[str, Any]:
    job, rows, names = access.job_pipeline(uow, user, job_id)
    return {**job_view(job), "pipeline": [candidacy_view(c, names.get(c.person_id)) for c in rows]}


@router.post("", status_code=201)
def create_job(uow: SessionDep, clock: ClockDep, user: ApiDeskUser, body: JobIn) -> dict[str, Any]:
    data = job_service.NewJob(**body.model_dump())
    return job_view(job_service.add_job(uow, clock, data, user.login))


@router.post("/{job_id}/pipeline", status_code=201, tags=["pipeline"])
def add_to_pipeline(uow: SessionDep, clock: ClockDep, user: ApiDeskUser, job_id: PathId,
                    body: PipelineIn) -> dict[str, Any]:
    return candidacy_view(job_service.add_to_pipeline(uow, clock, job_id, body.person_id, body.target))


@router.put("/{job_id}/pipeline/{person_id}", tags=["pipeline"])
def move_in_pipeline(uow: SessionDep, clock: ClockDep, user: ApiDeskUser, job_id: PathId, person_id: PathId,
                     body: StageIn) -> dict[str, Any]:
    return candidacy_view(job_service.move_stage(uow, clock, job_id, person_id, body.stage))
