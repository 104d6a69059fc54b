"""A desk's records stay in the desk: an import into one desk never merges into another's people, a
do-not-call list holds its own desk's numbers only, and one desk's jobs and report links are not found
from another."""

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from callsheet.clock import FixedClock
from callsheet.domain.errors import NotFound
from callsheet.services.accounts.users import add_user
from callsheet.services.calling.policy import why
from callsheet.services.imports.files import import_file
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.numbers.lists import import_list
from callsheet.services.people import records as people_service
from callsheet.services.reports.shares import link_for_token, share_report
from callsheet.settings import Settings
from callsheet.store.shares_repo import desk_of_share
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW

MONDAY = datetime.fromisoformat(NOW) - timedelta(days=1)
CLOCK = FixedClock(MONDAY)
SETTINGS = Settings(timezone=DESK_ZONE)
NORTH = 2


def _north(engine: Engine) -> None:
    """A second desk beside the default one."""
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desks (id, name, created_at) VALUES (:id, 'North', CURRENT_TIMESTAMP)"),
                     {"id": NORTH})


def _people(engine: Engine, desk: int) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return [(int(i), str(n)) for i, n in conn.execute(
            text("SELECT id, name FROM people WHERE people.desk_id = :desk ORDER BY id"), {"desk": desk})]


def test_an_import_into_a_desk_makes_its_own_people_even_when_another_desk_has_them(
        engine: Engine, tmp_path: Path) -> None:
    _north(engine)
    add_user(UnitOfWork(engine), CLOCK, "dana@example.com", "admin")
    add_user(UnitOfWork(engine, desk_id=NORTH), CLOCK, "nils@example.com", "admin")
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,phone,email,company\nAnn Archer,414-555-0100,ann@example.com,Acme\n"
                     "Bob Baker,414-555-0101,,Acme\n")
    first = import_file(UnitOfWork(engine), CLOCK, "csv", sheet, user_login="dana@example.com")
    assert (first.created, first.merged) == (2, 0)

    north = import_file(UnitOfWork(engine, desk_id=NORTH), CLOCK, "csv", sheet, user_login="nils@example.com")
    assert (north.created, north.merged) == (2, 0)
    again = import_file(UnitOfWork(engine, desk_id=NORTH), CLOCK, "csv", sheet, user_login="nils@example.com")
    assert (again.created, again.merged) == (0, 2)

    default_people, north_people = _people(engine, 1), _people(engine, NORTH)
    assert [n for _, n in default_people] == [n for _, n in north_people] == ["Ann Archer", "Bob Baker"]
    assert not {i for i, _ in default_people} & {i for i, _ in north_people}


def test_a_do_not_call_list_of_one_desk_leaves_another_desks_number_callable(
        engine: Engine, tmp_path: Path) -> None:
    _north(engine)
    add_user(UnitOfWork(engine, desk_id=NORTH), CLOCK, "nils@example.com", "admin")
    ours = people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(
        name="Greta Lindqvist", phones=["414-555-0142"])).id or 0
    theirs = people_service.add_person(UnitOfWork(engine, desk_id=NORTH), CLOCK, people_service.NewPerson(
        name="Greta Lindqvist", phones=["414-555-0142"])).id or 0
    listed = tmp_path / "state.txt"
    listed.write_text("414-555-0142\n")
    import_list(UnitOfWork(engine, desk_id=NORTH), CLOCK, listed, "State DNC", "nils@example.com")

    later = FixedClock(MONDAY + timedelta(hours=1))
    assert why(UnitOfWork(engine), later, SETTINGS, ours).callable
    assert not why(UnitOfWork(engine, desk_id=NORTH), later, SETTINGS, theirs).callable


def test_a_desks_jobs_and_report_links_are_not_found_from_another_desk(engine: Engine) -> None:
    _north(engine)
    add_user(UnitOfWork(engine, desk_id=NORTH), CLOCK, "nils@example.com", "admin")
    job = job_service.add_job(UnitOfWork(engine, desk_id=NORTH), CLOCK, job_service.NewJob(
        title="Controls Engineer", client="Acme", city="Milwaukee", state="WI"), "nils@example.com")
    job_id = job.id or 0
    link = share_report(UnitOfWork(engine, desk_id=NORTH), CLOCK, job_id, 7, "nils@example.com")

    assert job_service.get_job(UnitOfWork(engine, desk_id=NORTH), job_id).title == "Controls Engineer"
    with pytest.raises(NotFound):
        job_service.get_job(UnitOfWork(engine), job_id)
    assert job_id not in [j.id for j in job_service.list_jobs(UnitOfWork(engine), status=None)]

    # The public page finds the link's desk first, then opens the link there; another desk knows no such link.
    token_hash = hashlib.sha256(link.token.encode("utf-8")).hexdigest()
    with engine.connect() as conn:
        assert desk_of_share(conn, token_hash) == NORTH
    assert link_for_token(UnitOfWork(engine, desk_id=NORTH), CLOCK, link.token).job_id == job_id
    with pytest.raises(NotFound):
        link_for_token(UnitOfWork(engine), CLOCK, link.token)
