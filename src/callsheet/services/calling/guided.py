"""The guided call: everything to show before dialling, and which follow-up questions each outcome needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from callsheet.clock import Clock
from callsheet.domain import model
from callsheet.domain.errors import NotFound
from callsheet.domain.model import CLOSED_STAGES, Phone
from callsheet.domain.outcomes import Outcome
from callsheet.domain.policy import Decision
from callsheet.domain.scripts import CallKind, check_kind
from callsheet.services.accounts.acting import acting_user
from callsheet.services.calling.lookup import memory
from callsheet.services.calling.policy import why
from callsheet.services.scripts.catalog import default_kind, scripts_for_call
from callsheet.services.unit import UnitOfWork
from callsheet.settings import Settings

#: One key per outcome, as typed at the prompt.
KEYS: dict[str, Outcome] = {
    "n": Outcome.NO_ANSWER, "b": Outcome.BUSY, "v": Outcome.VOICEMAIL, "w": Outcome.WRONG_NUMBER,
    "s": Outcome.CONNECTED, "i": Outcome.INTERESTED, "d": Outcome.DECLINED, "c": Outcome.CALLBACK,
    "r": Outcome.REFERRAL, "h": Outcome.HUNG_UP, "x": Outcome.DO_NOT_CALL, "z": Outcome.DECEASED,
}
LABELS: dict[Outcome, str] = {
    Outcome.NO_ANSWER: "no answer", Outcome.BUSY: "busy", Outcome.VOICEMAIL: "left a voicemail",
    Outcome.WRONG_NUMBER: "wrong number", Outcome.CONNECTED: "spoke, nothing decided",
    Outcome.INTERESTED: "interested", Outcome.DECLINED: "declined", Outcome.CALLBACK: "call back later",
    Outcome.REFERRAL: "gave a referral", Outcome.HUNG_UP: "hung up", Outcome.DO_NOT_CALL: "never call again",
    Outcome.DECEASED: "deceased",
}

#: The follow-up questions each outcome needs, in the order they are asked; nothing else is asked.
QUESTIONS: dict[Outcome, tuple[str, ...]] = {
    Outcome.NO_ANSWER: (), Outcome.BUSY: (), Outcome.VOICEMAIL: (),
    Outcome.WRONG_NUMBER: ("phone",),
    Outcome.CONNECTED: ("rung", "notes"),
    Outcome.INTERESTED: ("job", "rung", "notes"),
    Outcome.DECLINED: ("job", "reason", "referral", "rung", "notes"),
    Outcome.CALLBACK: ("job", "callback_at", "rung", "notes"),
    Outcome.REFERRAL: ("job", "referral", "rung", "notes"),
    Outcome.HUNG_UP: ("notes",),
    Outcome.DO_NOT_CALL: ("notes",),
    Outcome.DECEASED: ("notes",),
}
#: The rung offered first when an outcome implies one.
SUGGESTED_RUNG: dict[Outcome, str] = {Outcome.INTERESTED: "interested", Outcome.REFERRAL: "referral"}


@dataclass
class CallPlan:
    card: dict[str, Any]
    decision: Decision
    kind: CallKind
    job_id: int | None
    local_time: str
    refusal: str | None = None
    #: The number to dial: the first that is in service and not marked (None when there is none).
    dial: str | None = None
    script: dict[str, Any] | None = None
    open_jobs: list[int] = field(default_factory=list)


def callee_zone(card: dict[str, Any], desk_zone: str) -> str:
    """The callee's zone, by the one rule (domain.model.callee_zone), for a person's card."""
    phones = [Phone(ph["e164"], timezones=tuple(ph["timezones"])) for ph in card["phone_details"]]
    return model.callee_zone(card.get("timezone") or "", phones, desk_zone)


def open_call(uow: UnitOfWork, clock: Clock, settings: Settings, login: str, person_id: int,
              job_id: int | None = None, kind_text: str | None = None) -> CallPlan:
    """Card, policy and script for one call; a suppressed person gets a refusal and no script."""
    from callsheet.services.people.cards import person_card

    card = person_card(uow, clock, person_id, settings)
    if job_id is not None and job_id not in {c["job_id"] for c in card["candidacies"]}:
        with uow:
            if uow.jobs.get(job_id) is None:
                raise NotFound("job", job_id)
    open_jobs = [c["job_id"] for c in card["candidacies"] if c["stage"] not in {s.value for s in CLOSED_STAGES}]
    if job_id is None and len(open_jobs) == 1:
        job_id = open_jobs[0]  # the only open pipeline is what the call is about
    now = clock.now()
    card["memory"] = memory(card, now)
    decision = why(uow, clock, settings, person_id, job_id)
    zone = callee_zone(card, settings.timezone)
    local_time = now.astimezone(ZoneInfo(zone)).strftime("%a %H:%M %Z") + f" ({zone})"
    with uow:
        seeker_desk = uow.seeker.plan(acting_user(uow, clock, login).id) is not None
        kind = check_kind(kind_text) if kind_text else default_kind(uow, person_id, job_id, seeker_desk)
    plan = CallPlan(card, decision, kind, job_id, local_time, open_jobs=open_jobs)
    if card["suppression"] != "none":
        plan.refusal = card.get("suppression_text") or f"Suppressed: {card['suppression']}"
        return plan
    marked = set(card.get("marked_numbers") or ())
    in_service = [p["e164"] for p in card["phone_details"] if p["status"] == "ok"]
    dialable = [e164 for e164 in in_service if e164 not in marked]
    if in_service and not dialable:  # every number they have is one nobody calls
        plan.refusal = "; ".join(decision.reasons) or "Every number of theirs is marked — never called"
        return plan
    plan.dial = dialable[0] if dialable else None
    plan.script = scripts_for_call(uow, clock, settings, login, kind, person_id, job_id)
    return plan


def parse_key(text: str) -> Outcome | None:
    """The outcome for a key (or an outcome's name), else None.

    >>> parse_key(" D "), parse_key("voicemail"), parse_key("q")
    (<Outcome.DECLINED: 'declined'>, <Outcome.VOICEMAIL: 'voicemail'>, None)
    """
    value = text.strip().lower()
    if value in KEYS:
        return KEYS[value]
    return Outcome(value) if value in {o.value for o in KEYS.values()} else None

