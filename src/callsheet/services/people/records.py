"""People: add, show, list (their edits: services/people/edits.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from callsheet.clock import Clock, zone
from callsheet.domain.bounds import check_texts
from callsheet.domain.contacts import check_name, normalize_email, normalize_linkedin
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import NumberMark, Person, Phone, check_level, parse_skills
from callsheet.lookup import phones as phone_lookup
from callsheet.lookup import places
from callsheet.services.people.suppressions import person_marks
from callsheet.services.unit import UnitOfWork


@dataclass
class NewPerson:
    """What a user types to add a person; every field is checked by `build_person`."""

    name: str
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    company: str = ""
    title: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    timezone: str = ""
    seniority: int | None = None
    skills: str = ""
    active: bool = False
    profile: str = ""
    linkedin_url: str = ""


def build_person(data: NewPerson, region: str = "US") -> Person:
    """Check and normalise a new person; raises BadInput naming the first bad field."""
    check_texts(vars(data), long=("skills", "profile"))
    person = Person(name=check_name(data.name))
    seen: set[str] = set()
    for i, raw in enumerate(data.phones):
        phone = phone_lookup.make_phone(raw, region, label="" if i else "main")
        if phone.e164 not in seen:
            seen.add(phone.e164)
            person.phones.append(phone)
    person.emails = list(dict.fromkeys(normalize_email(e) for e in data.emails if e.strip()))
    person.title = " ".join(data.title.split())
    person.company = " ".join(data.company.split())
    person.seniority = check_level("seniority", data.seniority)
    person.skills = parse_skills(data.skills)
    person.active = data.active
    person.profile = data.profile.strip()
    if data.linkedin_url.strip():
        person.linkedin_url = normalize_linkedin(data.linkedin_url)
    place = places.resolve_parts(data.city.strip() or None, data.state.strip() or None, data.zip.strip() or None)
    if place is not None:
        person.city, person.state, person.zip = place.city, place.state, place.zip
        person.lat, person.lon, person.timezone = place.lat, place.lon, place.timezone
    if data.timezone.strip():
        zone(data.timezone.strip())  # raises BadInput for an unknown zone
        person.timezone = data.timezone.strip()
    return person


@dataclass
class Added:
    """A person as stored, and the marks other people hold on their numbers (those are never dialled)."""

    person: Person
    marks: list[NumberMark]


def store_person(uow: UnitOfWork, person: Person, now: datetime) -> list[NumberMark]:
    """The one write of a new person, whoever adds them (typed, referred, a job seeker's contact).

    The person is stored as given (the data is true); a number a do-not-call, deceased or erased
    person held stays suppressed, and the marks that say so come back for the caller to show.
    """
    uow.people.add(person, now)
    return [m for m in person_marks(uow, person) if m.in_force(now)]


def add(uow: UnitOfWork, clock: Clock, data: NewPerson, region: str = "US") -> Added:
    """Store a new person. A person with no phone can still be found, but never called."""
    person = build_person(data, region)
    now = clock.now()
    with uow:
        if person.company:
            person.company_id = uow.jobs.company_id_for(person.company, now)
        marks = store_person(uow, person, now)
        stored: Person | None = uow.people.get(person.id or 0)
    assert stored is not None
    return Added(stored, marks)


def add_person(uow: UnitOfWork, clock: Clock, data: NewPerson, region: str = "US") -> Person:
    """`add`, for callers that need only the stored person."""
    return add(uow, clock, data, region).person


def get_person(uow: UnitOfWork, person_id: int) -> Person:
    with uow.reading():
        person: Person | None = uow.people.get(person_id)
    if person is None:
        raise NotFound("person", person_id)
    return person


def list_people(uow: UnitOfWork, limit: int | None = None, offset: int = 0) -> list[Person]:
    if limit is not None and limit < 1:
        raise BadInput("limit", "must be at least 1")
    with uow.reading():
        people: list[Person] = uow.people.all(limit, offset)
    return people


def add_phone(uow: UnitOfWork, clock: Clock, person_id: int, raw: str, region: str = "US") -> Added:
    """Give a person one more number; like a new person's, it says whose mark holds it, if anyone's."""
    phone = phone_lookup.make_phone(raw, region)
    now = clock.now()
    with uow:
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        if all(p.e164 != phone.e164 for p in person.phones):
            person.phones.append(Phone(phone.e164, label=""))
            uow.people.update(person, now)
        stored: Person | None = uow.people.get(person_id)
        assert stored is not None
        marks = [m for m in person_marks(uow, stored) if m.in_force(now) and m.e164 == phone.e164]
    return Added(stored, marks)
