"""A small desk built through the services, with every call at a known time, for report and stats tests.

Three jobs: a senior DBA and a help-desk job for Acme Foods (andrew's), a network job for Beta Corp
(dana's). Times are UTC; in November 2026 Milwaukee is UTC-6, so 15:00Z is 09:00 local.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.jobs import pipelines as job_service
from callsheet.services.people import records as people_service
from callsheet.store.uow import UnitOfWork

PRIVATE_NOTE = "PRIVATE-NOTE wants 180k and hates his boss"
DECEASED_NOTE = "SECRET-NOTE his wife answered, he passed away in September"
DNC_NOTE = "Threatened lawyers if we ring again"
FORBIDDEN = (PRIVATE_NOTE, DECEASED_NOTE, DNC_NOTE, "PRIVATE-NOTE", "SECRET-NOTE", "lawyers", "wife",
             "passed away", "deceased", "do not call", "do_not_call", "do-not-call", "Passed away")
RISKY_NAME = "=1+1 <i>Mallory</i>"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass
class Fixture:
    dba: int = 0
    helpdesk: int = 0
    network: int = 0
    people: dict[str, int] = field(default_factory=dict)


def build(engine: Engine) -> Fixture:
    fx = Fixture()
    start = FixedClock(at(10, 1, 14))

    def job(title: str, client: str, seniority: int, owner: str) -> int:
        made = job_service.add_job(UnitOfWork(engine), start, job_service.NewJob(
            title=title, client=client, city="Milwaukee", state="WI", seniority=seniority, owner=owner), "andrew")
        return made.id or 0

    fx.dba = job("Senior Database Administrator", "Acme Foods", 4, "andrew")
    fx.helpdesk = job("Help Desk Technician", "Acme Foods", 1, "andrew")
    fx.network = job("Network Engineer", "Beta Corp", 3, "dana")
    phones = iter(range(100, 200))

    def person(key: str, job_id: int, name: str | None = None) -> int:
        p = people_service.add_person(UnitOfWork(engine), start, people_service.NewPerson(
            name=name or f"{key.capitalize()} Tester", phones=[f"414-555-0{next(phones)}"], city="Milwaukee",
            state="WI"))
        fx.people[key] = p.id or 0
        job_service.add_to_pipeline(UnitOfWork(engine), start, job_id, p.id or 0)
        return p.id or 0

    def log(key: str, job_id: int, outcome: str, when: datetime, user: str = "andrew", **extra: object) -> None:
        log_touch(UnitOfWork(engine), FixedClock(when), LogRequest(
            person_id=fx.people[key], outcome=outcome, job_id=job_id, at=when, **extra), user)  # type: ignore[arg-type]

    for key in ("ann", "ben", "dan", "eve", "fay", "gus", "hal", "jo"):
        person(key, fx.dba)
    person("mallory", fx.dba, RISKY_NAME)
    person("cara", fx.helpdesk)
    person("kim", fx.helpdesk)
    person("lee", fx.network)

    log("ann", fx.dba, "no_answer", at(10, 1, 15))  # before the stats range
    log("ann", fx.dba, "no_answer", at(11, 2, 15))
    log("ann", fx.dba, "interested", at(11, 3, 16))
    job_service.move_stage(UnitOfWork(engine), FixedClock(at(11, 5, 16)), fx.dba, fx.people["ann"], "submitted")
    log("ben", fx.dba, "voicemail", at(11, 2, 20))
    log("ben", fx.dba, "voicemail", at(11, 4, 20))
    log("ben", fx.dba, "connected", at(11, 6, 18), direction="in")  # he called back
    log("ben", fx.dba, "declined", at(11, 6, 18, 30), reason="compensation", note=PRIVATE_NOTE)
    log("dan", fx.dba, "voicemail", at(11, 9, 19))
    log("dan", fx.dba, "deceased", at(11, 12, 17), note=DECEASED_NOTE)
    log("eve", fx.dba, "do_not_call", at(11, 12, 18), note=DNC_NOTE)
    log("fay", fx.dba, "callback", at(11, 13, 16), callback_at=at(11, 18, 16))
    log("hal", fx.dba, "declined", at(11, 13, 20), reason="happy_where_i_am", referral_name="Ida Referral",
        referral_phone="414-555-0177")
    log("jo", fx.dba, "interested", at(11, 4, 15))
    job_service.move_stage(UnitOfWork(engine), FixedClock(at(11, 14, 16)), fx.dba, fx.people["jo"], "placed")
    log("cara", fx.helpdesk, "no_answer", at(11, 9, 15))
    log("cara", fx.helpdesk, "hung_up", at(11, 10, 23))
    log("kim", fx.helpdesk, "connected", at(11, 10, 15), user="dana")
    log("lee", fx.network, "no_answer", at(11, 10, 16), user="dana")
    log("lee", fx.network, "interested", at(11, 11, 16), user="dana")
    return fx
