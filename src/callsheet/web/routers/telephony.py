"""The telephony provider's webhooks (/telephony/...): the bridge of a dial, its progress, inbound calls.

Every request must carry the provider's signature over CALLSHEET_PUBLIC_URL + path (+ query) and its
form: a missing or wrong one gets 403 and changes nothing. Without a provider set up, none exist (404).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from callsheet.domain.desks import CALL
from callsheet.domain.errors import Forbidden, NotFound
from callsheet.http.deps import DeskState, StateDep
from callsheet.services.accounts import desks as desks_service
from callsheet.services.calling import dialing
from callsheet.services.calling.telephony import Provider

router = APIRouter(prefix="/telephony")

SIGNATURE = "X-Twilio-Signature"


async def _signed(request: Request, state: DeskState) -> tuple[Provider, dict[str, str]]:
    provider = state.telephony
    if provider is None:
        raise NotFound("page", request.url.path)
    form = await request.form()
    params = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    url = state.settings.public_url.rstrip("/") + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    if not provider.genuine(url, params, request.headers.get(SIGNATURE, "")):
        raise Forbidden("the request's signature is missing or wrong")
    return provider, params


def _desk_called(state: DeskState, number: str) -> DeskState:
    """The desk an inbound call rings: the one whose own number was called, else the server's."""
    held = desks_service.desk_called(state.operator_uow(), number, state.settings.phone_region)
    return state.view(held.id if held else None)


def _desk_of_call(state: DeskState, call_id: str) -> DeskState:
    """The desk a call belongs to (desk_keys, kind "call"); a call no desk holds: the server's own."""
    held = desks_service.desk_holding(state.operator_uow(), CALL, call_id)
    return state.view(held.id if held else None)


def _progress(state: DeskState, call_id: str, reached: Any, duration: int | None, own_leg: bool = False) -> None:
    desk = _desk_of_call(state, call_id)
    dialing.progress(desk.uow(), desk.clock, call_id, reached, duration, own_leg)


def _answer(provider: Provider, body: str) -> Response:
    return Response(body, media_type=provider.media_type)


def _duration(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 9 else None


@router.post("/bridge")
async def bridge(request: Request, state: StateDep) -> Response:
    """The user's phone has answered: connect them to the callee the dial named, showing the number of
    the call's desk."""
    provider, params = await _signed(request, state)
    callee = request.query_params.get("to", "")
    desk = await run_in_threadpool(_desk_of_call, state, params.get("CallSid", ""))
    settings = desk.settings
    return _answer(provider, provider.bridge(callee, settings.twilio_from,
                                             dialing.webhook_url(settings, dialing.DIAL_ACTION),
                                             dialing.webhook_url(settings, dialing.STATUS)))


@router.post("/status")
async def status(request: Request, state: StateDep) -> Response:
    """A call's progress. The callee's (or forwarded) leg carries its parent's id; the user's own leg of
    an outbound call only tells whether they never picked up."""
    provider, params = await _signed(request, state)
    reached = provider.state_of(params.get("CallStatus", ""))
    parent = params.get("ParentCallSid", "")
    call_id = parent or params.get("CallSid", "")
    if reached is not None and call_id:
        await run_in_threadpool(_progress, state, call_id, reached, _duration(params.get("CallDuration")),
                                not parent)
    return _answer(provider, provider.empty())


@router.post("/dial-action")
async def dial_action(request: Request, state: StateDep) -> Response:
    """The end of a <Dial>: how the bridged or forwarded call ended, and how long it lasted."""
    provider, params = await _signed(request, state)
    reached = provider.state_of(params.get("DialCallStatus", ""))
    call_id = params.get("CallSid", "")
    if reached is not None and call_id:
        await run_in_threadpool(_progress, state, call_id, reached, _duration(params.get("DialCallDuration")))
    return _answer(provider, provider.empty())


@router.post("/voice")
async def voice(request: Request, state: StateDep) -> Response:
    """An inbound call to a desk's number: pop the caller's card on the desk it rings (the desk whose own
    number was called, else the server's), and forward it."""
    provider, params = await _signed(request, state)
    desk = await run_in_threadpool(_desk_called, state, params.get("To", ""))
    settings = desk.settings
    phone = await run_in_threadpool(dialing.inbound, desk.uow(), desk.clock, settings,
                                    params.get("CallSid", ""), params.get("From", ""))
    if phone is None:
        return _answer(provider, provider.unanswered())
    return _answer(provider, provider.forward(phone, dialing.webhook_url(settings, dialing.DIAL_ACTION),
                                              dialing.webhook_url(settings, dialing.STATUS)))
