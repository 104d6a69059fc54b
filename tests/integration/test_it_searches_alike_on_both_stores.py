"""The same desk on SQLite and PostgreSQL finds the same people for the same query."""

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.services import search as search_service
from callsheet.services.demo import build_demo, wipe
from callsheet.store.engine import make_engine
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
        build_demo(engine, datetime.fromisoformat(NOW), DESK_ZONE, people_count=400)
    yield engines
    engines[0].dispose()
    wipe(pg_engine)


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
