"""Typed answers (and the one body) of the search, match and import endpoints, as OpenAPI shows them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from callsheet.services.imports.runs import STALE_AFTER


class PersonFound(BaseModel):
    """What search and match both say of a person they propose."""

    person_id: int
    name: str
    score: float
    title: str
    company: str
    city: str
    state: str
    seniority: int | None
    active: bool


class FoundOut(PersonFound):
    miles: float | None = Field(description="Distance from `near`, when a place was given.")
    suppression: str


class MatchOut(PersonFound):
    why: list[str]
    miles: float | None


class MatchIn(BaseModel):
    add: int = Field(1, ge=0, le=1000, description="Put the best N into the job's pipeline (sourced).")
    limit: int = Field(20, ge=1, le=1000)
    radius: float = Field(75.0, gt=0, le=3000, allow_inf_nan=False, description="Miles around the client.")


class MatchAdded(BaseModel):
    added: list[int] = Field(description="Ids of the people put into the pipeline, best first.")
    matches: list[MatchOut]


class ImportOut(BaseModel):
    id: str
    status: Literal["running", "done", "failed", "interrupted"] = Field(
        description=f"interrupted: its server stopped during it (no progress for {STALE_AFTER.seconds // 60} "
                    "minutes); import the file again to finish it, without duplicates.")
    kind: str
    filename: str
    login: str = Field(description="Who started it.")
    dry_run: bool
    started_at: str
    finished_at: str | None
    percent: int
    rows: int
    created: int
    merged: int
    suppressed: int
    rejected: int
    problems: int = Field(description="Rows kept with a value left out (a bad phone...), listed in the rejects file.")
    rejects_url: str | None = Field(description="Where to download the rejects file, when there is one.")
    rejects_left_out: int = Field(description="Rejects past the file's size cap (CALLSHEET_UPLOAD_MAX_MB), not in it.")
    error: str | None
