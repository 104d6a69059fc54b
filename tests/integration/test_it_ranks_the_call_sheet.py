"""The sheet's order: due callbacks, then heat, fit, client targets and staleness; each row says why."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.domain.outcomes import Outcome, Touch
from callsheet.domain.policy import sway_since, swaying_touches
from callsheet.services.calling.policy import policy_settings
from callsheet.services.calling.sheet import call_sheet
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.settings import Settings
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))  # Tuesday 10:00 in Milwaukee
SETTINGS = Settings(timezone="America/Chicago")


def _person(engine: Engine, name: str, phone: str, skills: str = "") -> int:
    return people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(
        name=name, phones=[phone], city="Milwaukee", state="WI", skills=skills)).id or 0


def _job(engine: Engine, title: str, urgency: int, owner: str, skills: str = "") -> int:
    return job_service.add_job(UnitOfWork(engine), CLOCK, job_service.NewJob(
        title=title, client="Acme", city="Milwaukee", state="WI", urgency=urgency, opportunity=urgency,
        skills=skills), owner).id or 0


def test_hot_jobs_fit_and_targets_come_first_and_each_person_once(engine: Engine) -> None:
    hot, cold = _job(engine, "Hot", 5, "andrew", "sql, python"), _job(engine, "Cold", 1, "andrew")
    other = _job(engine, "Dana's job", 5, "dana")
    fit = _person(engine, "Fits Well", "414-555-0101", "sql, python")
    plain = _person(engine, "Plain Fit", "414-555-0102")
    target = _person(engine, "Named Target", "414-555-0103")
    both = _person(engine, "In Both", "414-555-0104")
    for job, person, is_target in ((hot, fit, False), (hot, plain, False), (cold, target, True),
                                   (cold, both, False), (hot, both, False), (other, plain, False)):
        job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, job, person, is_target)
    sheet = call_sheet(UnitOfWork(engine), CLOCK, SETTINGS, "andrew")
    assert [r.name for r in sheet] == ["Fits Well", "Plain Fit", "In Both", "Named Target"]
    assert sheet[0].why[:2] == ["Hot job: urgency 5 × opportunity 5", "2 of 2 skills"]
    assert sheet[2].job_id == hot and sheet[2].also == [cold]
    assert "Client-named target" in sheet[3].why
    assert [r.name for r in call_sheet(UnitOfWork(engine), CLOCK, SETTINGS, "dana")] == ["Plain Fit"]
    assert len(call_sheet(UnitOfWork(engine), CLOCK, SETTINGS, None, limit=2)) == 2


def test_nobody_is_on_the_sheet_at_night_and_planning_tomorrow_works(engine: Engine) -> None:
    job = _job(engine, "Hot", 5, "andrew")
    job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, job, _person(engine, "Ann", "414-555-0101"))
    night = FixedClock(datetime(2026, 11, 18, 4, 0, tzinfo=UTC))  # 22:00 in Milwaukee
    assert call_sheet(UnitOfWork(engine), night, SETTINGS) == []
    tomorrow = FixedClock(datetime(2026, 11, 18, 15, 0, tzinfo=UTC))
    assert [r.name for r in call_sheet(UnitOfWork(engine), tomorrow, SETTINGS)] == ["Ann"]


def test_the_sheet_reads_only_the_touches_that_can_sway_the_policy(engine: Engine) -> None:
    job = _job(engine, "Hot", 5, "andrew")
    person = _person(engine, "Ann", "414-555-0101")
    job_service.add_to_pipeline(UnitOfWork(engine), CLOCK, job, person)
    now = CLOCK.now()
    kept_and_dropped = [  # days back, outcome, job
        (700, Outcome.NO_ANSWER, None), (400, Outcome.WRONG_NUMBER, None), (300, Outcome.VOICEMAIL, job),
        (200, Outcome.HUNG_UP, None), (45, Outcome.SENT, None), (29, Outcome.HUNG_UP, None),
        (3, Outcome.VOICEMAIL, None), (2, Outcome.SENT, None), (0.5, Outcome.BUSY, None), (-1, Outcome.BUSY, None)]
    with UnitOfWork(engine) as uow:
        for days, outcome, job_id in kept_and_dropped:
            phone = "+14145550199" if outcome is Outcome.WRONG_NUMBER else "+14145550101"
            uow.touches.add(Touch(person_id=person, at=now - timedelta(days=days), outcome=outcome, job_id=job_id,
                                  phone=phone), None, now)
    rules = policy_settings(SETTINGS, now.year)
    with UnitOfWork(engine).reading() as uow:
        _, everything = uow.policy.as_of([person], now)
        _, swaying = uow.policy.as_of([person], now, sway_since(now, rules))
    assert len(everything[person]) == 9  # up to now: the busy of tomorrow is not history yet
    assert swaying[person] == swaying_touches(everything[person], now, rules)
    assert [t.outcome for t in swaying[person]] == [Outcome.WRONG_NUMBER, Outcome.VOICEMAIL, Outcome.HUNG_UP,
                                                     Outcome.VOICEMAIL, Outcome.BUSY]
    # The sheet answers as the whole history would: Ann hung up 29 days ago, so she rests 30 days.
    assert call_sheet(UnitOfWork(engine), CLOCK, SETTINGS, "andrew") == []
