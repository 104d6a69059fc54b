"""Calls from the web desk: the Call button, logging a call from the card, and the desk's stream of
inbound calls (server-sent events, read from the database so any server of the desk can answer)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from callsheet.domain.bounds import ID_MAX, ID_MIN
from callsheet.services.calling.dialing import dial, pops
from callsheet.services.calling.log import LogRequest, Where, log_touch
from callsheet.web.deps import CsrfChecked, DeskUser, PathId, SessionDep, StateDep

router = APIRouter()

OptionalFormId = Annotated[int | None, Form(ge=ID_MIN, le=ID_MAX)]
#: How often the desk's stream looks for new inbound calls, and how long one stream lasts (the browser
#: reconnects by itself, with the last call it saw).
POLL_S = 1.0
STREAM_S = 300.0


def _card(person_id: int) -> RedirectResponse:
    return RedirectResponse(f"/people/{person_id}", status_code=303)


@router.post("/people/{person_id}/dial", dependencies=[CsrfChecked])
def dial_person(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
                job_id: OptionalFormId = None, phone: Annotated[str, Form()] = "") -> Response:
    # The policy is asked inside: a refusal is 409 with its reason, and nothing is sent.
    dial(uow, state.clock, state.settings, state.telephony, user, person_id, job_id, phone or None)
    return _card(person_id)


@router.post("/people/{person_id}/log-call", dependencies=[CsrfChecked])
def log_call(state: StateDep, uow: SessionDep, user: DeskUser, person_id: PathId,
             outcome: Annotated[str, Form()], job_id: OptionalFormId = None,
             phone: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "",
             duration_s: Annotated[int | None, Form(ge=0, le=86_400)] = None,
             settles: OptionalFormId = None) -> Response:
    """A call's outcome from the card: the one-click outcome of a call placed through the provider (its
    touch settled), or a call dialled by hand with a tel: link (a new touch, its duration filled in)."""
    request = LogRequest(person_id=person_id, outcome=outcome, job_id=job_id, phone=phone or None, note=note,
                         duration_s=duration_s, settles=settles)
    log_touch(uow, state.clock, request, user, Where.of(state.settings))
    return _card(person_id)


@router.get("/desk/events")
async def desk_events(request: Request, state: StateDep, user: DeskUser) -> StreamingResponse:
    """Inbound calls ringing this user, as they come: one `pop` event each."""
    try:
        after = int(request.headers.get("Last-Event-ID", "0"))
    except ValueError:
        after = 0

    async def stream() -> AsyncIterator[str]:
        last = after
        yield "retry: 2000\n\n"
        with anyio.move_on_after(STREAM_S):
            while not await request.is_disconnected():
                found = await run_in_threadpool(pops, state.uow(), user, last, state.settings, state.clock)
                for pop in found:
                    last = max(last, int(pop["id"]))
                    yield f"id: {pop['id']}\nevent: pop\ndata: {json.dumps(pop)}\n\n"
                await anyio.sleep(POLL_S)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
