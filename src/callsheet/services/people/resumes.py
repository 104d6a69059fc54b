"""A person's résumés: attach a file to a card, list them (the newest is current), hand one back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.bounds import RESUME_MAX_BYTES
from callsheet.domain.errors import BadInput, NotFound
from callsheet.services.imports.resume_text import read_resume
from callsheet.services.imports.resumes import proposed_fields, store_resume
from callsheet.services.unit import UnitOfWork
from callsheet.services.views import iso


def attach_resume(uow: UnitOfWork, clock: Clock, person_id: int, name: str, data: bytes, *, user_login: str,
                  region: str = "US") -> dict[str, Any]:
    """Keep a résumé file on a person's card; the same file attached again changes nothing.

    Raises BadInput naming the file when it cannot be read (a scan with no text layer, a broken file).
    """
    if len(data) > RESUME_MAX_BYTES:
        raise BadInput("file", f"{name}: is larger than {RESUME_MAX_BYTES >> 20} MB")
    read = read_resume(name, data)
    proposed = proposed_fields(read.text, region)
    sha = hashlib.sha256(data).hexdigest()
    with uow:
        suppression = uow.resumes.suppression_of(person_id)
        if suppression is None:
            raise NotFound("person", person_id)
        if suppression == "erased":
            raise BadInput("person", f"{person_id} was erased: nothing more is kept about them")
        if uow.resumes.held_by(person_id, sha):
            return {"person_id": person_id, "file": name, "outcome": "unchanged", "proposed": proposed}
        resume_id = store_resume(uow, clock, person_id, name, data, sha, read, proposed, user_login)
    return {"person_id": person_id, "resume_id": resume_id, "file": name, "outcome": "attached",
            "proposed": proposed}


def resumes_of(uow: UnitOfWork, person_id: int) -> list[dict[str, Any]]:
    """A person's résumés, newest (current) first, each with what its text proposed."""
    with uow.reading():
        rows = uow.resumes.of_person(person_id)
    return resume_views(rows)


def resume_views(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Résumés as the card shows them and --json prints them (no bytes)."""
    return [{"id": r["id"], "file": r["file_name"], "content_type": r["content_type"], "size": r["size"],
             "sha256": r["sha256"], "user": r["user_name"] or None, "at": iso(r["created_at"]),
             "current": i == 0, "proposed": json.loads(r["proposed"] or "{}")} for i, r in enumerate(rows)]


@dataclass(frozen=True)
class ResumeFile:
    person_id: int
    name: str
    content_type: str
    data: bytes


def resume_file(uow: UnitOfWork, person_id: int, resume_id: int) -> ResumeFile:
    """One of a person's résumé files, to download from their card."""
    with uow.reading():
        found = uow.resumes.file(resume_id)
    if found is None or found[0] != person_id:
        raise NotFound("résumé", resume_id)
    return ResumeFile(*found)
