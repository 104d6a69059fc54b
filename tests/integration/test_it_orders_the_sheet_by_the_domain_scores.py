"""On any desk, the call sheet is the plain Python sort of its rows by the domain's scores: each
person's best open candidacy scored by domain.scoring.sheet_points from what the desk holds (heat,
client target, skills, seniority, distance, staleness, a callback due), the best people by score,
in domain.scoring.sheet_order. The store's statement and the lazy ranking only make it fast."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.domain.geo import miles_between
from callsheet.domain.model import CLOSED_STAGES
from callsheet.domain.outcomes import Outcome
from callsheet.domain.scoring import SheetCandidate, sheet_order, sheet_points
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.calling.sheet import call_sheet
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, STORES
from tests.integration.desks import Stores, add_job, add_person, add_to_pipeline

NOW = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # Tuesday 10:00 in Milwaukee: every zone below is open
SETTINGS = Settings(timezone=DESK_ZONE)
# Places in the desk's zone, so that every window closes at the same time; "" is a person unplaced.
PLACES = [("Milwaukee", "WI"), ("Madison", "WI"), ("Chicago", "IL"), ("Minneapolis", "MN"), ("", "")]
SKILLS = ["sql", "python", "java", "excel", "cisco"]


@dataclass(frozen=True)
class OpenJob:
    place: int
    urgency: int
    opportunity: int
    skills: frozenset[str]
    seniority: int | None


@dataclass(frozen=True)
class Someone:
    place: int
    skills: frozenset[str]
    seniority: int | None
    #: Days and minutes since their last call, if ever called.
    last_call: tuple[int, int] | None
    #: (job index, a client-named target, asked for a callback that is due now)
    pipelines: list[tuple[int, bool, bool]]


levels = st.none() | st.integers(1, 5)
skill_sets = st.frozensets(st.sampled_from(SKILLS), max_size=4)
jobs = st.lists(st.builds(OpenJob, st.integers(0, 3), st.integers(1, 5), st.integers(1, 5), skill_sets, levels),
                min_size=1, max_size=3)
people = st.lists(st.builds(
    Someone, st.integers(0, len(PLACES) - 1), skill_sets, levels,
    st.none() | st.tuples(st.integers(0, 40), st.integers(1, 59)),
    st.lists(st.tuples(st.integers(0, 2), st.booleans(), st.booleans()), min_size=1, max_size=2)),
    min_size=1, max_size=12)


@pytest.fixture(params=STORES)
def stores(request: pytest.FixtureRequest, sqlite_template: Path) -> Stores:
    return Stores(request, sqlite_template)


def _build(engine: Engine, desk_jobs: list[OpenJob], desk: list[Someone]) -> None:
    before = NOW - timedelta(days=60)
    ids = [add_job(engine, before, f"Job {i}", *PLACES[j.place], urgency=j.urgency, opportunity=j.opportunity,
                   skills=", ".join(sorted(j.skills)), seniority=j.seniority) for i, j in enumerate(desk_jobs)]
    for i, someone in enumerate(desk):
        pid = add_person(engine, before, f"Person {i}", [f"+1414555{1000 + i:04d}"], *PLACES[someone.place],
                         skills=", ".join(sorted(someone.skills)), seniority=someone.seniority)
        callbacks = []
        for index, is_target, callback in someone.pipelines:
            job = ids[index % len(ids)]
            add_to_pipeline(engine, before, job, pid, is_target)
            if callback:
                callbacks.append(job)
        for k, job in enumerate(dict.fromkeys(callbacks)):  # asked two days ago to be called back this morning
            at = NOW - timedelta(days=2, minutes=k)
            log_touch(UnitOfWork(engine), FixedClock(at), LogRequest(
                pid, "callback", job_id=job, at=at, callback_at=NOW - timedelta(hours=2)), "andrew")
        if someone.last_call is not None:
            days, minutes = someone.last_call
            at = NOW - timedelta(days=days, minutes=minutes)
            log_touch(UnitOfWork(engine), FixedClock(at), LogRequest(pid, "connected", at=at), "andrew")


def _expected(engine: Engine, limit: int) -> list[tuple[int, int, tuple[object, ...]]]:
    """The sheet by hand: every open candidacy scored by the domain, each person's best, sorted."""
    best: dict[int, tuple[float, int, bool]] = {}
    with UnitOfWork(engine).reading() as uow:
        for job in uow.jobs.all():
            for c in uow.jobs.pipeline(job.id):
                if c.stage in CLOSED_STAGES:
                    continue
                person = uow.people.get(c.person_id)
                history = [t for t in uow.touches.for_person(c.person_id) if t.at <= NOW]
                wanted = set(job.skills)
                due = any(t.outcome is Outcome.CALLBACK and t.job_id == job.id and t.callback_at is not None
                          and t.callback_at <= NOW for t in history)
                score = sheet_points(SheetCandidate(
                    job.urgency, job.opportunity, c.is_target, len(wanted & set(person.skills)), len(wanted),
                    person.seniority - job.seniority if person.seniority and job.seniority else None,
                    miles_between(person.lat, person.lon, job.lat, job.lon)
                    if person.lat is not None and job.lat is not None and job.lon is not None else None,
                    (NOW - history[-1].at).total_seconds() / 86400 if history else None, due))
                mine = (score, -(job.id or 0), due)
                if c.person_id not in best or mine > best[c.person_id]:
                    best[c.person_id] = mine
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    rows = [(pid, -negative_job, _key(due, score)) for pid, (score, negative_job, due) in ranked]
    return sorted(rows, key=lambda row: row[2])


def _key(due: bool, score: float) -> tuple[object, ...]:
    """The sheet's sort key (every window here closes at the same time) of a score kept to the cent."""
    return sheet_order(due, round(score, 2), None, NOW)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(desk_jobs=jobs, desk=people, limit=st.integers(1, 15))
def test_the_sheet_is_the_python_sort_of_its_rows_by_domain_scores(stores: Stores, desk_jobs: list[OpenJob],
                                                                  desk: list[Someone], limit: int) -> None:
    with stores.fresh() as (_, engine):
        _build(engine, desk_jobs, desk)
        sheet = call_sheet(UnitOfWork(engine), FixedClock(NOW), SETTINGS, None, limit)
        want = _expected(engine, limit)
        got = [(r.person_id, r.job_id, _key(r.callback_due_at is not None, r.score)) for r in sheet]
        # The same keys in the same order; rows whose keys tie may stand in either order.
        assert [k for _, _, k in got] == [k for _, _, k in want]
        assert sorted(got, key=lambda row: (row[2], row[0])) == sorted(want, key=lambda row: (row[2], row[0]))
