"""Request bodies of the API. The services check meaning (phones, levels, outcomes); these check shape."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, BaseModel, Field


def _no_nul(value: str) -> str:
    # Neither store keeps a NUL character; say so as bad input rather than fail in the driver.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Short = Annotated[str, Field(max_length=300), AfterValidator(_no_nul)]
Long = Annotated[str, Field(max_length=20000), AfterValidator(_no_nul)]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
PathId = Annotated[int, Path(ge=1, le=2_147_483_647)]


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
