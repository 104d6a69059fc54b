"""The desk's vocabulary as plain dataclasses: people and their phones, companies, jobs, candidacies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from callsheet.domain.errors import BadInput


class Suppression(StrEnum):
    NONE = "none"
    DO_NOT_CALL = "do_not_call"
    DECEASED = "deceased"
    ERASED = "erased"


class PhoneStatus(StrEnum):
    OK = "ok"
    WRONG_NUMBER = "wrong_number"


class Stage(StrEnum):
    SOURCED = "sourced"
    CONTACTED = "contacted"
    INTERESTED = "interested"
    SUBMITTED = "submitted"
    INTERVIEWING = "interviewing"
    OFFERED = "offered"
    PLACED = "placed"
    DECLINED = "declined"
    NOT_A_FIT = "not_a_fit"


#: Stages after which nobody is called about the job any more.
CLOSED_STAGES = frozenset({Stage.PLACED, Stage.DECLINED, Stage.NOT_A_FIT})


class FeeType(StrEnum):
    RETAINED = "retained"
    CONTINGENT = "contingent"


class JobStatus(StrEnum):
    OPEN = "open"
    ON_HOLD = "on_hold"
    FILLED = "filled"
    CLOSED = "closed"


class Role(StrEnum):
    ADMIN = "admin"
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"


@dataclass(frozen=True)
class Phone:
    e164: str
    status: PhoneStatus = PhoneStatus.OK
    label: str = ""
    #: IANA zones the number's prefix can be in (phonenumbers.timezone), e.g. ("America/Chicago",).
    timezones: tuple[str, ...] = ()
    id: int | None = None


def callee_zone(own_zone: str, phones: Iterable[Phone], desk_zone: str) -> str:
    """The zone a callee's times are said in (a callback "at 3"): their own, else their first number's,
    else the desk's.

    >>> callee_zone("", [Phone("+13125550100", timezones=("America/Chicago",))], "America/New_York")
    'America/Chicago'
    """
    return own_zone or next((z for p in phones for z in p.timezones), desk_zone)


@dataclass(frozen=True)
class Place:
    """A resolved location: where a person lives or a job sits."""

    city: str
    state: str
    zip: str
    lat: float
    lon: float
    timezone: str


@dataclass
class Person:
    name: str
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    title: str = ""
    company: str = ""
    company_id: int | None = None
    seniority: int | None = None
    skills: list[str] = field(default_factory=list)
    city: str = ""
    state: str = ""
    zip: str = ""
    lat: float | None = None
    lon: float | None = None
    timezone: str = ""
    active: bool = False
    profile: str = ""
    linkedin_url: str = ""
    suppression: Suppression = Suppression.NONE
    suppressed_at: datetime | None = None
    suppressed_by: str = ""
    suppression_reason: str = ""
    referred_by_id: int | None = None
    #: The parts of `name` as stored: parsed from it when the person is written, or as a user set them.
    first_name: str = ""
    last_name: str = ""
    id: int | None = None


def greeting_name(first_name: str, name: str) -> str:
    """What a script calls a person: their first name, else (a one-word title and surname, a name
    with no first name in it) the name as written.

    >>> greeting_name("Ann", "Dr. Ann van der Berg"), greeting_name("", "Dr. Smith")
    ('Ann', 'Dr. Smith')
    """
    return first_name.strip() or " ".join(name.split())


@dataclass(frozen=True)
class SuppressionEvent:
    """One line of a person's suppression audit: a mark set or lifted, or one of their numbers released
    for a new holder; by whom, when and why."""

    person_id: int
    action: str  # "set", "lift" or "release"
    suppression: str
    reason: str
    user: str
    at: datetime
    id: int | None = None


@dataclass(frozen=True)
class NumberMark:
    """A claim on a number that keeps it from being dialled, whoever holds it: a marked person's, or a
    do-not-call list's.

    `person_id` is the marked person (an erased person's tombstone), None for a list's claim, which
    names the list in `list_name`; `at` and `by` say when and by whom the person was marked or the
    list imported; `released_at` is set once an admin released the number for a new holder, or the
    list dropped it.
    """

    e164: str
    person_id: int | None
    suppression: Suppression
    at: datetime | None = None
    by: str = ""
    released_at: datetime | None = None
    list_name: str = ""

    def in_force(self, now: datetime | None = None) -> bool:
        """Whether the mark held the number at `now` (marked by then, not yet released); without a
        moment, as the desk stands."""
        if now is None:
            return self.released_at is None
        return (self.at is None or self.at <= now) and (self.released_at is None or self.released_at > now)


@dataclass
class Company:
    name: str
    city: str = ""
    state: str = ""
    id: int | None = None


@dataclass
class Job:
    title: str
    company_id: int
    company: str = ""
    hiring_manager_id: int | None = None
    city: str = ""
    state: str = ""
    zip: str = ""
    lat: float | None = None
    lon: float | None = None
    timezone: str = ""
    seniority: int | None = None
    skills: list[str] = field(default_factory=list)
    urgency: int = 3
    opportunity: int = 3
    fee_type: FeeType = FeeType.CONTINGENT
    status: JobStatus = JobStatus.OPEN
    owner: str = ""
    id: int | None = None

    @property
    def heat(self) -> int:
        """Urgency times opportunity, 1-25: how hot the search is.

        >>> Job(title="DBA", company_id=1, urgency=5, opportunity=4).heat
        20
        """
        return self.urgency * self.opportunity


@dataclass
class Candidacy:
    job_id: int
    person_id: int
    stage: Stage = Stage.SOURCED
    is_target: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None


def check_level(field_name: str, value: int | None, low: int = 1, high: int = 5) -> int | None:
    """Validate a 1-5 level such as seniority or urgency.

    >>> check_level("urgency", 4)
    4
    """
    if value is None:
        return None
    if not low <= value <= high:
        raise BadInput(field_name, f"must be between {low} and {high}, got {value}")
    return value


def parse_skills(text: str | None) -> list[str]:
    """Split a comma-separated skill list, trimmed, lower-cased, without duplicates.

    >>> parse_skills("Python, SQL , python,  ")
    ['python', 'sql']
    """
    seen: list[str] = []
    for part in (text or "").split(","):
        skill = " ".join(part.split()).lower()
        if skill and skill not in seen:
            seen.append(skill)
    return seen


@dataclass(frozen=True)
class Callee:
    """Just what logging a touch reads about the person called: who, their numbers, their suppression.

    Phones come without their candidate zones (a phonenumbers parse each), which logging never needs.
    """

    id: int
    name: str
    phones: list[Phone]
    suppression: Suppression
