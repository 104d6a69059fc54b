"""/api/v1/search, /api/v1/jobs/{id}/matches and /api/v1/imports: the same services as the CLI's search,
match and import commands."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import JSONResponse, Response

from callsheet.api.schemas import PathId
from callsheet.api.search_schemas import FoundOut, ImportOut, MatchAdded, MatchIn, MatchOut
from callsheet.domain.errors import BadInput
from callsheet.domain.users import User
from callsheet.http.deps import ApiDeskUser, ApiUser, ClockDep, SessionDep, StateDep
from callsheet.services.accounts import access as access
from callsheet.services.imports import runs
from callsheet.services.imports.runs import ImportRun
from callsheet.services.imports.uploads import column_map
from callsheet.services.search.people import MATCH_RADIUS, SearchRequest, found_view, match, matched_view, search

router = APIRouter()

Miles = Annotated[float, Query(gt=0, le=3000, allow_inf_nan=False)]


@router.get("/search", tags=["search"], response_model=list[FoundOut])
def search_people(
    uow: SessionDep, user: ApiDeskUser,
    q: Annotated[str, Query(max_length=2000, description='Our query language: words, "phrases", AND, OR, NOT, '
                                                         "prefix*, (), title: skill: company: city:.")],
    near: Annotated[str | None, Query(max_length=200, description='"City, ST" or a ZIP code.')] = None,
    radius: Miles | None = None,
    seniority: Annotated[str | None, Query(max_length=10, description="A level 1-5 or a range such as 2-4.")] = None,
    active: bool | None = None,
    job_id: Annotated[int | None, Query(ge=1, le=2_147_483_647, description="Only this job's pipeline.")] = None,
    stage: Annotated[str | None, Query(max_length=40)] = None,
    include_suppressed: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> list[dict[str, object]]:
    """People ranked by how well they match; people who must not be called only with include_suppressed."""
    req = SearchRequest(q, near, radius, seniority, active, job_id, stage, include_suppressed, limit)
    return [found_view(f) for f in search(uow, req)]


def _desk_job(uow: SessionDep, user: User, job_id: int) -> None:
    # Another company's job does not exist for a hiring manager; their own is not theirs to source for.
    access.job_pipeline(uow, user, job_id)
    access.require_desk(user)


@router.get("/jobs/{job_id}/matches", tags=["search"], response_model=list[MatchOut])
def job_matches(uow: SessionDep, clock: ClockDep, user: ApiUser, job_id: PathId,
                limit: Annotated[int, Query(ge=1, le=1000)] = 20, radius: Miles = MATCH_RADIUS
                ) -> list[dict[str, object]]:
    """The best-fitting people not yet in the job's pipeline and not suppressed, each with why."""
    _desk_job(uow, user, job_id)
    return [matched_view(m) for m in match(uow, clock, job_id, limit, 0, radius)]


@router.post("/jobs/{job_id}/matches", tags=["search", "pipeline"], response_model=MatchAdded, status_code=201)
def add_matches(uow: SessionDep, clock: ClockDep, user: ApiUser, job_id: PathId, body: MatchIn) -> dict[str, object]:
    """Put the top `add` matches into the job's pipeline; answers with them and the rest of the list."""
    _desk_job(uow, user, job_id)
    best = match(uow, clock, job_id, body.limit, body.add, body.radius)
    return {"added": [m.hit.person_id for m in best[:body.add]], "matches": [matched_view(m) for m in best]}


def _import_view(run: ImportRun) -> dict[str, object]:
    view = run.view()
    view["rejects_url"] = f"/api/v1/imports/{run.id}/rejects.csv" if view.pop("has_rejects") else None
    return view


RunId = Annotated[str, Path(max_length=40)]


@router.post("/imports", tags=["imports"], response_model=ImportOut, status_code=201,
             responses={202: {"model": ImportOut, "description": "Still running (wait=false): poll its URL"},
                        413: {"description": "The file is larger than CALLSHEET_UPLOAD_MAX_MB"}})
def import_upload(
    state: StateDep, uow: SessionDep, user: ApiDeskUser,
    kind: Annotated[Literal["linkedin", "vcard", "csv"], Form()],
    file: Annotated[UploadFile, File(description="LinkedIn's Connections.csv, a .vcf file or a spreadsheet (CSV)")],
    map: Annotated[list[str], Form(description='CSV only: "COLUMN=FIELD", e.g. "Cell #=mobile"')] = [],  # noqa: B006
    dry_run: Annotated[bool, Form()] = False,
    wait: Annotated[bool, Form(description="Answer with the summary once done (default), or at once with 202")] = True,
) -> Response:
    """Import a file as `callsheet import` does; every row ends created, merged, suppressed or rejected."""
    mapping = column_map(kind, map)
    try:
        path = state.imports.save(file.file, file.filename or "upload")
    except BadInput as exc:
        if "larger than" in exc.message:
            return JSONResponse({"detail": {"field": exc.field, "message": exc.message}}, status_code=413)
        raise
    run_id = state.imports.start(state.new_uow, state.clock, kind, path, user_id=user.id, login=user.login,
                                 region=state.settings.phone_region, mapping=mapping, dry_run=dry_run,
                                 filename=file.filename or "upload")
    if wait:
        state.imports.wait(run_id)
    run = runs.run_for(uow, state.clock, run_id, user)
    if not wait:
        return JSONResponse(_import_view(run), status_code=202)
    if run.status == "failed" and run.error_field:
        raise BadInput(run.error_field, run.error)
    return JSONResponse(_import_view(run), status_code=201 if run.status == "done" else 500)


@router.get("/imports", tags=["imports"], response_model=list[ImportOut])
def recent_imports(uow: SessionDep, clock: ClockDep, user: ApiDeskUser,
                   limit: Annotated[int, Query(ge=1, le=200)] = runs.RECENT) -> list[dict[str, object]]:
    """The newest imports started from the web desk or the API: the caller's own (an admin: everyone's)."""
    return [_import_view(run) for run in runs.recent_runs(uow, clock, user, limit)]


@router.get("/imports/{run_id}", tags=["imports"], response_model=ImportOut)
def import_status(uow: SessionDep, clock: ClockDep, user: ApiDeskUser, run_id: RunId) -> dict[str, object]:
    """One import's progress, or its summary once ended; `interrupted` when its server stopped during it."""
    return _import_view(runs.run_for(uow, clock, run_id, user))


@router.get("/imports/{run_id}/rejects.csv", tags=["imports"], response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "The rows and values not taken"}})
def import_rejects(uow: SessionDep, clock: ClockDep, user: ApiDeskUser, run_id: RunId) -> Response:
    name, content = runs.rejects_of(uow, clock, run_id, user)
    return Response(content, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
