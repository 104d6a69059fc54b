"""The import page: upload a LinkedIn, vCard or CSV file, watch it run, read the summary, fetch the rejects;
recent runs listed below the form. Runs are read from the store, so any server of the desk shows them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.errors import BadInput
from callsheet.domain.model import Role
from callsheet.domain.users import User
from callsheet.services.imports import runs
from callsheet.services.imports.files import KINDS
from callsheet.services.imports.uploads import column_map
from callsheet.web.deps import ClockDep, CsrfChecked, DeskUser, SessionDep, StateDep
from callsheet.web.templating import render
from callsheet.web.wording import for_page

router = APIRouter()

KIND_LABELS = {"linkedin": "LinkedIn connections (Connections.csv)", "vcard": "vCard contacts (.vcf)",
               "csv": "Spreadsheet (.csv)"}


def _form_page(request: Request, uow: SessionDep, clock: ClockDep, user: User, form: dict[str, object],
               error: str = "", status_code: int = 200) -> Response:
    return render(request, "import.html", {
        "kinds": KIND_LABELS, "form": form, "error": error, "runs": runs.recent_runs(uow, clock, user),
        "show_who": user.role == Role.ADMIN.value}, status_code=status_code)


@router.get("/import")
def import_page(request: Request, uow: SessionDep, clock: ClockDep, user: DeskUser) -> Response:
    return _form_page(request, uow, clock, user, {"kind": "csv"})


@router.post("/import", dependencies=[CsrfChecked])
def upload(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, kind: Annotated[str, Form()] = "",
           file: Annotated[UploadFile | None, File()] = None, column_map_text: Annotated[str, Form()] = "",
           dry_run: Annotated[bool, Form()] = False) -> Response:
    form = {"kind": kind, "map": column_map_text, "dry_run": dry_run}
    try:
        if kind not in KINDS:
            raise BadInput("kind", "choose what kind of file this is: LinkedIn, vCard or spreadsheet")
        if file is None or not file.filename:
            raise BadInput("file", "choose a file to upload")
        mapping = column_map(kind, column_map_text.splitlines())
        path = state.imports.save(file.file, file.filename)
        run_id = state.imports.start(state.new_uow, state.clock, kind, path, user_id=user.id, login=user.login,
                                     region=state.settings.phone_region, mapping=mapping, dry_run=dry_run,
                                     filename=file.filename)
    except BadInput as exc:
        return _form_page(request, uow, state.clock, user, form, for_page(exc.field, exc.message),
                          status_code=413 if "larger than" in exc.message else 422)
    return RedirectResponse(f"/import/{run_id}", status_code=303)


@router.get("/import/{run_id}")
def run_page(request: Request, uow: SessionDep, clock: ClockDep, user: DeskUser, run_id: str) -> Response:
    return render(request, "import_run.html", {"run": runs.run_for(uow, clock, run_id, user)})


@router.get("/import/{run_id}/progress")
def progress(request: Request, uow: SessionDep, clock: ClockDep, user: DeskUser, run_id: str) -> Response:
    """Polled by the page every half second while the import runs; the last answer is the summary."""
    return render(request, "_import_progress.html", {"run": runs.run_for(uow, clock, run_id, user)})


@router.get("/import/{run_id}/rejects.csv")
def rejects(uow: SessionDep, clock: ClockDep, user: DeskUser, run_id: str) -> Response:
    name, content = runs.rejects_of(uow, clock, run_id, user)
    return Response(content, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
