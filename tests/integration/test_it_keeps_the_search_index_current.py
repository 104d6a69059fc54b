from datetime import UTC, datetime

from sqlalchemy import Engine, text

from callsheet.clock import FixedClock
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.services.people import records as people_service
from callsheet.services.search import people as search_service
from callsheet.store.search import place, wait_until_searchable
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))


def found(engine: Engine, query: str) -> list[int]:
    """What a search finds once the background follower has applied every write made so far."""
    wait_until_searchable(engine, place.index_dir_of(engine))
    hits = search_service.search(UnitOfWork(engine), search_service.SearchRequest(query, include_suppressed=True))
    return [f.hit.person_id for f in hits]


def add(engine: Engine, name: str, **kw: str) -> int:
    person = people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(name=name, **kw))
    assert person.id is not None
    return person.id


def test_it_finds_a_person_as_soon_as_they_are_added(engine: Engine) -> None:
    pid = add(engine, "Grace Hopper", title="Network Administrator", company="Cream City Systems",
              skills="cisco, vpn", city="Milwaukee", state="WI", profile="Ran the COBOL migration.")
    for query in ("grace", "title:network", "company:cream", "skill:cisco", "cobol", "city:milwaukee",
                  '"network administrator"', "admin*"):
        assert found(engine, query) == [pid], query


def test_it_follows_every_update_of_a_person(engine: Engine) -> None:
    pid = add(engine, "Alan Turing", title="Help Desk Technician", skills="windows")
    uow = UnitOfWork(engine)
    with uow:
        person = uow.people.get(pid)
        assert person is not None
        person.title, person.skills = "Cloud Engineer", ["aws", "terraform"]
        uow.people.update(person, CLOCK.now())
    assert found(engine, "title:cloud terraform") == [pid]
    assert found(engine, '"help desk"') == [] and found(engine, "windows") == []


def test_it_indexes_call_notes_when_they_are_logged_and_forgets_them_when_removed(engine: Engine) -> None:
    pid = add(engine, "Ada Lovelace", title="Data Engineer")
    uow = UnitOfWork(engine)
    with uow:
        touch_id = uow.touches.add(Touch(person_id=pid, at=CLOCK.now(), outcome=Outcome.INTERESTED,
                                         notes="Keen on hybrid, ask about Snowflake"), None, CLOCK.now())
        uow.touches.add(Touch(person_id=pid, at=CLOCK.now(), outcome=Outcome.VOICEMAIL, notes="Left VM"),
                        None, CLOCK.now())
    assert found(engine, "snowflake hybrid") == [pid]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM touches WHERE id = :id"), {"id": touch_id})
    assert found(engine, "snowflake") == []
    assert found(engine, "left vm") == [pid]


def test_it_follows_a_company_rename_and_a_deletion(engine: Engine) -> None:
    pid = add(engine, "Edsger Dijkstra", company="Structured Labs")
    with engine.begin() as conn:
        conn.execute(text("UPDATE companies SET name = 'Shortest Path Inc' WHERE name = 'Structured Labs'"))
    assert found(engine, "company:shortest") == [pid] and found(engine, "structured") == []
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM people WHERE id = :id"), {"id": pid})
    assert found(engine, "edsger") == []


def test_it_rebuilds_the_same_index_on_reindex(engine: Engine) -> None:
    ids = [add(engine, f"Person {n}", title="Linux Systems Engineer", skills="ansible") for n in range(3)]
    before = found(engine, "linux ansible")
    assert search_service.reindex(UnitOfWork(engine)) == 3
    assert sorted(found(engine, "linux ansible")) == sorted(before) == ids
