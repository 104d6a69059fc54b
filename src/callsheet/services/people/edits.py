"""Editing a person's details: the name and its parts, and what a résumé proposes (title, place, seniority,
skills, LinkedIn, more phones and emails)."""

from __future__ import annotations

from dataclasses import dataclass, field

from callsheet.clock import Clock
from callsheet.domain.bounds import SHORT_MAX, check_text, check_texts
from callsheet.domain.contacts import check_name, normalize_email, normalize_linkedin
from callsheet.domain.errors import BadInput, NotFound
from callsheet.domain.model import Person, Phone, Suppression, check_level, parse_skills
from callsheet.lookup import phones as phone_lookup
from callsheet.lookup import places
from callsheet.lookup.names import name_parts
from callsheet.services.people.records import Added
from callsheet.services.people.suppressions import person_marks
from callsheet.services.unit import UnitOfWork


@dataclass
class PersonEdit:
    """What a user changes of a person; None leaves a field as it is, phones and emails are added."""

    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    title: str | None = None
    city: str | None = None
    state: str | None = None
    seniority: int | None = None
    skills: str | None = None
    linkedin_url: str | None = None
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return all(v is None or v == [] for v in vars(self).values())


#: The name form's edit: a PersonEdit of the name parts only.
NameEdit = PersonEdit


def _part(field_name: str, value: str) -> str:
    return " ".join(check_text(field_name, value, SHORT_MAX).split())


def _apply(person: Person, edit: PersonEdit, region: str) -> list[str]:
    """Check every given field and set it on `person`; the numbers new to the person come back."""
    check_texts({k: v for k, v in vars(edit).items() if isinstance(v, (str, list))}, long=("skills",))
    if edit.name is not None and " ".join(edit.name.split()) != person.name:  # the same name keeps its parts
        person.name = check_text("name", check_name(edit.name), SHORT_MAX)
        person.first_name, person.last_name = name_parts(person.name)
    if edit.first_name is not None:
        person.first_name = _part("first_name", edit.first_name)
    if edit.last_name is not None:
        person.last_name = _part("last_name", edit.last_name)
    if edit.title is not None:
        person.title = _part("title", edit.title)
    if edit.city is not None or edit.state is not None:
        city = (edit.city if edit.city is not None else person.city).strip()
        state = (edit.state if edit.state is not None else person.state).strip()
        place = places.resolve_parts(city or None, state or None, None)
        if place is not None:
            person.city, person.state, person.zip = place.city, place.state, place.zip
            person.lat, person.lon, person.timezone = place.lat, place.lon, place.timezone
    if edit.seniority is not None:
        person.seniority = check_level("seniority", edit.seniority)
    if edit.skills is not None:
        person.skills = parse_skills(edit.skills)
    if edit.linkedin_url is not None:
        person.linkedin_url = normalize_linkedin(edit.linkedin_url) if edit.linkedin_url.strip() else ""
    for raw in edit.emails:
        if raw.strip() and (email := normalize_email(raw)) not in person.emails:
            person.emails.append(email)
    added: list[str] = []
    for raw in edit.phones:
        if not raw.strip():
            continue
        phone = phone_lookup.make_phone(raw, region)
        if all(p.e164 != phone.e164 for p in person.phones):
            person.phones.append(Phone(phone.e164, label=""))
            added.append(phone.e164)
    return added


def edit_person(uow: UnitOfWork, clock: Clock, person_id: int, edit: PersonEdit, region: str = "US") -> Added:
    """Change a person's details. A new full name is parsed again into first and last name, except for a
    part given with it (the greeting of every script follows the first name). A number added says whose
    mark holds it, if anyone's, as a new person's does."""
    if edit.is_empty():
        raise BadInput("name", "nothing to change: give a name, a first name, a last name or another detail")
    now = clock.now()
    with uow:
        person = uow.people.get(person_id)
        if person is None:
            raise NotFound("person", person_id)
        if person.suppression is Suppression.ERASED:
            raise BadInput("person", f"{person_id} was erased: nothing of theirs is kept to edit")
        added = _apply(person, edit, region)
        uow.people.update(person, now)
        stored: Person | None = uow.people.get(person_id)
        assert stored is not None
        marks = [m for m in person_marks(uow, stored) if m.in_force(now) and m.e164 in added]
    return Added(stored, marks)


def edit_name(uow: UnitOfWork, clock: Clock, person_id: int, edit: PersonEdit) -> Person:
    """`edit_person` for callers that change only the name and need only the stored person."""
    if edit.name is None and edit.first_name is None and edit.last_name is None:
        raise BadInput("name", "nothing to change: give a name, a first name or a last name")
    return edit_person(uow, clock, person_id, PersonEdit(edit.name, edit.first_name, edit.last_name)).person
