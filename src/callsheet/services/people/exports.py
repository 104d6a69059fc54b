"""Exports of a selection for outreach: CSV and vCard. Suppressed people are never in them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import vobject

from callsheet.domain.cells import spreadsheet_safe
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Person, PhoneStatus
from callsheet.services.people.suppressions import marks_on, number_marks
from callsheet.services.unit import UnitOfWork

CSV_HEADER = ["Name", "Title", "Company", "Phones", "Emails", "City", "State", "ZIP", "LinkedIn"]


def selected(uow: UnitOfWork, query: str | None = None, job_id: int | None = None,
             page: int = 1000) -> Iterator[Person]:
    """People for outreach (no suppression, no marked number), page by page so a large desk streams."""
    if job_id is not None and uow.jobs.get(job_id) is None:
        raise NotFound("job", job_id)
    words = None
    if query is not None:
        words = query.lower().split()
        if not words:
            raise BadInput("query", "is empty")
    for ids in uow.people_queries.outreach_ids(words, job_id, page):
        found = uow.people.get_many(ids)
        # A number someone marked held is not for outreach, whoever holds it now.
        marks = number_marks(uow, (ph.e164 for p in found for ph in p.phones))
        for person in found:
            held = {m.e164 for m in marks_on(person, marks) if m.in_force()}
            if held:
                person.phones = [ph for ph in person.phones if ph.e164 not in held]
            yield person


def _phones(p: Person) -> list[tuple[str, str]]:
    # A number marked wrong is not for outreach.
    return [(ph.e164, ph.label) for ph in p.phones if ph.status == PhoneStatus.OK]


def write_csv(people_iter: Iterator[Person], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    count = 0
    for p in people_iter:
        cells = [p.name, p.title, p.company, "; ".join(e for e, _ in _phones(p)), "; ".join(p.emails), p.city,
                 p.state, p.zip, p.linkedin_url]
        writer.writerow([spreadsheet_safe(c) for c in cells])
        count += 1
    return count


def write_vcard(people_iter: Iterator[Person], out: IO[str]) -> int:
    count = 0
    for p in people_iter:
        card = vobject.vCard()
        card.add("fn").value = p.name
        # The stored parts: "Dr. Ann van der Berg" is given name Ann, family name van der Berg.
        card.add("n").value = vobject.vcard.Name(family=p.last_name or (p.name if not p.first_name else ""),
                                                 given=p.first_name)
        for e164, label in _phones(p):
            tel = card.add("tel")
            tel.value = e164
            tel.type_param = {"mobile": "CELL", "work": "WORK", "home": "HOME"}.get(label, "VOICE")
        for address in p.emails:
            email = card.add("email")
            email.value = address
            email.type_param = "INTERNET"
        if p.company:
            card.add("org").value = [p.company]
        if p.title:
            card.add("title").value = p.title
        if p.city or p.zip:
            card.add("adr").value = vobject.vcard.Address(city=p.city, region=p.state, code=p.zip)
        if p.linkedin_url:
            card.add("url").value = p.linkedin_url
        out.write(card.serialize())
        count += 1
    return count


def export(uow: UnitOfWork, fmt: str, out: Path, query: str | None = None, job_id: int | None = None) -> int:
    """Write the selection to `out`; returns how many people were written."""
    if fmt not in ("csv", "vcard"):
        raise BadInput("format", f"{fmt!r} is not csv or vcard")
    writer = write_csv if fmt == "csv" else write_vcard
    tmp = out.with_name(out.name + ".part")
    with uow, tmp.open("w", encoding="utf-8", newline="") as handle:
        count = writer(selected(uow, query, job_id), handle)
    tmp.replace(out)  # never a half-written export under the real name
    return count
