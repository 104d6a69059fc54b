"""Logging what happened on a call: each outcome acts at its own scope (number, job or person)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from callsheet.clock import Clock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import CLOSED_STAGES, Candidacy, PhoneStatus, Stage, Suppression
from callsheet.domain.outcomes import SCOPE, DeclineReason, Outcome, Scope, Touch, TouchKind
from callsheet.domain.scripts import check_rung
from callsheet.domain.users import User
from callsheet.services.accounts.access import DeskToken, desk_token_holder
from callsheet.services.accounts.acting import acting_user
from callsheet.services.people import records as people_service
from callsheet.store.people_repo import Callee
from callsheet.store.touches_repo import SuppressionEvent
from callsheet.store.uow import UnitOfWork

PERSON_MARKS = {Outcome.DO_NOT_CALL: Suppression.DO_NOT_CALL, Outcome.DECEASED: Suppression.DECEASED}
ADVANCED = frozenset({Stage.SUBMITTED, Stage.INTERVIEWING, Stage.OFFERED, Stage.PLACED})
STAGE_AFTER = {Outcome.INTERESTED: Stage.INTERESTED, Outcome.DECLINED: Stage.DECLINED}


@dataclass
class LogRequest:
    person_id: int
    outcome: str
    job_id: int | None = None
    phone: str | None = None
    reason: str = ""
    note: str = ""
    callback_at: datetime | None = None
    referral_name: str = ""
    referral_phone: str = ""
    at: datetime | None = None
    kind: str = ""
    rung: str = ""
    duration_s: int | None = None
    direction: str = "out"
    extra_outcomes: list[str] = field(default_factory=list)


def _choice(field_name: str, value: str, allowed: type[Outcome] | type[DeclineReason] | type[TouchKind]) -> str:
    names = [m.value for m in allowed]
    if value not in names:
        raise BadInput(field_name, f"{value!r} is not one of: {', '.join(names)}")
    return value


def check_request(req: LogRequest, now: datetime) -> tuple[Outcome, datetime]:
    """What can be said of a request without reading the store: its outcome and its moment, or BadInput."""
    outcome = Outcome(_choice("outcome", req.outcome.strip().lower(), Outcome))
    at = req.at or now
    if at > now:
        raise BadInput("at", "a touch cannot be logged in the future")
    if outcome is Outcome.DECLINED:
        if not req.reason:
            raise BadInput("reason", "a decline needs a reason: " + ", ".join(r.value for r in DeclineReason))
        _choice("reason", req.reason, DeclineReason)
    elif req.reason:
        _choice("reason", req.reason, DeclineReason)
    if outcome is Outcome.CALLBACK:
        if req.callback_at is None:
            raise BadInput("callback_at", "a callback needs the time the person asked for")
        if req.callback_at <= now:
            raise BadInput("callback_at", f"{req.callback_at.isoformat()} is in the past")
    wants_referral = outcome is Outcome.REFERRAL or req.referral_name or req.referral_phone
    if wants_referral and not (req.referral_name.strip() and req.referral_phone.strip()):
        raise BadInput("referral", "a referral needs the referred person's name and phone")
    if req.rung:
        req.rung = check_rung(req.rung)  # only rungs of the fallback ladders count as wins
    if req.kind:
        _choice("kind", req.kind, TouchKind)
    if req.direction not in ("out", "in"):
        raise BadInput("direction", "must be 'out' or 'in'")
    if req.duration_s is not None and req.duration_s < 0:
        raise BadInput("duration", "cannot be negative")
    return outcome, at


def _candidacy_for(uow: UnitOfWork, person_id: int, job_id: int | None, outcome: Outcome) -> Candidacy | None:
    if job_id is not None:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        return uow.jobs.candidacy(job_id, person_id)
    if SCOPE[outcome] is Scope.CANDIDACY:
        open_ones = [c for c in uow.jobs.candidacies_of(person_id) if c.stage not in CLOSED_STAGES]
        if len(open_ones) == 1:
            return open_ones[0]
        raise BadInput("job", f"'{outcome.value}' is about a job: give --job (the person is in "
                              f"{len(open_ones)} open pipelines)")
    return None


Acting = str | User | DeskToken


def log_touch(uow: UnitOfWork, clock: Clock, req: LogRequest, acting: Acting, region: str = "US") -> Touch:
    """Record one touch and apply its outcome at the right scope; all or nothing.

    `acting` is a login (created as a recruiter the first time it acts), a user the caller has
    already checked (the web desk's), or an API token checked here, in the same transaction.
    Returns the touch as stored.
    """
    with uow:
        return _record(uow, clock, req, acting, region)


def record_touch(uow: UnitOfWork, clock: Clock, req: LogRequest, acting: Acting, region: str = "US") -> int:
    """`log_touch` inside a unit of work the caller has opened (so it can add to the same transaction)."""
    touch_id = _record(uow, clock, req, acting, region).id
    assert touch_id is not None
    return touch_id


def _record(uow: UnitOfWork, clock: Clock, req: LogRequest, acting: Acting, region: str) -> Touch:
    now = clock.now()
    user = _acting_user(uow, clock, acting)  # first: nothing is read for a caller who may not ask
    outcome, at = check_request(req, now)
    referral = None
    if req.referral_name.strip():
        referral = people_service.build_person(
            people_service.NewPerson(name=req.referral_name, phones=[req.referral_phone]), region)
    person = uow.people.callee(req.person_id)  # not `get`: logging needs only phones and suppression
    if person is None:
        raise NotFound("person", req.person_id)
    candidacy = _candidacy_for(uow, person.id, req.job_id, outcome)
    job_id = candidacy.job_id if candidacy else req.job_id
    phone = _phone_for(person, req.phone, region)
    if outcome is Outcome.WRONG_NUMBER and not phone:
        raise BadInput("phone", "which number was wrong? give --phone")
    kind = TouchKind.for_outcome(outcome, req.kind)
    referral_id = None
    if referral is not None:
        referral.referred_by_id = person.id
        people_service.store_person(uow, referral, now)  # the one write of a new person: it sees marked numbers
        referral_id = referral.id or 0
        if job_id is not None:
            uow.jobs.add_candidacy(Candidacy(job_id=job_id, person_id=referral_id), now)
    touch = Touch(person_id=person.id, at=at, outcome=outcome, kind=kind, job_id=job_id, phone=phone,
                  direction=req.direction, duration_s=req.duration_s, reason=req.reason,
                  notes=req.note.strip(), rung=req.rung, callback_at=req.callback_at, user=user.display,
                  referral_person_id=referral_id)
    touch_id = uow.touches.add(touch, user.id, now)
    if outcome is Outcome.WRONG_NUMBER:
        uow.people.set_phone_status(person.id, phone, PhoneStatus.WRONG_NUMBER, now)
    if candidacy is not None:
        stage = STAGE_AFTER.get(outcome)
        if stage is None and candidacy.stage is Stage.SOURCED:
            stage = Stage.CONTACTED
        if stage is Stage.INTERESTED and candidacy.stage in ADVANCED:
            stage = None  # "interested" never moves a submitted candidate back
        if stage is not None:
            uow.jobs.set_stage(candidacy.job_id, candidacy.person_id, stage, now)
    mark = PERSON_MARKS.get(outcome)
    if mark is not None and person.suppression is Suppression.NONE:
        suppress(uow, person.id, mark, req.note.strip() or _default_reason(outcome), user.id,
                 user.display, at)
    # The touch as the store gives it back (times in UTC, the user's name), without reading it again.
    return replace(touch, id=touch_id, at=at.astimezone(UTC), user=user.name,
                   callback_at=req.callback_at.astimezone(UTC) if req.callback_at else None)


def _acting_user(uow: UnitOfWork, clock: Clock, acting: Acting) -> User:
    if isinstance(acting, User):
        return acting
    if isinstance(acting, DeskToken):
        return desk_token_holder(uow, acting)
    return acting_user(uow, clock, acting)


def _default_reason(outcome: Outcome) -> str:
    return "Asked never to be called again" if outcome is Outcome.DO_NOT_CALL else "Passed away"


def _phone_for(person: Callee, raw: str | None, region: str) -> str:
    from callsheet.services.calling.policy import pick_phone

    chosen = pick_phone(person, raw, region)
    if chosen is not None:
        return chosen.e164
    usable = [p for p in person.phones if p.status is PhoneStatus.OK]
    return usable[0].e164 if usable else ""


def suppress(uow: UnitOfWork, person_id: int, mark: Suppression, reason: str, user_id: int | None,
             user_name: str, at: datetime) -> None:
    """Set a person-wide suppression and audit it. It never comes back except by an admin's lift."""
    person = uow.people.get(person_id)
    assert person is not None
    person.suppression = mark
    person.suppressed_at = at
    person.suppressed_by = user_name
    person.suppression_reason = reason
    uow.people.update(person, at)
    uow.touches.add_suppression_event(SuppressionEvent(person_id, "set", mark.value, reason, user_name, at), user_id)
