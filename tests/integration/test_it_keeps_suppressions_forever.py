"""A suppression never comes back by any sequence of later outcomes; only an admin's lift ends it."""

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput, Forbidden
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.services.people.suppressions import lift
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork
from tests.conftest import truncate_all

START = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
LATER = ["no_answer", "busy", "voicemail", "interested", "callback", "hung_up", "declined", "referral",
         "wrong_number", "do_not_call", "deceased", "connected"]


def _setup(engine: Engine) -> tuple[int, int]:
    clock = FixedClock(START)
    p = people_service.add_person(UnitOfWork(engine), clock, people_service.NewPerson(
        name="Jack Kowalski", phones=["414-555-0142"], city="Milwaukee", state="WI"))
    j = job_service.add_job(UnitOfWork(engine), clock, job_service.NewJob(title="DBA", client="Acme"), "andrew")
    job_service.add_to_pipeline(UnitOfWork(engine), clock, j.id or 0, p.id or 0)
    return p.id or 0, j.id or 0


def _log(engine: Engine, at: datetime, person_id: int, job_id: int, outcome: str) -> None:
    extra: dict[str, object] = {}
    if outcome == "declined":
        extra["reason"] = "timing"
    if outcome == "callback":
        extra["callback_at"] = at + timedelta(days=1)
    if outcome == "referral":
        extra.update(referral_name="Ann Referral", referral_phone="414-555-0199")
    log_touch(UnitOfWork(engine), FixedClock(at), LogRequest(person_id=person_id, outcome=outcome, job_id=job_id,
                                                             **extra), "dana")  # type: ignore[arg-type]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mark=st.sampled_from(["do_not_call", "deceased"]), later=st.lists(st.sampled_from(LATER), max_size=6))
def test_no_later_outcome_brings_a_suppressed_person_back(engine: Engine, mark: str, later: list[str]) -> None:
    truncate_all(engine) if engine.dialect.name == "postgresql" else _wipe(engine)
    person_id, job_id = _setup(engine)
    _log(engine, START, person_id, job_id, mark)
    for i, outcome in enumerate(later, 1):
        with contextlib.suppress(BadInput):
            _log(engine, START + timedelta(hours=i), person_id, job_id, outcome)
    stored = people_service.get_person(UnitOfWork(engine), person_id)
    assert stored.suppression.value == mark


def _wipe(engine: Engine) -> None:
    from callsheet.store.tables import metadata

    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


def test_only_an_admin_lifts_a_mark_with_a_reason_and_it_is_audited(engine: Engine) -> None:
    person_id, job_id = _setup(engine)
    _log(engine, START, person_id, job_id, "do_not_call")
    clock = FixedClock(START + timedelta(days=1))
    with pytest.raises(Forbidden):
        lift(UnitOfWork(engine), clock, person_id, "asked again", "dana")
    with UnitOfWork(engine) as uow:
        uow.users.add("boss", "Pat Admin", "admin", START)
    with pytest.raises(BadInput, match="reason"):
        lift(UnitOfWork(engine), clock, person_id, "  ", "boss")
    lifted = lift(UnitOfWork(engine), clock, person_id, "Marked on the wrong person", "boss")
    assert lifted.suppression.value == "none"
    with UnitOfWork(engine) as uow:
        events = uow.touches.suppression_events(person_id)
    assert [(e.action, e.suppression, e.user) for e in events] == [
        ("set", "do_not_call", "dana"), ("lift", "do_not_call", "Pat Admin")]
    assert events[1].reason == "Marked on the wrong person"
    settings_ = Settings(timezone="America/Chicago")
    from callsheet.services.calling.policy import why

    assert not why(UnitOfWork(engine), FixedClock(START + timedelta(hours=1)), settings_, person_id).callable
