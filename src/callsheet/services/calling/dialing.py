"""Click-to-call that logs itself: dial through a provider, follow its callbacks, take inbound calls.

A dial asks the contact policy first (`decide`, loaded as of now); a refusal sends nothing. An accepted
dial writes a pending touch through the one touch write path (`record_touch`), keyed by the provider's
call id. Callbacks move the call forward only (domain/calls.RANK) in one guarded UPDATE each, so
repeated or late deliveries never double a touch nor move it back.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

from callsheet.clock import Clock
from callsheet.domain.calls import AUTOMATIC, MISSED, OUTCOME_OF, RANK, CallState
from callsheet.domain.errors import BadInput, DialRefused, NotFound
from callsheet.domain.model import CLOSED_STAGES, PhoneStatus
from callsheet.domain.outcomes import Outcome
from callsheet.domain.policy import decide
from callsheet.domain.users import User
from callsheet.lookup.phones import try_normalize
from callsheet.services.accounts.acting import acting_user
from callsheet.services.calling.log import LogRequest, Where, record_touch
from callsheet.services.calling.policy import as_of, pick_phone, policy_settings
from callsheet.services.calling.telephony import Telephony
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

#: Where the provider's webhooks live under the desk's public address.
BRIDGE, STATUS = "/telephony/bridge", "/telephony/status"
DIAL_ACTION, VOICE = "/telephony/dial-action", "/telephony/voice"

#: How soon a missed inbound caller is due a call back.
CALL_BACK_AFTER = timedelta(minutes=1)


def webhook_url(settings: Settings, path: str) -> str:
    return settings.public_url.rstrip("/") + path


def dial(uow: UnitOfWork, clock: Clock, settings: Settings, telephony: Telephony | None, user: User,
         person_id: int, job_id: int | None = None, phone: str | None = None) -> dict[str, Any]:
    """Place a call from the user's phone to the person, if the policy allows it at this moment."""
    if telephony is None:
        raise BadInput("telephony", "no telephony provider is set up (see docs/telephony.md); dial by hand")
    if not user.phone:
        raise BadInput("phone", f"{user.login} has no phone of their own to ring first: "
                                f"callsheet user add {user.login} --role {user.role} --phone NUMBER")
    now = clock.now()
    with uow.reading():
        person, history, marks = as_of(uow, person_id, now)
        if job_id is not None and uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
    chosen = pick_phone(person, phone, settings.phone_region)
    if chosen is None:
        chosen = next((p for p in person.phones if p.status is PhoneStatus.OK), None)
        if chosen is None:
            raise DialRefused(f"{person.name} has no number that may be dialled")
    decision = decide(person, chosen, history, now, policy_settings(settings, now.year), job_id, marks)
    if not decision.callable:
        raise DialRefused("; ".join(decision.reasons) or "the contact policy says not now")
    twiml_url = webhook_url(settings, f"{BRIDGE}?to={quote(chosen.e164)}")
    try:
        call_id = telephony.place_call(user.phone, chosen.e164, settings.twilio_from, twiml_url,
                                       webhook_url(settings, STATUS))
    except Exception as exc:  # noqa: BLE001 - the provider's own failure, said plainly; nothing is stored
        raise DialRefused(f"the telephony provider did not place the call: {exc}") from None
    assert person.id is not None
    request = LogRequest(person_id=person.id, outcome=OUTCOME_OF[CallState.PLACED].value, job_id=job_id,
                         phone=chosen.e164, kind="call", direction="out")
    with uow:
        touch_id = record_touch(uow, clock, request, user, Where.of(settings))
        uow.calls.add(call_id, direction="out", state=CallState.PLACED.value, rank=RANK[CallState.PLACED],
                      now=now, touch_id=touch_id, person_id=person.id, user_id=user.id, phone=chosen.e164,
                      job_id=job_id)
    return {"call_id": call_id, "touch_id": touch_id, "person_id": person.id, "phone": chosen.e164,
            "job_id": job_id, "state": CallState.PLACED.value}


def dial_as(uow: UnitOfWork, clock: Clock, settings: Settings, telephony: Telephony | None, login: str,
            person_id: int, job_id: int | None = None, phone: str | None = None) -> dict[str, Any]:
    """`dial` for a login (the command line's user)."""
    with uow:
        user = acting_user(uow, clock, login)
    return dial(uow, clock, settings, telephony, user, person_id, job_id, phone)


def progress(uow: UnitOfWork, clock: Clock, call_id: str, state: CallState, duration_s: int | None = None,
             settles_only_if_missed: bool = False) -> bool:
    """A provider's report of a call's progress; True if it moved the call. The user's own leg of an
    outbound call (`settles_only_if_missed`) only tells when the user never picked up."""
    if (settles_only_if_missed and state not in MISSED) or len(call_id) > 64:
        return False
    with uow.reading():  # most repeats and late reports end here, without waiting to write
        known = uow.calls.progress_of(call_id)
    if known is None:
        return False
    rank, known_state, known_duration = known
    fills_duration = duration_s is not None and known_duration is None and known_state == state.value
    if rank >= RANK[state] and not fills_duration:
        return False
    now = clock.now()
    with uow:
        moved = uow.calls.advance(call_id, state.value, RANK[state], duration_s, now)
        if moved is None:
            return False
        reached = CallState(moved.state)
        if moved.touch_id is not None:
            uow.touches.settle(moved.touch_id, OUTCOME_OF[reached], moved.duration_s, AUTOMATIC)
        elif moved.direction == "in" and moved.person_id is not None and moved.user_id is not None:
            _inbound_touch(uow, clock, moved, reached)
    return True


def _inbound_touch(uow: UnitOfWork, clock: Clock, call: Any, state: CallState) -> None:
    """An inbound call answered is a touch to settle; one missed is a callback owed (when there is a job
    to call back about), else a note of the missed call."""
    user = uow.users.get(call.user_id)
    request = LogRequest(person_id=call.person_id, outcome=Outcome.CONNECTED.value, phone=call.phone or None,
                         direction="in", duration_s=call.duration_s)
    if state in MISSED:
        open_jobs = [c.job_id for c in uow.jobs.candidacies_of(call.person_id) if c.stage not in CLOSED_STAGES]
        note = "Missed call: they called us"
        if open_jobs:
            request = LogRequest(person_id=call.person_id, outcome=Outcome.CALLBACK.value, job_id=open_jobs[0],
                                 phone=call.phone or None, direction="in", note=note,
                                 callback_at=clock.now() + CALL_BACK_AFTER)
        else:
            request = LogRequest(person_id=call.person_id, outcome=Outcome.NO_ANSWER.value,
                                 phone=call.phone or None, direction="in", note=note)
    elif state is not CallState.ANSWERED and state is not CallState.COMPLETED:
        return
    touch_id = record_touch(uow, clock, request, user, Where())
    uow.calls.set_touch_once(call.id, touch_id)


def inbound(uow: UnitOfWork, clock: Clock, settings: Settings, call_id: str, caller: str) -> str | None:
    """An inbound call to the desk's number: who is calling, and whose phone rings (None: nobody's).
    The call is stored ringing that user, which pops the caller's card on their desk."""
    if not call_id.strip() or len(call_id) > 64:
        raise BadInput("CallSid", "an inbound call needs the provider's call id")
    e164 = try_normalize(caller, settings.phone_region) or caller.strip()[:20]
    now = clock.now()
    with uow:
        stored = uow.calls.get(call_id)
        if stored is None:
            ids = uow.people.ids_by_phone(e164) if e164 else []
            who = uow.calls.user_to_ring(ids)
            state = CallState.RINGING if who is not None else CallState.NO_ANSWER
            uow.calls.add(call_id, direction="in", state=state.value, rank=RANK[state], now=now,
                          person_id=ids[0] if ids else None, user_id=who.id if who else None, phone=e164)
            return str(who.phone) if who is not None else None
        user = uow.users.get(stored.user_id) if stored.user_id is not None else None
        return user.phone if user is not None and user.phone else None


def pops(uow: UnitOfWork, user: User, after_id: int, settings: Settings, clock: Clock) -> list[dict[str, Any]]:
    """Inbound calls ringing this user since `after_id` (from a minute back on a first read), each with
    what the desk pops: who is calling, and whether they may be called back."""
    since = clock.now() - timedelta(minutes=1) if after_id == 0 else None
    found = []
    with uow.reading():
        for call in uow.calls.inbound_after(user.id, after_id, since):
            person = uow.people.get(call.person_id) if call.person_id is not None else None
            suppression = person.suppression.value if person is not None else "none"
            found.append({
                "id": call.id, "person_id": call.person_id, "phone": call.phone,
                "name": person.name if person is not None else "Unknown caller",
                "suppression": suppression,
                "warning": _warning(suppression),
            })
    return found


def _warning(suppression: str) -> str:
    if suppression == "do_not_call":
        return "Do not call: they asked never to be called. They may call us; we never call them."
    if suppression == "deceased":
        return "Deceased: this number belonged to someone who has died. Never call it back."
    if suppression == "erased":
        return "Erased at their request: never call back."
    return ""


def call_view(uow: UnitOfWork, person_id: int) -> dict[str, Any] | None:
    """The person's newest call through the provider: what the card offers to settle."""
    with uow.reading():
        row = uow.calls.latest_for_person(person_id)
    if row is None:
        return None
    return {"call_id": row.provider_call_id, "state": row.state, "duration_s": row.duration_s,
            "touch_id": row.touch_id, "outcome": row.outcome, "direction": row.direction,
            "settled": row.outcome is not None and Outcome(row.outcome) not in AUTOMATIC}
