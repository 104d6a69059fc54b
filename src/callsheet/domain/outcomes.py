"""Outcomes of a touch and the scope each acts at: one attempt, one number, one job, or the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "wrong_number"
    INTERESTED = "interested"
    DECLINED = "declined"
    CALLBACK = "callback"
    REFERRAL = "referral"
    HUNG_UP = "hung_up"
    DO_NOT_CALL = "do_not_call"
    DECEASED = "deceased"
    # Neutral outcomes for touches that reach someone without a decision yet.
    CONNECTED = "connected"
    SENT = "sent"


class Scope(StrEnum):
    ATTEMPT = "attempt"
    PHONE = "phone"
    CANDIDACY = "candidacy"
    PERSON = "person"


SCOPE: dict[Outcome, Scope] = {
    Outcome.NO_ANSWER: Scope.ATTEMPT,
    Outcome.BUSY: Scope.ATTEMPT,
    Outcome.VOICEMAIL: Scope.ATTEMPT,
    Outcome.CONNECTED: Scope.ATTEMPT,
    Outcome.SENT: Scope.ATTEMPT,
    Outcome.WRONG_NUMBER: Scope.PHONE,
    Outcome.INTERESTED: Scope.CANDIDACY,
    Outcome.DECLINED: Scope.CANDIDACY,
    Outcome.CALLBACK: Scope.CANDIDACY,
    Outcome.REFERRAL: Scope.CANDIDACY,
    Outcome.HUNG_UP: Scope.PERSON,
    Outcome.DO_NOT_CALL: Scope.PERSON,
    Outcome.DECEASED: Scope.PERSON,
}

#: Outcomes that mean we spoke with the person.
REACHED = frozenset({Outcome.INTERESTED, Outcome.DECLINED, Outcome.CALLBACK, Outcome.REFERRAL,
                     Outcome.HUNG_UP, Outcome.DO_NOT_CALL, Outcome.CONNECTED})


class DeclineReason(StrEnum):
    HAPPY_WHERE_I_AM = "happy_where_i_am"
    PROMISED_PROMOTION = "promised_promotion"
    MID_PROJECT = "mid_project"
    LOYAL = "loyal"
    FOLLOWS_BOSS = "follows_boss"
    COMPENSATION = "compensation"
    LOCATION = "location"
    TIMING = "timing"
    NOT_A_FIT = "not_a_fit"
    OTHER = "other"


class TouchKind(StrEnum):
    CALL = "call"
    VOICEMAIL = "voicemail"
    EMAIL = "email"
    LINKEDIN = "linkedin"

    @classmethod
    def for_outcome(cls, outcome: Outcome, given: str | None) -> TouchKind:
        """The kind given, else what the outcome implies: a voicemail was left, anything else was a call.

        >>> TouchKind.for_outcome(Outcome.VOICEMAIL, None), TouchKind.for_outcome(Outcome.BUSY, "email")
        (<TouchKind.VOICEMAIL: 'voicemail'>, <TouchKind.EMAIL: 'email'>)
        """
        if given:
            return cls(given)
        return cls.VOICEMAIL if outcome is Outcome.VOICEMAIL else cls.CALL


@dataclass(frozen=True)
class Touch:
    """One outreach act and what came of it."""

    person_id: int
    at: datetime
    outcome: Outcome
    kind: TouchKind = TouchKind.CALL
    job_id: int | None = None
    phone: str = ""
    direction: str = "out"
    duration_s: int | None = None
    reason: str = ""
    notes: str = ""
    rung: str = ""
    callback_at: datetime | None = None
    user: str = ""
    referral_person_id: int | None = None
    id: int | None = None
    #: When logged on a person already marked (do not call, deceased, erased): that mark. The touch is
    #: kept as history, but no pipeline moved.
    pipeline_held_for: str = ""
