from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput, NotFound
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))


def test_it_round_trips_a_person_with_every_field(engine: Engine) -> None:
    data = people_service.NewPerson(
        name="Jack Kowalski", phones=["(414) 555-0142", "262-555-0199"], emails=["Jack@Example.com"],
        company="Acme Corp", title="Lead Software Engineer", city="Milwaukee", state="WI", seniority=4,
        skills="Java, AWS", active=True, linkedin_url="linkedin.com/in/jack-k", profile="Led a Java team.",
    )
    added = people_service.add_person(UnitOfWork(engine), CLOCK, data)
    stored = people_service.get_person(UnitOfWork(engine), added.id or 0)
    assert [p.e164 for p in stored.phones] == ["+14145550142", "+12625550199"]
    assert stored.emails == ["jack@example.com"]
    assert (stored.company, stored.timezone, stored.seniority, stored.skills) == (
        "Acme Corp", "America/Chicago", 4, ["java", "aws"])
    assert stored.linkedin_url == "https://www.linkedin.com/in/jack-k"
    assert stored.phones[0].timezones == ("America/Chicago",)


def test_it_stores_nothing_when_one_field_is_bad(engine: Engine) -> None:
    with pytest.raises(BadInput):
        people_service.add_person(UnitOfWork(engine), CLOCK,
                                  people_service.NewPerson(name="Ann", phones=["414-555-0100", "12345"]))
    assert people_service.list_people(UnitOfWork(engine)) == []


def test_it_finds_people_who_share_a_household_number(engine: Engine) -> None:
    for name in ("Ann Nowak", "Piotr Nowak"):
        people_service.add_person(UnitOfWork(engine), CLOCK,
                                  people_service.NewPerson(name=name, phones=["414-555-0177"]))
    with UnitOfWork(engine) as uow:
        assert len(uow.people.ids_by_phone("+14145550177")) == 2


def test_it_keeps_one_company_for_two_spellings(engine: Engine) -> None:
    for spelling in ("Acme Corp", "ACME  corp"):
        people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(name="X", company=spelling))
    with UnitOfWork(engine) as uow:
        assert [c.name for c in uow.jobs.list_companies()] == ["Acme Corp"]


def test_it_builds_a_pipeline_and_moves_stages(engine: Engine) -> None:
    person = people_service.add_person(UnitOfWork(engine), CLOCK,
                                       people_service.NewPerson(name="Jack", phones=["414-555-0142"]))
    job = job_service.add_job(UnitOfWork(engine), CLOCK, job_service.NewJob(
        title="Network Administrator", client="Acme", city="Kenosha", state="WI", urgency=5), "andrew")
    assert job.owner == "andrew" and job.timezone == "America/Chicago" and job.heat == 15
    first = job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, job.id or 0, person.id or 0)
    again = job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, job.id or 0, person.id or 0)
    assert first.id == again.id and first.stage.value == "sourced"
    moved = job_service.move_stage(UnitOfWork(engine), CLOCK, job.id or 0, person.id or 0, "submitted")
    assert moved.stage.value == "submitted"
    with pytest.raises(BadInput, match="stage"):
        job_service.move_stage(UnitOfWork(engine), CLOCK, job.id or 0, person.id or 0, "hired")
    with pytest.raises(NotFound):
        job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, 999, person.id or 0)
