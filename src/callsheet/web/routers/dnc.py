"""The do-not-call lists page (admins): the lists in force, a list (or its new version) uploaded under
its name, a list removed. The numbers of every list are never dialled, whoever holds them."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.users import User
from callsheet.services.accounts.access import require_admin
from callsheet.services.numbers.lists import import_list, lists, remove, show
from callsheet.web.deps import CsrfChecked, DeskUser, SessionDep, StateDep
from callsheet.web.templating import render
from callsheet.web.wording import for_page

router = APIRouter()


def _page(request: Request, uow: SessionDep, user: User, status_code: int = 200, **context: Any) -> Response:
    require_admin(user, "manage do-not-call lists")
    return render(request, "dnc_lists.html", {"lists": lists(uow), "source": "", "error": "", "done": None,
                                              **context}, status_code=status_code)


@router.get("/dnc-lists")
def lists_page(request: Request, uow: SessionDep, user: DeskUser, imported: str = "") -> Response:
    """The lists; after an upload (`?imported=NAME`), what its last version did, from the list's audit."""
    return _page(request, uow, user, done=_last_import(uow, imported) if imported else None)


def _last_import(uow: SessionDep, name: str) -> dict[str, Any] | None:
    try:
        audit = [e for e in show(uow, name)["audit"] if e["action"] == "import"]
    except (BadInput, NotFound):  # a name edited in the address: nothing to tell
        return None
    if not audit:
        return None
    last = audit[-1]
    return {"source": name, "listed": last["listed"], "added": last["added"], "released": last["released"],
            "kept": last["listed"] - last["added"], "rejected": last["rejected"], "replaced": len(audit) > 1}


@router.post("/dnc-lists", dependencies=[CsrfChecked])
def upload(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, source: Annotated[str, Form()] = "",
           file: Annotated[UploadFile | None, File()] = None) -> Response:
    require_admin(user, "manage do-not-call lists")
    try:
        if file is None or not file.filename:
            raise BadInput("file", "choose a file to upload")
        path = state.imports.save(file.file, file.filename)
        done = import_list(uow, state.clock, path, source, user.login, state.settings.phone_region)
    except BadInput as exc:
        return _page(request, uow, user, 413 if "larger than" in exc.message else 422, source=source,
                     error=for_page(exc.field, exc.message))
    # Answered with the page's address, so a reload sends no second upload.
    return RedirectResponse(f"/dnc-lists?imported={quote(done.source)}", status_code=303)


@router.post("/dnc-lists/remove", dependencies=[CsrfChecked])
def remove_list(state: StateDep, uow: SessionDep, user: DeskUser, name: Annotated[str, Form()] = "") -> Response:
    remove(uow, state.clock, name, user.login)  # admins only: the service says so, and audits it
    return RedirectResponse("/dnc-lists", status_code=303)
