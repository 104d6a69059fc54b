"""A job's status report counts exactly the touches and stages the store holds for that job."""

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from callsheet.clock import FixedClock
from callsheet.domain.outcomes import REACHED
from callsheet.services.reports.job_report import NO_LONGER_CONTACTED, build_report
from callsheet.settings import Settings
from callsheet.store.tables import candidacies, touches
from callsheet.store.uow import UnitOfWork
from tests import fixture_desk

NOW = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))
SETTINGS = Settings(timezone="America/Chicago")


def _count(engine: Engine, *where: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(touches).where(*where)).scalar_one())  # type: ignore[arg-type]


def test_the_call_counts_equal_the_touches_stored_for_the_job(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    report = build_report(UnitOfWork(engine), NOW, SETTINGS, fx.dba)
    on_job = touches.c.job_id == fx.dba
    assert report.counts.calls == _count(engine, on_job, touches.c.kind.in_(["call", "voicemail"])) == 13
    assert report.counts.reached == _count(engine, on_job, touches.c.outcome.in_([o.value for o in REACHED])) == 7
    assert report.counts.voicemails == _count(engine, on_job, touches.c.outcome == "voicemail") == 3
    assert report.counts.hang_ups == _count(engine, on_job, touches.c.outcome == "hung_up") == 0
    assert dict(report.counts.declines) == {"Compensation": 1, "Happy in current role": 1}
    assert report.counts.declined == _count(engine, on_job, touches.c.outcome == "declined")


def test_the_funnel_follows_the_pipeline_and_its_calls(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    report = build_report(UnitOfWork(engine), NOW, SETTINGS, fx.dba)
    with engine.connect() as conn:
        in_pipeline = conn.execute(select(func.count()).select_from(candidacies)
                                   .where(candidacies.c.job_id == fx.dba)).scalar_one()
    funnel = dict(report.funnel)
    assert list(funnel) == ["sourced", "called", "reached", "interested", "submitted", "interviewing", "offered",
                            "placed"]
    # Nine added, plus Ida whom Hal referred.
    assert funnel["sourced"] == in_pipeline == 10
    assert (funnel["called"], funnel["reached"], funnel["interested"]) == (7, 6, 2)
    assert (funnel["submitted"], funnel["interviewing"], funnel["offered"], funnel["placed"]) == (2, 1, 1, 1)
    assert len(report.candidates) == 10


def test_each_candidate_has_a_stage_an_outcome_and_a_next_step(engine: Engine) -> None:
    fx = fixture_desk.build(engine)
    report = build_report(UnitOfWork(engine), NOW, SETTINGS, fx.dba)
    lines = {line.person_id: line for line in report.candidates}
    ben = lines[fx.people["ben"]]
    assert (ben.stage, ben.last_outcome, ben.decline_reason) == ("Declined", "Declined", "Compensation")
    fay = lines[fx.people["fay"]]
    assert (fay.next_step, str(fay.next_date)) == ("Call back as they asked", "2026-11-18")
    assert lines[fx.people["ann"]].stage == "Submitted to you"
    assert lines[fx.people["gus"]].last_outcome == "Not yet called"
    for key in ("dan", "eve"):
        gone = lines[fx.people[key]]
        assert gone.stage == NO_LONGER_CONTACTED
        assert (gone.last_outcome, gone.decline_reason, gone.next_step, gone.last_contact) == ("", "", "", None)
    assert report.candidates[0].person_id == fx.people["jo"]  # furthest along first
