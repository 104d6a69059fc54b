"""Jobs and their pipelines by stage, and a job's best matches; a hiring manager sees only their own company's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.model import Stage
from callsheet.services.accounts import access as access
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.search.people import match, matched_view
from callsheet.web.deps import ClockDep, CsrfChecked, CurrentUser, DeskUser, FormId, PathId, SessionDep
from callsheet.web.errors import is_htmx
from callsheet.web.templating import render

router = APIRouter()

MATCHES_SHOWN = 10


def _pipeline_context(uow: SessionDep, user: Any, job_id: int) -> dict[str, Any]:
    job, rows, names = access.job_pipeline(uow, user, job_id)
    stages = [(stage.value, [(c, names.get(c.person_id, "")) for c in rows if c.stage is stage]) for stage in Stage]
    return {"job": job, "stages": stages, "total": len(rows), "desk": access.works_the_desk(user)}


@router.get("/jobs")
def jobs_page(request: Request, uow: SessionDep, user: CurrentUser) -> Response:
    return render(request, "jobs.html", {"jobs": access.visible_jobs(uow, user)})


@router.get("/jobs/{job_id}")
def job_page(request: Request, uow: SessionDep, user: CurrentUser, job_id: PathId) -> Response:
    # The best matches load after the page (htmx), so the pipeline shows at once.
    return render(request, "job.html", _pipeline_context(uow, user, job_id))


@router.get("/jobs/{job_id}/matches")
def matches(request: Request, uow: SessionDep, clock: ClockDep, user: DeskUser, job_id: PathId) -> Response:
    best = [matched_view(m) for m in match(uow, clock, job_id, limit=MATCHES_SHOWN)]
    return render(request, "_matches.html", {"job_id": job_id, "matches": best})


@router.post("/jobs/{job_id}/pipeline", dependencies=[CsrfChecked])
def add_to_pipeline(request: Request, uow: SessionDep, clock: ClockDep, user: DeskUser, job_id: PathId,
                    person_id: FormId, name: Annotated[str, Form()] = ""
                    ) -> Response:
    job_service.add_to_pipeline(uow, clock, job_id, person_id)
    if not is_htmx(request):
        return RedirectResponse(f"/jobs/{job_id}", status_code=303)
    # The match's row says it is done; the pipeline above is redrawn out of band with them in it.
    context = {**_pipeline_context(uow, user, job_id), "added": {"person_id": person_id, "name": name}}
    return render(request, "_added.html", context)
