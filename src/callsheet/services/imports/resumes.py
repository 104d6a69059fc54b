"""Résumés in: each file's text read, its person proposed, found or made by the one merge engine, the file kept.

A file whose bytes are stored already changes nothing (a folder imported again). A résumé whose phone,
email or LinkedIn URL a stored person has is attached to that person; one that reaches a suppressed
person or a marked number is left out, as every import leaves such rows; an unreadable file, a scan
with no text layer, or a text with neither a name nor a contact goes to the rejects file with the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callsheet.clock import Clock
from callsheet.domain.bounds import RESUME_MAX_BYTES
from callsheet.domain.errors import BadInput
from callsheet.domain.resumes import emails_in, guess_name, linkedin_in, seniority_in, skills_in
from callsheet.lookup import phones as phone_lookup
from callsheet.lookup import places
from callsheet.services.imports.engine import Engine, Options
from callsheet.services.imports.incoming import Incoming, Rejected, prepare
from callsheet.services.imports.rejects import RejectsFile
from callsheet.services.imports.resume_text import ResumeText, read_resume
from callsheet.services.unit import UnitOfWork

REJECTS_HEADER = ["file"]
OUTCOMES = ("created", "attached", "unchanged", "suppressed", "rejected")


def proposed_fields(text: str, region: str = "US") -> dict[str, Any]:
    """What a résumé's text proposes about its person; the recruiter may change any of it on the card."""
    place = places.place_in("\n".join(text.splitlines()[:40]))
    return {"name": guess_name(text), "phones": phone_lookup.numbers_in(text, region), "emails": emails_in(text),
            "linkedin_url": linkedin_in(text), "city": place.city if place else "",
            "state": place.state if place else "", "skills": skills_in(text), "seniority": seniority_in(text)}


@dataclass
class FileOutcome:
    file: str
    outcome: str
    person_id: int | None = None
    reason: str = ""
    proposed: dict[str, Any] = field(default_factory=dict)

    def view(self) -> dict[str, Any]:
        return {"file": self.file, "outcome": self.outcome, "person_id": self.person_id, "reason": self.reason,
                "proposed": self.proposed}


@dataclass
class ResumeSummary:
    files: list[FileOutcome] = field(default_factory=list)
    rejects_file: str | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)

    def view(self) -> dict[str, Any]:
        return {**{o: self.count(o) for o in OUTCOMES}, "rejects_file": self.rejects_file,
                "files": [f.view() for f in self.files]}


def files_under(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every file in the folders named (their subfolders too), in name order;
    hidden files and rejects files left out."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts) and not p.name.endswith(".rejects.csv"))
        elif path.is_file():
            found.append(path)
        else:
            raise BadInput("path", f"{path} does not exist")
    return found


def read_files(files: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    """Each file's name and bytes; a file over the bound is read only far enough to know it."""
    for path in files:
        with path.open("rb") as handle:
            yield path.name, handle.read(RESUME_MAX_BYTES + 1)


def import_resumes(uow: UnitOfWork, clock: Clock, files: Iterable[tuple[str, bytes]], *, user_login: str,
                   rejects: Path, region: str = "US") -> ResumeSummary:
    """Import résumé files given as (name, bytes); the rejects file is written at `rejects` when any is refused."""
    summary = ResumeSummary()
    rejected = RejectsFile(rejects, REJECTS_HEADER)
    engine = Engine(uow, clock, Options(region, None, 1, False, False), rejected)
    with uow:
        salt = uow.imports.desk_salt()
    try:
        for row, (name, data) in enumerate(files, start=1):
            outcome = _one(uow, clock, engine, salt, row, name, data, user_login, region)
            if outcome.outcome == "rejected":
                rejected.write(row, outcome.reason, [name])
            summary.files.append(outcome)
    finally:
        summary.rejects_file = rejected.close()
    return summary


def _one(uow: UnitOfWork, clock: Clock, engine: Engine, salt: str, row: int, name: str, data: bytes,
         user_login: str, region: str) -> FileOutcome:
    sha = hashlib.sha256(data).hexdigest()
    with uow.reading():
        holder = uow.resumes.known(sha)
    if holder is not None:
        return FileOutcome(name, "unchanged", holder)
    try:
        read = read_resume(name, data)
    except BadInput as exc:
        return FileOutcome(name, "rejected", reason=exc.message.removeprefix(f"{name}: "))
    proposed = proposed_fields(read.text, region)
    if not proposed["name"] and not (proposed["phones"] or proposed["emails"] or proposed["linkedin_url"]):
        return FileOutcome(name, "rejected", reason="no name and no contact details found", proposed=proposed)
    item = Incoming(row, name=proposed["name"] or Path(name).stem.replace("_", " "),
                    phones=[(p, "") for p in proposed["phones"]], emails=proposed["emails"],
                    linkedin=proposed["linkedin_url"], city=proposed["city"], state=proposed["state"], raw=[name])
    try:
        keys = prepare(item, region, salt).keys
    except Rejected as exc:
        return FileOutcome(name, "rejected", reason=str(exc), proposed=proposed)
    before = (engine.summary.created, engine.summary.suppressed)
    with uow:  # the person (found or made) and the file are stored together
        engine.run_open([item])
        if engine.summary.suppressed != before[1]:
            return FileOutcome(name, "suppressed", reason="a do-not-call, deceased or erased person holds its "
                                                          "phone, email or LinkedIn URL", proposed=proposed)
        person_id = _person_of(uow, keys)
        if person_id is None or uow.resumes.suppression_of(person_id) != "none":
            return FileOutcome(name, "suppressed", person_id, "its person may not be contacted", proposed)
        store_resume(uow, clock, person_id, name, data, sha, read, proposed, user_login)
    created = engine.summary.created != before[0]
    return FileOutcome(name, "created" if created else "attached", person_id, proposed=proposed)


def _person_of(uow: UnitOfWork, keys: tuple[str, ...]) -> int | None:
    """The stored person the engine found or made for a row with these keys (the lowest id)."""
    by_kind: dict[str, set[str]] = {k: set() for k in "peur"}
    for key in keys:
        by_kind[key[0]].add(key[2:])
    hits = uow.imports.key_hits(by_kind["p"], by_kind["e"], by_kind["u"], set(), by_kind["r"])
    found = [pid for key in keys for pid in hits.get(key, ())]
    return min(found) if found else None


def store_resume(uow: UnitOfWork, clock: Clock, person_id: int, name: str, data: bytes, sha: str,
                 read: ResumeText, proposed: dict[str, Any], user_login: str) -> int:
    """Keep the file on the person's card; the person gets the skills they lack, and its seniority if they have none."""
    now = clock.now()
    resume_id = int(uow.resumes.add(person_id, name[:300], read.content_type, sha, data, read.text,
                                    json.dumps(proposed), user_login, now))
    uow.resumes.fill_blanks(person_id, proposed["skills"], proposed["seniority"], now)
    return resume_id
