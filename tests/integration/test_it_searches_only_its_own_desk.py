"""One search index holds every desk's people, and each desk searches, matches and counts its own only."""

from datetime import UTC, datetime

from sqlalchemy import Engine, insert, text

from callsheet.clock import FixedClock
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.services.search import people as search_service
from callsheet.store.search import place, wait_until_searchable
from callsheet.store.tables import desks
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))
RARE = "zanzibarscript"
COMPANY = {1: "Acme", 2: "Zenith"}
RECRUITER = {1: "andrew", 2: "zelda"}


def open_second_desk(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(desks).values(id=2, name="Second", created_at=CLOCK.now()))


def person_id(engine: Engine, desk: int, name: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT id FROM people WHERE desk_id = :d AND name = :n"),
                                      {"d": desk, "n": name}).scalar_one())


def job_id(engine: Engine, desk: int, title: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT id FROM jobs WHERE desk_id = :d AND title = :t"),
                                      {"d": desk, "t": title}).scalar_one())


def found(engine: Engine, desk: int, query: str) -> list[int]:
    wait_until_searchable(engine, place.index_dir_of(engine))
    request = search_service.SearchRequest(query, include_suppressed=True)
    return [f.hit.person_id for f in search_service.search(UnitOfWork(engine, desk_id=desk), request)]


def matched(engine: Engine, desk: int, job: int) -> list[int]:
    wait_until_searchable(engine, place.index_dir_of(engine))
    return [m.hit.person_id for m in search_service.match(UnitOfWork(engine, desk_id=desk), CLOCK, job, limit=50)]


def add_job(engine: Engine, desk: int, title: str, skills: str = "") -> int:
    job_service.add_job(UnitOfWork(engine, desk_id=desk), CLOCK, job_service.NewJob(
        title=title, client=COMPANY[desk], city="Milwaukee", state="WI", skills=skills), RECRUITER[desk])
    return job_id(engine, desk, title)


def test_a_person_of_another_desk_is_never_found_matched_or_counted(engine: Engine) -> None:
    open_second_desk(engine)
    people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(
        name="Grace Hopper", title="Rear Admiral", company="Acme", skills="cobol"))
    people_service.add_person(UnitOfWork(engine, desk_id=2), CLOCK, people_service.NewPerson(
        name="Zora Quill", title="Zanzibarscript Wrangler", company="Zenith", skills=RARE, city="Milwaukee",
        state="WI"))
    grace, zora = person_id(engine, 1, "Grace Hopper"), person_id(engine, 2, "Zora Quill")

    assert found(engine, 1, RARE) == [] and found(engine, 1, f"skill:{RARE}") == []
    assert found(engine, 1, "acme") == [grace] and found(engine, 1, "zenith") == []
    assert found(engine, 2, RARE) == [zora] and found(engine, 2, "zenith") == [zora] and found(engine, 2, "acme") == []

    by_skill = {desk: add_job(engine, desk, "Script Lead", skills=RARE) for desk in (1, 2)}
    by_title = {desk: add_job(engine, desk, "Zanzibarscript Wrangler") for desk in (1, 2)}
    assert matched(engine, 1, by_skill[1]) == [] and matched(engine, 1, by_title[1]) == []
    assert matched(engine, 2, by_skill[2]) == [zora] and matched(engine, 2, by_title[2]) == [zora]

    for desk, alone in ((1, grace), (2, zora)):  # the arrays a match scores hold the desk's own people only
        with UnitOfWork(engine, desk_id=desk).reading() as uow:
            arrays = uow.search.match_arrays()
            assert arrays.ids[arrays.alive].tolist() == [alone]

    # A rebuild covers every desk; each desk counts its own people only.
    assert search_service.reindex(UnitOfWork(engine)) == 1
    assert search_service.reindex(UnitOfWork(engine, desk_id=2)) == 1
    assert found(engine, 1, RARE) == [] and found(engine, 2, RARE) == [zora]
    assert matched(engine, 1, by_skill[1]) == [] and matched(engine, 2, by_skill[2]) == [zora]
