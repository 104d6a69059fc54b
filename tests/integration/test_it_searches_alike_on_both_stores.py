"""The same desk on SQLite and PostgreSQL finds the same people for the same query."""

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from callsheet.clock import FixedClock
from callsheet.domain.fit import canonical_skill
from callsheet.domain.geo import miles_between
from callsheet.services.demo.desk import build_demo, wipe
from callsheet.services.search import fit_pass as fit_pass
from callsheet.services.search import people as search_service
from callsheet.store.engine import make_engine
from callsheet.store.search.common import pipeline_ids, read_hits
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, NOW, truncate_all

QUERIES = [
    'network admin* AND cisco NOT "help desk"',
    "java OR python",
    "(kubernetes OR terraform) aws -title:junior",
    'title:"software engineer" skill:java',
    "company:lakeshore OR company:badger",
    "city:milwaukee sql*",
    '"call back"',
    "itil servicenow -windows",
    "title:(director OR chief) budgeting",
    "k*",
]


@pytest.fixture
def both(tmp_path: Path, sqlite_template: Path, pg_engine: Engine) -> list[Engine]:
    shutil.copy(sqlite_template, tmp_path / "desk.db")
    truncate_all(pg_engine)
    engines = [make_engine(f"sqlite:///{tmp_path / 'desk.db'}"), pg_engine]
    for engine in engines:
        build_demo(UnitOfWork(engine), datetime.fromisoformat(NOW), DESK_ZONE, people_count=400)
    yield engines
    engines[0].dispose()
    wipe(UnitOfWork(pg_engine))


def test_it_finds_the_same_people_on_sqlite_and_postgresql(both: list[Engine]) -> None:
    for query in QUERIES:
        for near in (None, "Milwaukee, WI"):
            request = search_service.SearchRequest(query, near=near, radius=40 if near else None, limit=1000)
            sqlite, postgres = (search_service.search(UnitOfWork(e), request) for e in both)
            assert {f.hit.person_id for f in sqlite} == {f.hit.person_id for f in postgres}, query
            assert sqlite or near, query  # every query finds someone on the demo desk


def test_it_matches_the_same_people_in_the_same_order_on_both_stores(both: list[Engine]) -> None:
    clock = FixedClock(datetime.fromisoformat(NOW))
    for job_id in (1, 5, 9, 12):
        sqlite, postgres = ([(m.hit.person_id, m.score, m.why) for m in search_service.match(UnitOfWork(e), clock,
                                                                                               job_id, limit=25)]
                            for e in both)
        assert sqlite == postgres
        # Proposed: people sharing at least one of the job's skills. The demo already pipelines its few
        # network people (job 12), and Madison (job 5) has fewer than 25 QA people within 75 miles.
        assert len(sqlite) == 25 or job_id in (5, 12)
        assert (sqlite or job_id == 12) and all(not why[0].startswith("0 of") for _, _, why in sqlite)


@pytest.mark.parametrize("first_look", [fit_pass.FIRST_LOOK, 3])
def test_it_matches_the_best_fitting_people_of_the_whole_desk(both: list[Engine], first_look: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # The vectorised pass computes distances only for people who can still reach the top; a small first
    # look makes it lean on that shortcut. Either way the answer is fit() over everyone who qualifies.
    monkeypatch.setattr(fit_pass, "FIRST_LOOK", first_look)
    clock = FixedClock(datetime.fromisoformat(NOW))
    for engine in both:
        for job_id in (1, 5, 9, 12, 20):
            with UnitOfWork(engine) as uow:
                job = uow.jobs.get(job_id)
                assert job is not None and job.lat is not None and job.lon is not None
                everyone = read_hits(uow.connection, {int(i): 0.0 for i in uow.connection.execute(
                    text("SELECT id FROM people WHERE desk_id = :desk"), {"desk": uow.desk_id}).scalars()})
                piped = set(pipeline_ids(uow.connection, job_id))
            wanted = {canonical_skill(s) for s in job.skills}
            qualified = [h for h in everyone if h.suppression == "none" and h.person_id not in piped
                         and wanted & {canonical_skill(s) for s in h.skills} and h.lat is not None
                         and miles_between(job.lat, job.lon, h.lat, h.lon or 0.0) <= search_service.MATCH_RADIUS]
            expected = [(m.hit.person_id, m.score) for m in search_service.rank(job, qualified)[:7]]
            got = [(m.hit.person_id, m.score) for m in search_service.match(UnitOfWork(engine), clock, job_id, 7)]
            assert got == expected, (engine.dialect.name, job_id)
