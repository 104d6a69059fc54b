"""The Rehearse page: practise a call with a simulated listener, one line at a time, then the scorecard.

Each line is posted with the lines before it and the seed, and the service replays the conversation, so
no rehearsal half-said is kept anywhere; ending it stores the rehearsal as practice.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from callsheet.domain.bounds import ID_MAX, ID_MIN, check_id
from callsheet.domain.errors import BadInput
from callsheet.domain.scripts import KIND_TITLES, CallKind
from callsheet.services.scripts.rehearse import LINE_MAX, keep, prepare, show, turn_view
from callsheet.web.deps import CsrfChecked, DeskUser, PathId, SessionDep, StateDep
from callsheet.web.templating import render

router = APIRouter()

OptionalId = Annotated[int | None, Query(ge=ID_MIN, le=ID_MAX)]
Line = Annotated[str, Form(max_length=LINE_MAX)]
Said = Annotated[list[str], Form()]
Seed = Annotated[int, Form(ge=0, le=ID_MAX)]
KINDS = [{"kind": k.value, "title": t} for k, t in KIND_TITLES.items()]


@router.get("/rehearse")
def rehearse_page(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, person: OptionalId = None,
                  job: OptionalId = None, kind: str = CallKind.RECRUITER_COLD.value,
                  seed: Annotated[int | None, Query(ge=0, le=ID_MAX)] = None) -> Response:
    if person is None:  # ask whom to rehearse with
        return render(request, "rehearse.html", {"view": None, "kinds": KINDS, "kind": kind})
    prepared = prepare(uow, state.clock, state.settings, user.login, kind, person, job, seed)
    view = turn_view(prepared, prepared.replay([]))
    return render(request, "rehearse.html", {"view": view, "kinds": KINDS, "kind": prepared.kind.value})


@router.post("/rehearse/turn", dependencies=[CsrfChecked])
def rehearse_turn(request: Request, state: StateDep, uow: SessionDep, user: DeskUser, person: Annotated[
        int, Form(ge=ID_MIN, le=ID_MAX)], kind: Annotated[str, Form()], seed: Seed, line: Line = "",
        job: Annotated[str, Form()] = "", said: Said | None = None) -> Response:
    """One line said: the conversation so far and the listener's answer (answered in place by htmx)."""
    prepared = prepare(uow, state.clock, state.settings, user.login, kind, person, _job(job), seed)
    view = turn_view(prepared, prepared.replay([*(said or []), line]))
    return render(request, "_rehearsal.html", {"view": view})


@router.post("/rehearse", dependencies=[CsrfChecked])
def rehearse_end(state: StateDep, uow: SessionDep, user: DeskUser, person: Annotated[
        int, Form(ge=ID_MIN, le=ID_MAX)], kind: Annotated[str, Form()], seed: Seed,
        job: Annotated[str, Form()] = "", said: Said | None = None) -> Response:
    """End the rehearsal: keep it as practice and show its scorecard."""
    prepared = prepare(uow, state.clock, state.settings, user.login, kind, person, _job(job), seed)
    card = keep(uow, state.clock, user.login, prepared, prepared.replay(said or []))
    return RedirectResponse(f"/rehearsals/{card['id']}", status_code=303)


@router.get("/rehearsals/{rehearsal_id}")
def scorecard_page(request: Request, state: StateDep, uow: SessionDep, user: DeskUser,
                   rehearsal_id: PathId) -> Response:
    card = show(uow, state.clock, state.settings, user.login, rehearsal_id)
    return render(request, "rehearsal.html", {"card": card})


def _job(text: str) -> int | None:
    """The job field: empty for a call about no job, else an id (an empty field cannot be read as a number)."""
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise BadInput("job", f"{text!r} is not a job id")
    return check_id("job", int(text))
