"""Whatever happened to people and whenever the desk asks, the call sheet holds exactly the people
`why` says may be called about their job: marks (do not call, deceased), an admin's lifts, cool-offs
(hung up, no answer, voicemail, busy), callbacks, wrong numbers and declines, logged before or after
the moment asked about, on both stores."""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput
from callsheet.domain.model import CLOSED_STAGES
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.calling.policy import why
from callsheet.services.calling.sheet import call_sheet
from callsheet.services.people.suppressions import lift
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests.conftest import DESK_ZONE, STORES
from tests.e2e.cli import run
from tests.integration.desks import Stores, add_job, add_person, add_to_pipeline

START = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 8:00 in Milwaukee
SPAN = timedelta(days=21)
SETTINGS = Settings(timezone=DESK_ZONE)
PLACES = [("Milwaukee", "WI"), ("Hartford", "CT"), ("Miami", "FL"), ("Denver", "CO"), ("Seattle", "WA")]
ACTS = ["no_answer", "busy", "voicemail", "hung_up", "connected", "callback", "do_not_call", "deceased",
        "wrong_number", "declined", "interested", "lift"]


@dataclass(frozen=True)
class Act:
    minutes: int  # after START
    what: str
    about_job: bool
    phone: int  # which of the person's numbers (a wrong number)
    callback_hours: int


@dataclass(frozen=True)
class Someone:
    place: int
    phones: int
    job: int
    acts: list[Act]


def _minutes() -> st.SearchStrategy[int]:
    return st.integers(0, int(SPAN.total_seconds() // 60))


acts = st.builds(Act, _minutes(), st.sampled_from(ACTS), st.booleans(), st.integers(0, 1), st.integers(1, 80))
people = st.lists(st.builds(Someone, st.integers(0, len(PLACES) - 1), st.integers(1, 2), st.integers(0, 1),
                            st.lists(acts, max_size=5)), min_size=1, max_size=6)
# Moments asked about: near something that happened (just before or after a mark, a lift, a call),
# now and then at night or on a weekend. (act picked, minutes from it)
moments = st.lists(st.tuples(st.integers(0, 60), st.integers(-3 * 24 * 60, 3 * 24 * 60)), min_size=1, max_size=3)


@pytest.fixture(params=STORES)
def stores(request: pytest.FixtureRequest, sqlite_template: Path) -> Stores:
    return Stores(request, sqlite_template)


def _number(i: int, k: int) -> str:
    return f"+1414555{1000 + 2 * i + k:04d}"


def _build(engine: Engine, desk: list[Someone]) -> list[tuple[int, int]]:
    """The people, each in one of two jobs, and their history logged moment by moment; (person, job)."""
    before = START - timedelta(days=1)
    with UnitOfWork(engine) as uow:
        uow.users.add("boss", "Pat Admin", "admin", before)
    jobs = [add_job(engine, before, title, "Milwaukee", "WI") for title in ("Network Admin", "DBA")]
    placed = []
    for i, someone in enumerate(desk):
        city, state = PLACES[someone.place]
        pid = add_person(engine, before, f"Person {i}", [_number(i, k) for k in range(someone.phones)], city, state)
        add_to_pipeline(engine, before, jobs[someone.job], pid)
        placed.append((pid, jobs[someone.job]))
    story = sorted(((act.minutes, i, act) for i, someone in enumerate(desk) for act in someone.acts),
                   key=lambda x: (x[0], x[1]))
    for minutes, i, act in story:
        pid, job = placed[i]
        at = START + timedelta(minutes=minutes)
        clock = FixedClock(at)
        if act.what == "lift":
            with suppress(BadInput):  # not marked at that moment: nothing to lift
                lift(UnitOfWork(engine), clock, pid, "Marked by mistake", "boss")
            continue
        job_level = act.what in ("callback", "declined", "interested")
        request = LogRequest(
            pid, act.what, job_id=job if act.about_job or job_level else None, at=at,
            phone=_number(i, min(act.phone, desk[i].phones - 1)) if act.what == "wrong_number" else None,
            reason="timing" if act.what == "declined" else "",
            callback_at=at + timedelta(hours=act.callback_hours) if act.what == "callback" else None)
        log_touch(UnitOfWork(engine), clock, request, "andrew")
    return placed


def _open(engine: Engine, placed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    with UnitOfWork(engine).reading() as uow:
        return [(pid, job) for pid, job in placed
                if any(c.job_id == job and c.stage not in CLOSED_STAGES for c in uow.jobs.candidacies_of(pid))]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(desk=people, asked=moments, through_the_cli=st.booleans())
def test_the_sheet_holds_exactly_the_people_why_would_call(stores: Stores, desk: list[Someone],
                                                           asked: list[tuple[int, int]], through_the_cli: bool) -> None:
    happened = sorted(act.minutes for someone in desk for act in someone.acts) or [0]
    with stores.fresh() as (url, engine):
        candidates = _open(engine, _build(engine, desk))
        for pick, offset in asked:
            now = START + timedelta(minutes=max(0, happened[pick % len(happened)] + offset))
            clock = FixedClock(now)
            on_sheet = {r.person_id for r in call_sheet(UnitOfWork(engine), clock, SETTINGS, None, limit=500)}
            for pid, job in candidates:
                decision = why(UnitOfWork(engine), clock, SETTINGS, pid, job)
                assert (pid in on_sheet) is decision.callable, (now, pid, decision)
            if through_the_cli:
                _the_cli_agrees(url, now, candidates, on_sheet)


def _the_cli_agrees(url: str, now: datetime, candidates: list[tuple[int, int]], on_sheet: set[int]) -> None:
    saved = {k: os.environ.get(k) for k in ("CALLSHEET_DATABASE_URL", "CALLSHEET_NOW", "CALLSHEET_TIMEZONE")}
    os.environ.update(CALLSHEET_DATABASE_URL=url, CALLSHEET_NOW=(START + SPAN + timedelta(days=2)).isoformat(),
                      CALLSHEET_TIMEZONE=DESK_ZONE)
    try:
        at = now.isoformat()
        sheet = run("queue", "--at", at, "--limit", "500", "--json").json()
        assert {r["person_id"] for r in sheet} == on_sheet
        for pid, job in candidates:
            verdict = run("why", str(pid), "--job", str(job), "--at", at, "--json").json()
            assert verdict["callable"] is (pid in on_sheet), (now, pid, verdict)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
