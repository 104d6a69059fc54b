"""people.last_touch_at (what the call sheet reads for staleness) always equals the latest touch.

Checked against the touches themselves after each write that adds, moves or removes touches:
logging (also late, for an earlier moment), merging two records, erasing a person, importing a file
that matches a person, and building the demo desk.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, update

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.demo.desk import build_demo
from callsheet.services.imports.files import import_file
from callsheet.services.people import records as people_service
from callsheet.services.people.erase import erase_person
from callsheet.services.people.merge import merge_people
from callsheet.store.tables import people, touches
from callsheet.store.uow import UnitOfWork

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
CLOCK = FixedClock(NOW)


def _mismatches(engine: Engine) -> list[tuple[int, datetime | None, datetime | None]]:
    latest = select(func.max(touches.c.at)).where(touches.c.person_id == people.c.id).scalar_subquery()
    with engine.connect() as conn:
        rows = conn.execute(select(people.c.id, people.c.last_touch_at, latest.label("latest"))).all()
    return [(r.id, r.last_touch_at, r.latest) for r in rows if r.last_touch_at != r.latest]


def _last(engine: Engine, person_id: int) -> datetime | None:
    with engine.connect() as conn:
        return conn.execute(select(people.c.last_touch_at).where(people.c.id == person_id)).scalar()


def _person(engine: Engine, name: str, phone: str) -> int:
    return people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(
        name=name, phones=[phone], city="Milwaukee", state="WI")).id or 0


def _log(engine: Engine, person_id: int, at: datetime, outcome: str = "no_answer") -> None:
    log_touch(UnitOfWork(engine), FixedClock(at), LogRequest(person_id, outcome, at=at), "andrew")


def test_logging_moves_it_forward_and_a_late_entry_for_earlier_leaves_it(engine: Engine) -> None:
    ann = _person(engine, "Ann Lee", "414-555-0101")
    assert _last(engine, ann) is None
    _log(engine, ann, NOW - timedelta(days=3))
    _log(engine, ann, NOW - timedelta(days=1))
    assert _last(engine, ann) == NOW - timedelta(days=1)
    # Logged now, about a call two days ago: the later call stays the last touch.
    log_touch(UnitOfWork(engine), CLOCK, LogRequest(ann, "voicemail", at=NOW - timedelta(days=2)), "andrew")
    assert _last(engine, ann) == NOW - timedelta(days=1)
    assert _mismatches(engine) == []


def test_merging_keeps_the_later_of_both_and_erasing_clears_it(engine: Engine) -> None:
    keep, other = _person(engine, "Bo Kim", "414-555-0102"), _person(engine, "Bo Kim", "414-555-0103")
    _log(engine, keep, NOW - timedelta(days=5))
    _log(engine, other, NOW - timedelta(days=2))
    merge_people(UnitOfWork(engine), CLOCK, keep, other)
    assert _last(engine, keep) == NOW - timedelta(days=2)
    assert _mismatches(engine) == []
    erase_person(UnitOfWork(engine), CLOCK, keep, "andrew")
    assert _last(engine, keep) is None
    assert _mismatches(engine) == []


def test_any_write_of_touches_keeps_it_even_one_made_directly_in_the_store(engine: Engine) -> None:
    # The store keeps it (triggers on touches), not the code that writes them: a touch moved to an
    # earlier moment or to someone else, or deleted, leaves every last touch right.
    di, ed = _person(engine, "Di Ng", "414-555-0106"), _person(engine, "Ed Ng", "414-555-0107")
    for days in (6, 3):
        _log(engine, di, NOW - timedelta(days=days))
    _log(engine, ed, NOW - timedelta(days=4))
    latest = select(func.max(touches.c.id)).where(touches.c.person_id == di).scalar_subquery()
    with engine.begin() as conn:
        conn.execute(update(touches).where(touches.c.id == latest).values(at=NOW - timedelta(days=8)))
    assert _last(engine, di) == NOW - timedelta(days=6)
    with engine.begin() as conn:
        conn.execute(update(touches).where(touches.c.person_id == ed).values(person_id=di))
    assert (_last(engine, di), _last(engine, ed)) == (NOW - timedelta(days=4), None)
    with engine.begin() as conn:
        conn.execute(delete(touches).where(touches.c.person_id == di, touches.c.at > NOW - timedelta(days=5)))
    assert _last(engine, di) == NOW - timedelta(days=6)
    assert _mismatches(engine) == []


def test_an_import_that_matches_a_touched_person_leaves_it(engine: Engine, tmp_path: Path) -> None:
    cy = _person(engine, "Cy Diaz", "414-555-0104")
    _log(engine, cy, NOW - timedelta(days=4))
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,phone,title\nCy Diaz,414-555-0104,DBA\nNew Person,414-555-0105,Analyst\n")
    import_file(UnitOfWork(engine), CLOCK, "csv", sheet, user_login="andrew")
    assert _last(engine, cy) == NOW - timedelta(days=4)
    assert _mismatches(engine) == []


def test_the_demo_desk_is_built_with_it(engine: Engine) -> None:
    build_demo(UnitOfWork(engine), NOW, "America/Chicago", 200)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).where(people.c.last_touch_at.is_not(None))).scalar_one() > 100
    assert _mismatches(engine) == []
