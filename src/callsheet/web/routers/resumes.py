"""Résumés on the web desk: drop files on the import page or on a person's card; download them from the card."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.bounds import RESUME_MAX_BYTES
from callsheet.domain.errors import BadInput
from callsheet.services.imports.resumes import import_resumes
from callsheet.services.people.resumes import attach_resume, resume_file
from callsheet.web.deps import CsrfChecked, DeskUser, PathId, SessionDep, StateDep
from callsheet.web.templating import render

router = APIRouter()

Files = Annotated[list[UploadFile] | None, File()]


def _read(files: list[UploadFile] | None) -> list[tuple[str, bytes]]:
    chosen = [f for f in files or [] if f.filename]
    if not chosen:
        raise BadInput("files", "choose or drop at least one résumé file")
    return [(Path(f.filename or "resume").name, f.file.read(RESUME_MAX_BYTES + 1)) for f in chosen]


#: What an upload did travels to the page it redirects to in a signed cookie of that page's path, read
#: once: a reload shows the page again and sends no file twice. A large drop shows its first files.
DONE_COOKIE = "callsheet_resumes_done"
DONE_SECONDS = 300
DONE_FILES = 25


@router.post("/import/resumes", dependencies=[CsrfChecked])
def import_dropped(state: StateDep, uow: SessionDep, user: DeskUser, files: Files = None) -> Response:
    read = _read(files)
    with tempfile.TemporaryDirectory() as folder:  # each file's outcome and reason is on the page itself
        summary = import_resumes(uow, state.clock, read, user_login=user.login,
                                 rejects=Path(folder) / "resumes.rejects.csv", region=state.settings.phone_region)
    view = summary.view()
    shown = [{**f, "proposed": {k: f["proposed"][k] for k in ("name", "skills") if k in (f["proposed"] or {})}}
             for f in view["files"][:DONE_FILES]]
    done = {**view, "rejects_file": None, "files": shown, "more": max(0, len(view["files"]) - DONE_FILES),
            "user": user.id}
    response = RedirectResponse("/import/resumes", status_code=303)
    response.set_cookie(DONE_COOKIE, state.signer.dump_note(json.dumps(done)), max_age=DONE_SECONDS,
                        path="/import/resumes", httponly=True, samesite="lax", secure=state.settings.cookie_secure)
    return response


@router.get("/import/resumes")
def imported(request: Request, state: StateDep, user: DeskUser) -> Response:
    note = state.signer.load_note(request.cookies.get(DONE_COOKIE), DONE_SECONDS)
    done = json.loads(note) if note else None
    if not done or done.get("user") != user.id:
        return RedirectResponse("/import", status_code=303)
    response = render(request, "import_resumes.html", {"summary": done})
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(DONE_COOKIE, path="/import/resumes")
    return response


@router.post("/people/{person_id}/resumes", dependencies=[CsrfChecked])
def attach_dropped(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
                   files: Files = None) -> Response:
    for name, data in _read(files):
        attach_resume(uow, state.clock, person_id, name, data, user_login=user.login,
                      region=state.settings.phone_region)
    return RedirectResponse(f"/people/{person_id}#resumes", status_code=303)


@router.get("/people/{person_id}/resumes/{resume_id}")
def download(uow: SessionDep, user: DeskUser, person_id: PathId, resume_id: PathId) -> Response:
    found = resume_file(uow, person_id, resume_id)
    disposition = f"attachment; filename*=UTF-8''{quote(found.name)}"
    return Response(found.data, media_type=found.content_type, headers={"Content-Disposition": disposition})
