"""The tantivy index is a copy of the store: it follows every write, and a desk swapped under it
(wiped, restored from a backup) is rebuilt before it answers."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from callsheet.bootstrap import Desk
from callsheet.clock import FixedClock
from callsheet.domain.model import Suppression
from callsheet.services.accounts import backup as backup_service
from callsheet.services.calling import log as outreach
from callsheet.services.demo.desk import wipe
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import erase as erase_service
from callsheet.services.people import records as people_service
from callsheet.services.search import people as search_service
from callsheet.settings import Settings, get_settings
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


def matched(engine: Engine, job_id: int) -> list[int]:
    wait_until_searchable(engine, place.index_dir_of(engine))
    return [m.hit.person_id for m in search_service.match(UnitOfWork(engine), CLOCK, job_id, limit=50)]


def test_it_forgets_a_wiped_desk(engine: Engine) -> None:
    add(engine, "Grace Hopper", title="Rear Admiral")
    assert len(found(engine, "grace")) == 1
    wipe(UnitOfWork(engine))  # as `callsheet demo --fresh` does
    hedy = add(engine, "Hedy Lamarr", title="Inventor")
    assert found(engine, "grace") == [] and found(engine, "hedy") == [hedy]


def test_it_rebuilds_after_a_backup_is_restored(database_url: str, engine: Engine, tmp_path: Path) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("restore works on SQLite desks (PostgreSQL uses pg_restore)")
    ada = add(engine, "Ada Lovelace", title="Analyst")
    assert found(engine, "ada") == [ada]
    backup_service.backup(UnitOfWork(engine), tmp_path / "before.db")
    alan = add(engine, "Alan Turing", title="Codebreaker")
    assert found(engine, "alan") == [alan]
    engine.dispose()
    backup_service.restore(UnitOfWork(engine), tmp_path / "before.db")
    assert found(engine, "alan") == [] and found(engine, "ada") == [ada]


def test_it_keeps_the_index_beside_a_sqlite_desk_unless_told(database_url: str, engine: Engine,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("a PostgreSQL desk's index lives in the user cache dir")
    monkeypatch.delenv("CALLSHEET_SEARCH_DIR")
    get_settings.cache_clear()
    pid = add(engine, "Edsger Dijkstra", title="Professor")
    assert found(engine, "edsger") == [pid]
    db_file = Path(engine.url.database or "")
    assert (db_file.parent / (db_file.name + ".search") / "tantivy").is_dir()


def test_it_follows_suppression_and_erasure(engine: Engine) -> None:
    pid = add(engine, "Barbara Liskov", title="Architect", skills="java")
    with UnitOfWork(engine) as uow:
        outreach.suppress(uow, pid, Suppression.DO_NOT_CALL, "asked", None, "andrew", CLOCK.now())
    assert search_service.search(UnitOfWork(engine), search_service.SearchRequest("liskov")) == []
    assert found(engine, "liskov") == [pid]  # still there when suppressed people are asked for
    erase_service.erase_person(UnitOfWork(engine), CLOCK, pid, "andrew")
    assert found(engine, "liskov") == [] and found(engine, "architect") == []


def test_match_sees_new_and_suppressed_people_at_once(engine: Engine) -> None:
    job = job_service.add_job(UnitOfWork(engine), CLOCK, job_service.NewJob(
        title="Platform Engineer", client="Lakeshore", city="Milwaukee", state="WI", skills="k8s, terraform",
        seniority=3), "andrew")
    assert job.id is not None
    near = add(engine, "Near Person", skills="kubernetes", city="Milwaukee", state="WI")
    far = add(engine, "Far Person", skills="terraform", city="Seattle", state="WA")
    unrelated = add(engine, "Other Person", skills="excel", city="Milwaukee", state="WI")
    assert matched(engine, job.id) == [near]  # a real skill in common, within 75 miles
    later = add(engine, "Later Person", skills="terraform, kubernetes", city="Waukesha", state="WI")
    assert found(engine, "later") == [later]  # the index follows the store ...
    assert matched(engine, job.id) == [later, near]  # ... and match's arrays follow from its journal
    with UnitOfWork(engine) as uow:
        outreach.suppress(uow, later, Suppression.DO_NOT_CALL, "asked", None, "andrew", CLOCK.now())
    job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, job.id, near)
    assert matched(engine, job.id) == []
    assert far not in matched(engine, job.id) and unrelated not in matched(engine, job.id)


def test_it_keeps_a_desks_index_where_its_own_settings_say(database_url: str, tmp_path: Path) -> None:
    desk = Desk(Settings(database_url=database_url, search_dir=tmp_path / "indexes"))
    pid = people_service.add_person(desk.uow(), CLOCK, people_service.NewPerson(name="Barbara Liskov")).id
    hits = search_service.search(desk.uow(), search_service.SearchRequest("liskov"))
    desk.close()
    assert [f.hit.person_id for f in hits] == [pid]
    assert any((tmp_path / "indexes").iterdir())
