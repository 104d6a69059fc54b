"""The import page: upload a LinkedIn, vCard or CSV file, watch it run, read the summary, fetch the rejects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response

from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Role
from callsheet.domain.users import User
from callsheet.services.imports.files import KINDS
from callsheet.services.imports.uploads import ImportRun, column_map
from callsheet.web.deps import CsrfChecked, DeskUser, StateDep
from callsheet.web.templating import render
from callsheet.web.wording import for_page

router = APIRouter()

KIND_LABELS = {"linkedin": "LinkedIn connections (Connections.csv)", "vcard": "vCard contacts (.vcf)",
               "csv": "Spreadsheet (.csv)"}


def _run_of(state: StateDep, user: User, run_id: str) -> ImportRun:
    return state.imports.get(run_id, user.id, admin=user.role == Role.ADMIN.value)


@router.get("/import")
def import_page(request: Request, user: DeskUser) -> Response:
    return render(request, "import.html", {"kinds": KIND_LABELS, "form": {"kind": "csv"}, "error": ""})


@router.post("/import", dependencies=[CsrfChecked])
def upload(request: Request, state: StateDep, user: DeskUser, kind: Annotated[str, Form()] = "",
           file: Annotated[UploadFile | None, File()] = None, column_map_text: Annotated[str, Form()] = "",
           dry_run: Annotated[bool, Form()] = False) -> Response:
    settings = state.settings
    form = {"kind": kind, "map": column_map_text, "dry_run": dry_run}
    try:
        if kind not in KINDS:
            raise BadInput("kind", "choose what kind of file this is: LinkedIn, vCard or spreadsheet")
        if file is None or not file.filename:
            raise BadInput("file", "choose a file to upload")
        mapping = column_map(kind, column_map_text.splitlines())
        path = state.imports.save(file.file, file.filename, settings.upload_max_mb << 20)
        run = state.imports.start(state.new_uow, state.clock, kind, path, user_id=user.id, login=user.login,
                                  region=settings.phone_region, mapping=mapping, dry_run=dry_run,
                                  filename=file.filename)
    except BadInput as exc:
        context = {"kinds": KIND_LABELS, "form": form, "error": for_page(exc.field, exc.message)}
        return render(request, "import.html", context, status_code=413 if "larger than" in exc.message else 422)
    return RedirectResponse(f"/import/{run.id}", status_code=303)


@router.get("/import/{run_id}")
def run_page(request: Request, state: StateDep, user: DeskUser, run_id: str) -> Response:
    return render(request, "import_run.html", {"run": _run_of(state, user, run_id)})


@router.get("/import/{run_id}/progress")
def progress(request: Request, state: StateDep, user: DeskUser, run_id: str) -> Response:
    """Polled by the page every half second while the import runs; the last answer is the summary."""
    return render(request, "_import_progress.html", {"run": _run_of(state, user, run_id)})


@router.get("/import/{run_id}/rejects.csv")
def rejects(state: StateDep, user: DeskUser, run_id: str) -> Response:
    run = _run_of(state, user, run_id)
    path = run.rejects
    if path is None:
        raise NotFound("rejects file of import", run_id)
    stem = run.filename.rsplit(".", 1)[0] or "import"
    return FileResponse(path, media_type="text/csv; charset=utf-8", filename=f"{stem}.rejects.csv")
