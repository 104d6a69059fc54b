"""Jobs and their pipelines by stage; a hiring manager sees only their own company's."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from callsheet.domain.model import Stage
from callsheet.services import access
from callsheet.web.deps import CurrentUser, SessionDep
from callsheet.web.templating import render

router = APIRouter()


@router.get("/jobs")
def jobs_page(request: Request, uow: SessionDep, user: CurrentUser) -> Response:
    return render(request, "jobs.html", {"jobs": access.visible_jobs(uow, user)})


@router.get("/jobs/{job_id}")
def job_page(request: Request, uow: SessionDep, user: CurrentUser, job_id: int) -> Response:
    job, rows, names = access.job_pipeline(uow, user, job_id)
    stages = [(stage.value, [(c, names.get(c.person_id, "")) for c in rows if c.stage is stage]) for stage in Stage]
    # Best matches for the job join here once the match service lands.
    return render(request, "job.html", {"job": job, "stages": stages, "total": len(rows),
                                        "desk": access.works_the_desk(user)})
