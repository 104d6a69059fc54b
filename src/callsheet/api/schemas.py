"""Request bodies of the API. The services check meaning (phones, levels, outcomes); these check shape."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from callsheet.domain.bounds import CLEAN_PATTERN, ID_MAX, ID_MIN, NOTE_MAX, SHORT_MAX, is_clean
from callsheet.http.deps import PathId as PathId  # the same path id for the web desk and the API
from callsheet.services.calling.log import LogRequest


def _no_nul(value: str) -> str:
    # The domain's bounds: no NUL or other control characters, the same answer on both stores.
    if not is_clean(value):
        raise ValueError("must not contain control characters such as NUL")
    return value


# The schema states the bound (a pattern) for clients; `_no_nul` checks it with the domain's words.
_CLEAN = {"pattern": CLEAN_PATTERN}
Short = Annotated[str, Field(max_length=SHORT_MAX, json_schema_extra=_CLEAN), AfterValidator(_no_nul)]
Long = Annotated[str, Field(max_length=NOTE_MAX, json_schema_extra=_CLEAN), AfterValidator(_no_nul)]
Id = Annotated[int, Field(ge=ID_MIN, le=ID_MAX)]


class PersonIn(BaseModel):
    name: Short
    phones: list[Short] = Field(default_factory=list, max_length=20)
    emails: list[Short] = Field(default_factory=list, max_length=20)
    company: Short = ""
    title: Short = ""
    city: Short = ""
    state: Short = ""
    zip: Short = ""
    timezone: Short = ""
    seniority: Annotated[int, Field(ge=-1000, le=1000)] | None = None
    skills: Long = ""
    active: bool = False
    profile: Long = ""
    linkedin_url: Short = ""


class PersonEditIn(BaseModel):
    """A change of a person's details: a field left out stays as it is; a new name's parts are read again
    from it unless given; phones and emails are added to the person's."""

    name: Short | None = None
    first_name: Short | None = None
    last_name: Short | None = None
    title: Short | None = None
    city: Short | None = None
    state: Short | None = None
    seniority: Annotated[int, Field(ge=-1000, le=1000)] | None = None
    skills: Long | None = None
    linkedin_url: Short | None = None
    phones: list[Short] = Field(default_factory=list, max_length=20)
    emails: list[Short] = Field(default_factory=list, max_length=20)


class ReleaseIn(BaseModel):
    phone: Short
    reason: Long


class JobIn(BaseModel):
    title: Short
    client: Short
    city: Short = ""
    state: Short = ""
    zip: Short = ""
    seniority: Annotated[int, Field(ge=-1000, le=1000)] | None = None
    skills: Long = ""
    urgency: Annotated[int, Field(ge=-1000, le=1000)] = 3
    opportunity: Annotated[int, Field(ge=-1000, le=1000)] = 3
    fee_type: Short = "contingent"
    hiring_manager_id: Id | None = None


class PipelineIn(BaseModel):
    person_id: Id
    target: bool = False


class StageIn(BaseModel):
    stage: Short


class TouchIn(BaseModel):
    person_id: Id
    outcome: Short
    job_id: Id | None = None
    phone: Short | None = None
    reason: Short = ""
    note: Long = ""
    #: A time without a zone is in the callee's zone.
    callback_at: datetime | None = None
    referral_name: Short = ""
    referral_phone: Short = ""
    #: When it happened (default: now); a time without a zone is in the desk's zone.
    at: datetime | None = None
    kind: Short = ""
    rung: Short = ""
    duration_s: Annotated[int, Field(ge=0, le=86_400)] | None = None
    direction: Short = "out"
    #: Store the outcome as given even when the note says the person died or asked never to be called.
    keep_outcome: bool = False

    def request(self) -> LogRequest:
        """The service's request: the same fields, as they are (none of them is a model of its own)."""
        return LogRequest(**dict(self))


class FieldProblem(BaseModel):
    field: str = Field(description="The field, parameter or row the request got wrong.")
    message: str


class Problem(BaseModel):
    """Every refusal of the API (web/errors.py): a sentence, or the field and what is wrong with it."""

    detail: FieldProblem | str


#: The statuses every endpoint may answer with, as web/errors.py gives them, for the OpenAPI schema.
REFUSALS: dict[int | str, dict[str, object]] = {
    400: {"model": Problem, "description": "The request cannot be done as asked"},
    401: {"model": Problem, "description": "No valid API token (Authorization: Bearer TOKEN)"},
    403: {"model": Problem, "description": "The token's user may not do this"},
    404: {"model": Problem, "description": "No such record (or not one this user may see)"},
    409: {"model": Problem, "description": "The contact policy says not now"},
    422: {"model": Problem, "description": "A field is out of range or malformed: `detail` names it"},
    503: {"model": Problem, "description": "The database is busy: try again (Retry-After)"},
}
