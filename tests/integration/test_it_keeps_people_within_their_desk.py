"""Two desks on one store: a desk's people, their numbers and addresses, their marks and erasures are
its own; merging and erasing in one desk never reaches into another."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert

from callsheet.clock import FixedClock
from callsheet.domain.errors import NotFound
from callsheet.domain.model import Person, Phone, Suppression
from callsheet.services.imports.keys import digest
from callsheet.services.people.erase import erase_person
from callsheet.services.people.merge import merge_people
from callsheet.store.tables import desks
from callsheet.store.tenancy import desk_salt
from callsheet.store.uow import UnitOfWork

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
HOUSE = "+14145550142"
OFFICE = "+14145550199"


def _second_desk(engine: Engine) -> int:
    with engine.begin() as conn:
        return int(conn.execute(insert(desks).values(name="Second desk", created_at=NOW)
                                .returning(desks.c.id)).scalar_one())


def _add(engine: Engine, desk: int, name: str, phones: list[str], emails: list[str],
         suppression: Suppression = Suppression.NONE) -> int:
    marked = suppression is not Suppression.NONE
    with UnitOfWork(engine, desk_id=desk) as uow:
        return uow.people.add(Person(
            name=name, phones=[Phone(e) for e in phones], emails=emails, linkedin_url=f"https://in/{name[:3]}",
            suppression=suppression, suppressed_at=NOW if marked else None, suppressed_by="dana" if marked else ""),
            NOW)


def _erase(engine: Engine, desk: int, person_id: int) -> None:
    with UnitOfWork(engine, desk_id=desk) as uow:
        person = uow.people.get(person_id)
        assert person is not None
        salt = desk_salt(uow.connection) or ""
        uow.records.erase(person_id, [("phone", digest(salt, "phone", p.e164)) for p in person.phones],
                          "Erased person", "dana", "erasure request", NOW)


def _hash(engine: Engine, desk: int, e164: str) -> str:
    with UnitOfWork(engine, desk_id=desk) as uow:
        return digest(desk_salt(uow.connection) or "", "phone", e164)


def test_a_desk_never_sees_the_people_numbers_marks_or_erasures_of_another(engine: Engine) -> None:
    other = _second_desk(engine)
    ann = _add(engine, 1, "Ann Nowak", [HOUSE], ["ann@example.com"])
    piotr = _add(engine, other, "Piotr Nowak", [HOUSE], ["ann@example.com"], Suppression.DECEASED)
    gone = _add(engine, other, "Gone Person", [OFFICE], ["gone@example.com"])
    bo = _add(engine, other, "Bo Friend", [], [])
    _erase(engine, other, gone)
    other_hash = _hash(engine, other, OFFICE)
    with UnitOfWork(engine, desk_id=other) as uow:
        uow.network.add_knows(piotr, NOW, NOW, other_id=bo)
        resume = uow.resumes.add(piotr, "cv.txt", "text/plain", "f00d", b"cv", "cv", "", "dana", NOW)

    with UnitOfWork(engine) as uow:
        assert uow.people.get(piotr) is None and uow.people.get(gone) is None
        assert [p.id for p in uow.people.all()] == [ann] and uow.people.count() == 1
        assert [p.id for p in uow.people.get_many([ann, piotr, gone])] == [ann]
        assert uow.people.ids_by_phone(HOUSE) == [ann] and uow.people.ids_by_phone(OFFICE) == []
        assert uow.people.ids_by_email("ann@example.com") == [ann]
        assert uow.people.ids_by_linkedin("https://in/Pio") == []
        # The number a deceased person holds in the other desk is free here; so is an erased person's,
        # even asked by the other desk's hash.
        assert uow.numbers.marks({HOUSE: None, OFFICE: other_hash}) == []
        assert uow.numbers.salt() is None
        assert uow.resumes.suppression_of(piotr) is None
        assert uow.people_queries.named_at_companies() == [] and uow.people_queries.company_names() == {}
        assert list(uow.people_queries.outreach_ids(None, None, 10)) == [[ann]]
        assert uow.network.contact_rows([piotr, gone]) == [] and uow.network.links_around({piotr}) == set()
        assert not uow.network.knows(piotr, other_id=bo)
        assert uow.resumes.known("f00d") is None and uow.resumes.file(resume) is None
        assert uow.resumes.of_person(piotr) == [] and not uow.resumes.held_by(piotr, "f00d")

    with UnitOfWork(engine, desk_id=other) as uow:
        marks = uow.numbers.marks({HOUSE: None, OFFICE: other_hash})
        assert {(m.e164, m.person_id, m.suppression) for m in marks} == {
            (HOUSE, piotr, Suppression.DECEASED), (OFFICE, gone, Suppression.ERASED)}
        assert uow.people.ids_by_phone(HOUSE) == [piotr] and uow.people.get(ann) is None
        assert uow.network.knows(piotr, other_id=bo) and uow.resumes.known("f00d") == piotr


def test_merging_and_erasing_in_one_desk_leave_another_desk_whole(engine: Engine) -> None:
    other = _second_desk(engine)
    ann = _add(engine, 1, "Ann Nowak", [HOUSE], ["ann@example.com"])
    ann_twin = _add(engine, 1, "Ann Nowak", [HOUSE, OFFICE], ["ann@example.com", "nowak@example.com"])
    piotr = _add(engine, other, "Piotr Nowak", [HOUSE], ["ann@example.com"])
    piotr_twin = _add(engine, other, "Piotr Nowak", [HOUSE, OFFICE], ["nowak@example.com"])
    with UnitOfWork(engine, desk_id=other) as uow:
        before = uow.people.get_many([piotr, piotr_twin])

    clock = FixedClock(NOW)
    with pytest.raises(NotFound):
        merge_people(UnitOfWork(engine), clock, ann, piotr)
    with pytest.raises(NotFound):
        merge_people(UnitOfWork(engine), clock, piotr, piotr_twin)
    with pytest.raises(NotFound):
        erase_person(UnitOfWork(engine), clock, piotr, "dana")
    merged = merge_people(UnitOfWork(engine), clock, ann, ann_twin)
    assert [p.e164 for p in merged.phones] == [HOUSE, OFFICE]
    assert merged.emails == ["ann@example.com", "nowak@example.com"]
    _erase(engine, 1, ann)
    here, there = _hash(engine, 1, HOUSE), _hash(engine, other, HOUSE)

    with UnitOfWork(engine) as uow:
        assert [p.id for p in uow.people.all()] == [ann]
        assert [(m.e164, m.person_id, m.suppression) for m in uow.numbers.marks({HOUSE: here})] == [
            (HOUSE, ann, Suppression.ERASED)]
    with UnitOfWork(engine, desk_id=other) as uow:
        assert uow.people.get_many([piotr, piotr_twin]) == before
        assert uow.people.ids_by_phone(HOUSE) == [piotr, piotr_twin]
        assert uow.people.ids_by_email("ann@example.com") == [piotr]
        assert uow.numbers.marks({HOUSE: there, OFFICE: None}) == []
