"""Logging what happened on a call: each outcome acts at its own scope (number, job or person)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from callsheet.clock import Clock, zone
from callsheet.domain.bounds import check_id, check_optional_id, check_texts, check_touch_moment
from callsheet.domain.errors import BadInput, NoteSuggests, NotFound
from callsheet.domain.model import (
    CLOSED_STAGES,
    Callee,
    Candidacy,
    Person,
    PhoneStatus,
    Stage,
    Suppression,
    SuppressionEvent,
    callee_zone,
)
from callsheet.domain.notes import weaker_than_note
from callsheet.domain.outcomes import SCOPE, DeclineReason, Outcome, Scope, Touch, TouchKind
from callsheet.domain.scripts import check_rung
from callsheet.domain.users import User
from callsheet.services.accounts.access import DeskToken, desk_holder
from callsheet.services.accounts.acting import acting_user
from callsheet.services.accounts.tokens import hash_token, note_use
from callsheet.services.calling.policy import pick_phone
from callsheet.services.people import records as people_service
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

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
    #: A time without an offset is in the callee's zone, as they said it on the phone.
    callback_at: datetime | None = None
    referral_name: str = ""
    referral_phone: str = ""
    #: When it happened (default: now); a time without an offset is in the desk's zone.
    at: datetime | None = None
    kind: str = ""
    rung: str = ""
    duration_s: int | None = None
    direction: str = "out"
    extra_outcomes: list[str] = field(default_factory=list)
    #: The touch of a call placed through the provider that this outcome settles (no new touch is written).
    settles: int | None = None
    #: Log the outcome as given even when the note says the person died or asked never to be called.
    keep_outcome: bool = False


_NAMES = {kind: {m.value: None for m in kind} for kind in (Outcome, DeclineReason, TouchKind)}


def _choice(field_name: str, value: str, allowed: type[Outcome] | type[DeclineReason] | type[TouchKind]) -> str:
    names = _NAMES[allowed]
    if value not in names:
        raise BadInput(field_name, f"{value!r} is not one of: {', '.join(names)}")
    return value


def check_request(req: LogRequest, now: datetime) -> tuple[Outcome, datetime]:
    """What can be said of a request without reading the store: its outcome and its moment, or BadInput."""
    outcome = Outcome(_choice("outcome", req.outcome.strip().lower(), Outcome))
    at = check_touch_moment("at", req.at or now, now)
    check_texts(vars(req), long=("note",))
    check_id("person", req.person_id)
    check_optional_id("job", req.job_id)
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
    suggested = None if req.keep_outcome else weaker_than_note(outcome, req.note)
    if suggested is not None:  # a death or an opt-out typed after a weaker outcome: asked before anything is stored
        raise NoteSuggests(outcome.value, suggested.value)
    return outcome, at


def _candidacy_for(uow: UnitOfWork, person_id: int, job_id: int | None, outcome: Outcome) -> Candidacy | None:
    if job_id is not None:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        found: Candidacy | None = uow.jobs.candidacy(job_id, person_id)
        return found
    if SCOPE[outcome] is Scope.CANDIDACY:
        open_ones: list[Candidacy] = [c for c in uow.jobs.candidacies_of(person_id) if c.stage not in CLOSED_STAGES]
        if len(open_ones) == 1:
            return open_ones[0]
        raise BadInput("job", f"'{outcome.value}' is about a job: give --job (the person is in "
                              f"{len(open_ones)} open pipelines)")
    return None


Acting = str | User | DeskToken


@dataclass(frozen=True)
class Where:
    """What the desk knows that a request's times need: a time without an offset is in the desk's zone
    (`at`) or in the callee's (`callback_at`), and a number without a country code in the desk's region."""

    zone: str = "UTC"
    region: str = "US"

    @classmethod
    def of(cls, settings: Settings) -> Where:
        return cls(settings.timezone, settings.phone_region)


@dataclass(frozen=True)
class _Plan:
    """Everything a touch will write, decided from what was read: the touch, and what its outcome moves."""

    touch: Touch
    user: User
    referral: Person | None
    stage: tuple[Candidacy, Stage] | None
    mark: Suppression | None
    now: datetime
    settles: int | None = None

    @property
    def touch_only(self) -> bool:
        return (self.referral is None and self.stage is None and self.mark is None
                and self.touch.outcome is not Outcome.WRONG_NUMBER)


def log_touch(uow: UnitOfWork, clock: Clock, req: LogRequest, acting: Acting, where: Where | None = None) -> Touch:
    """Record one touch and apply its outcome at the right scope; all or nothing. The one way every
    entrypoint writes a touch.

    `acting` is a login (created as a recruiter the first time it acts), a user the caller has
    already checked (the web desk's), or an API token checked here. Returns the touch as stored.
    """
    where = where or Where()
    if not isinstance(acting, str):  # a login may be added as it first acts: a write of its own
        with uow.one_statement():
            plan = _plan(uow, clock, req, acting, where)
            if plan.touch_only:
                # Most touches write nothing but themselves: one statement, atomic by itself, after
                # reads that see what a transaction would (READ COMMITTED): no BEGIN and COMMIT.
                return _write(uow, plan)
    with uow:  # the outcome moves more than the touch: checked again, and written, in one transaction
        return _write(uow, _plan(uow, clock, req, acting, where))


def record_touch(uow: UnitOfWork, clock: Clock, req: LogRequest, acting: Acting, where: Where | None = None) -> int:
    """`log_touch` inside a unit of work the caller has opened (so it can add to the same transaction)."""
    touch_id = _write(uow, _plan(uow, clock, req, acting, where or Where())).id
    assert touch_id is not None
    return touch_id


def _plan(uow: UnitOfWork, clock: Clock, req: LogRequest, acting: Acting, where: Where) -> _Plan:
    now = clock.now()
    person: Callee | None = None
    by_token = isinstance(acting, DeskToken)
    if isinstance(acting, DeskToken):  # the token's holder and the callee in one round trip
        person, holder = uow.people.callee_and_holder(req.person_id, hash_token(acting.token))
        user = desk_holder(holder.user if holder else None)  # first: a caller who may not ask hears nothing
        if holder is not None:  # a write only when the token's last noted use is a minute old
            note_use(uow, holder, now)
    else:
        user = _acting_user(uow, clock, acting)  # first: nothing is read for a caller who may not ask
    req = _in_zones(uow, req, where)
    outcome, at = check_request(req, now)
    referral = None
    if req.referral_name.strip():
        referral = people_service.build_person(
            people_service.NewPerson(name=req.referral_name, phones=[req.referral_phone]), where.region)
    if not by_token:  # not `get`: logging needs only phones and suppression
        person = uow.people.callee(req.person_id)
    if person is None:
        raise NotFound("person", req.person_id)
    candidacy = _candidacy_for(uow, person.id, req.job_id, outcome)
    phone = _phone_for(person, req.phone, where.region)
    if outcome is Outcome.WRONG_NUMBER and not phone:
        raise BadInput("phone", "which number was wrong? give --phone")
    touch = Touch(person_id=person.id, at=at, outcome=outcome, kind=TouchKind.for_outcome(outcome, req.kind),
                  job_id=candidacy.job_id if candidacy else req.job_id, phone=phone, direction=req.direction,
                  duration_s=req.duration_s, reason=req.reason, notes=req.note.strip(), rung=req.rung,
                  callback_at=req.callback_at, user=user.display)
    mark = PERSON_MARKS.get(outcome) if person.suppression is Suppression.NONE else None
    held_for = person.suppression if person.suppression is not Suppression.NONE else None
    # A marked person's pipelines stay as they are, whatever is logged; only an admin's lift reopens them.
    # The touch is still recorded (what happened is history), and the result says the pipeline was held.
    stage = None if held_for is not None or mark is not None else _stage_after(candidacy, outcome)
    if held_for is not None:
        touch = replace(touch, pipeline_held_for=held_for.value)
    return _Plan(touch, user, referral, (candidacy, stage) if candidacy and stage else None, mark, now, req.settles)


def _in_zones(uow: UnitOfWork, req: LogRequest, where: Where) -> LogRequest:
    """The request with its times made aware: `at` in the desk's zone, a callback in the callee's."""
    at, callback_at = req.at, req.callback_at
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=zone(where.zone))
    if callback_at is not None and callback_at.tzinfo is None:
        person = uow.people.get(req.person_id)
        if person is None:
            raise NotFound("person", req.person_id)
        callback_at = callback_at.replace(tzinfo=zone(callee_zone(person.timezone, person.phones, where.zone)))
    return req if (at, callback_at) == (req.at, req.callback_at) else replace(req, at=at, callback_at=callback_at)


def _stage_after(candidacy: Candidacy | None, outcome: Outcome) -> Stage | None:
    if candidacy is None:
        return None
    stage = STAGE_AFTER.get(outcome)
    if stage is None and candidacy.stage is Stage.SOURCED:
        stage = Stage.CONTACTED
    if stage is Stage.INTERESTED and candidacy.stage in ADVANCED:
        return None  # "interested" never moves a submitted candidate back
    return stage


def _write(uow: UnitOfWork, plan: _Plan) -> Touch:
    touch, user, now = plan.touch, plan.user, plan.now
    if plan.referral is not None:
        plan.referral.referred_by_id = touch.person_id
        people_service.store_person(uow, plan.referral, now)  # the one write of a new person: it sees marked numbers
        referral_id = plan.referral.id or 0
        if touch.job_id is not None:
            uow.jobs.add_candidacy(Candidacy(job_id=touch.job_id, person_id=referral_id), now)
        touch = replace(touch, referral_person_id=referral_id)
    if plan.settles is not None:
        if not uow.touches.replace(plan.settles, touch):
            raise NotFound("call's touch", plan.settles)
        touch_id = plan.settles
    else:
        touch_id = uow.touches.add(touch, user.id, now)
    if touch.outcome is Outcome.WRONG_NUMBER:
        uow.people.set_phone_status(touch.person_id, touch.phone, PhoneStatus.WRONG_NUMBER, now)
    if plan.stage is not None:
        candidacy, stage = plan.stage
        uow.jobs.set_stage(candidacy.job_id, candidacy.person_id, stage, now)
    if plan.mark is not None:
        suppress(uow, touch.person_id, plan.mark, touch.notes or _default_reason(touch.outcome), user.id,
                 user.display, touch.at)
    # The touch as the store gives it back (times in UTC, the user's name), without reading it again.
    return replace(touch, id=touch_id, at=touch.at.astimezone(UTC), user=user.name,
                   callback_at=touch.callback_at.astimezone(UTC) if touch.callback_at else None)


def _acting_user(uow: UnitOfWork, clock: Clock, acting: str | User) -> User:
    return acting if isinstance(acting, User) else acting_user(uow, clock, acting)


def _default_reason(outcome: Outcome) -> str:
    return "Asked never to be called again" if outcome is Outcome.DO_NOT_CALL else "Passed away"


def _phone_for(person: Callee, raw: str | None, region: str) -> str:
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
