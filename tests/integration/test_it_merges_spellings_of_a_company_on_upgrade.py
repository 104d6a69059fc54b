"""A desk stored before company names were keyed by cleanco ("Acme", "ACME, Inc." and "Acme Corp" as three
companies) has one Acme after the upgrade: everything that pointed at a spelling points at it, and each
merge is on record."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, MetaData, Table, insert, select

from callsheet.services.accounts.access import visible_jobs
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.tables import applications, companies, company_merges, jobs, people, users
from callsheet.store.uow import UnitOfWork

AT = datetime(2026, 11, 1, 15, 0, tzinfo=UTC)


@dataclass
class OldDesk:
    acme: int
    acme_inc: int
    acme_corp: int
    rockets: int
    people: dict[str, int]
    job: int
    manager: int
    application: int


def _add(conn: Connection, table: Table, **values: Any) -> int:
    """A row written as the store at that revision had it: its table read from the database, not today's."""
    as_it_was = Table(table.name, MetaData(), autoload_with=conn)
    defaults = {c.name: c.default.arg for c in table.c  # today's plain defaults, for the columns it had
                if c.name in as_it_was.c and c.default is not None and c.default.is_scalar}
    values = {**defaults, **values}
    new_id: int = conn.execute(insert(as_it_was).values(**values)).inserted_primary_key[0]  # type: ignore[index]
    return new_id


def _company(conn: Connection, name: str, old_key: str, **values: Any) -> int:
    return _add(conn, companies, name=name, name_key=old_key, created_at=AT, **{"city": "", "state": "",
                                                                                  "is_client": False, **values})


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    """A database of its own, built up to the revision each test starts from."""
    built = make_engine(empty_database_url)
    yield built
    built.dispose()


@pytest.fixture
def old_desk(engine: Engine) -> Iterator[OldDesk]:
    """The store at the revision before company keys, holding companies under their old, simple keys."""
    config = schema.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0123")
    with engine.begin() as conn:
        acme = _company(conn, "Acme", "acme")
        acme_inc = _company(conn, "ACME, Inc.", "acme, inc.", city="Milwaukee", state="WI")
        acme_corp = _company(conn, "Acme Corp", "acme corp", is_client=True)
        rockets = _company(conn, "Acme Rockets", "acme rockets")
        folks = {name: _add(conn, people, name=name, company_id=company, created_at=AT, updated_at=AT)
                 for name, company in (("Ann", acme), ("Bo", acme_inc), ("Cy", acme_corp), ("Dee", rockets))}
        job = _add(conn, jobs, title="Network Administrator", company_id=acme_corp, created_at=AT)
        manager = _add(conn, users, login="hank@example.com", name="Hank", role="hiring_manager",
                       company_id=acme_inc, created_at=AT)
        application = _add(conn, applications, user_id=manager, company_id=acme_inc, role="Analyst",
                           applied_on=date(2026, 11, 2), created_at=AT)
    yield OldDesk(acme, acme_inc, acme_corp, rockets, folks, job, manager, application)


def test_acme_acme_inc_and_acme_corp_are_one_company_after_the_upgrade(engine: Engine, old_desk: OldDesk) -> None:
    schema.upgrade(engine)
    with engine.connect() as conn:
        kept = conn.execute(select(companies).order_by(companies.c.id)).all()
        assert [(c.id, c.name, c.name_key) for c in kept] == [(old_desk.acme, "Acme", "acme"),
                                                              (old_desk.rockets, "Acme Rockets", "acme rockets")]
        assert (kept[0].is_client, kept[0].city, kept[0].state) == (True, "Milwaukee", "WI")
        assert dict(conn.execute(select(people.c.name, people.c.company_id)).all()) == {
            "Ann": old_desk.acme, "Bo": old_desk.acme, "Cy": old_desk.acme, "Dee": old_desk.rockets}
        assert conn.execute(select(jobs.c.company_id)).scalar_one() == old_desk.acme
        assert conn.execute(select(users.c.company_id)).scalar_one() == old_desk.acme
        assert conn.execute(select(applications.c.company_id)).scalar_one() == old_desk.acme
        merges = conn.execute(select(company_merges).order_by(company_merges.c.merged_id)).all()
    assert [(m.kept_id, m.merged_id, m.merged_name) for m in merges] == [
        (old_desk.acme, old_desk.acme_inc, "ACME, Inc."), (old_desk.acme, old_desk.acme_corp, "Acme Corp")]
    assert all(m.at.tzinfo is not None for m in merges)


def test_after_the_upgrade_every_spelling_finds_the_kept_acme_and_acme_rockets_stays_apart(
        engine: Engine, old_desk: OldDesk) -> None:
    schema.upgrade(engine)
    uow = UnitOfWork(engine)
    with uow:
        found = {name: (c.id if (c := uow.jobs.company_by_name(name)) else None)
                 for name in ("Acme Corporation", "acme, inc", "ACME CORP.", "Acme Rockets LLC")}
    assert found == {"Acme Corporation": old_desk.acme, "acme, inc": old_desk.acme, "ACME CORP.": old_desk.acme,
                     "Acme Rockets LLC": old_desk.rockets}


def test_a_hiring_manager_of_acme_inc_still_sees_the_job_filed_under_acme_corp_after_the_upgrade(
        engine: Engine, old_desk: OldDesk) -> None:
    schema.upgrade(engine)
    with UnitOfWork(engine) as uow:
        manager = uow.users.by_login("hank@example.com")
    assert manager is not None and manager.company_id == old_desk.acme
    assert [j.id for j in visible_jobs(UnitOfWork(engine), manager)] == [old_desk.job]
