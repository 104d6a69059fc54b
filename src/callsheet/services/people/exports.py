"""Exports of a selection for outreach: CSV and vCard. Suppressed people are never in them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import vobject
from sqlalchemy import func, or_, select

from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Person, PhoneStatus
from callsheet.services.people.suppressions import marks_on, number_marks
from callsheet.store.tables import candidacies, companies, people
from callsheet.store.uow import UnitOfWork

CSV_HEADER = ["Name", "Title", "Company", "Phones", "Emails", "City", "State", "ZIP", "LinkedIn"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe.

    >>> neutralise("=HYPERLINK(1)"), neutralise("+14145550142"), neutralise("Ann")
    ("'=HYPERLINK(1)", "'+14145550142", 'Ann')
    """
    return "'" + text if text.startswith(_FORMULA) else text


def selected(uow: UnitOfWork, query: str | None = None, job_id: int | None = None,
             page: int = 1000) -> Iterator[Person]:
    """People for outreach (no suppression, no marked number), page by page so a large desk streams."""
    base = select(people.c.id).where(people.c.suppression == "none")
    if job_id is not None:
        if uow.jobs.get(job_id) is None:
            raise NotFound("job", job_id)
        base = base.where(people.c.id.in_(select(candidacies.c.person_id).where(candidacies.c.job_id == job_id)))
    if query is not None:
        words = query.lower().split()
        if not words:
            raise BadInput("query", "is empty")
        company = select(companies.c.name).where(companies.c.id == people.c.company_id).scalar_subquery()
        for word in words:
            pattern = f"%{word}%"
            base = base.where(or_(func.lower(people.c.name).like(pattern), func.lower(people.c.title).like(pattern),
                                  func.lower(company).like(pattern)))
    last = 0
    while True:
        ids = list(uow.connection.execute(base.where(people.c.id > last).order_by(people.c.id).limit(page)).scalars())
        if not ids:
            return
        found = uow.people.get_many(ids)
        # A number someone marked held is not for outreach, whoever holds it now.
        marks = number_marks(uow, (ph.e164 for p in found for ph in p.phones))
        for person in found:
            held = {m.e164 for m in marks_on(person, marks) if m.in_force()}
            if held:
                person.phones = [ph for ph in person.phones if ph.e164 not in held]
            yield person
        last = ids[-1]


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
        writer.writerow([neutralise(c) for c in cells])
        count += 1
    return count


def write_vcard(people_iter: Iterator[Person], out: IO[str]) -> int:
    count = 0
    for p in people_iter:
        card = vobject.vCard()
        card.add("fn").value = p.name
        given, _, family = p.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family or p.name, given=given)
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
