"""Fresh desks for property tests: one empty store per example, on SQLite or PostgreSQL."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import PG_URL, truncate_all


class Stores:
    """Hands out an empty store per example: a copy of the migrated SQLite template, or PostgreSQL
    truncated."""

    def __init__(self, request: pytest.FixtureRequest, sqlite_template: Path) -> None:
        self.store = request.param
        self._template = sqlite_template
        self._pg: Engine | None = request.getfixturevalue("pg_engine") if self.store == "postgresql" else None

    @contextmanager
    def fresh(self) -> Iterator[tuple[str, Engine]]:
        with tempfile.TemporaryDirectory() as folder:
            if self._pg is not None:
                truncate_all(self._pg)
                url = PG_URL
            else:
                path = Path(folder) / "desk.db"
                shutil.copy(self._template, path)
                url = f"sqlite:///{path}"
            engine = make_engine(url)
            try:
                yield url, engine
            finally:
                engine.dispose()


def add_job(engine: Engine, at: datetime, title: str, city: str, state: str, urgency: int = 3,
            opportunity: int = 3, skills: str = "", seniority: int | None = None) -> int:
    return job_service.add_job(UnitOfWork(engine), FixedClock(at), job_service.NewJob(
        title=title, client="Acme", city=city, state=state, urgency=urgency, opportunity=opportunity, skills=skills,
        seniority=seniority), "andrew").id or 0


def add_person(engine: Engine, at: datetime, name: str, phones: list[str], city: str = "", state: str = "",
               skills: str = "", seniority: int | None = None) -> int:
    return people_service.add_person(UnitOfWork(engine), FixedClock(at), people_service.NewPerson(
        name=name, phones=phones, city=city, state=state, skills=skills, seniority=seniority)).id or 0


def add_to_pipeline(engine: Engine, at: datetime, job_id: int, person_id: int, is_target: bool = False) -> None:
    job_service.add_to_pipeline(UnitOfWork(engine), FixedClock(at), job_id, person_id, is_target)
