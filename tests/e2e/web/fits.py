"""People who fit the seeded Acme job (network administrator: cisco, ccna), one of them deceased."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.people import records as people_service
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import Desk


@dataclass
class Fits:
    nina: int  # the best fit: both skills, the right title, in Milwaukee
    otto: int  # one of the skills
    dee: int  # fits, but deceased: never proposed, found only when asked for


def add_fits(desk: Desk) -> Fits:
    engine = make_engine(desk.settings.database_url)
    clock = FixedClock(datetime.fromisoformat(NOW))
    ids = []
    for name, phone, title, skills in (
            ("Nina Cisneros", "414-555-0111", "Network Administrator", "cisco, ccna, firewalls"),
            ("Otto Router", "414-555-0112", "Systems Engineer", "cisco, linux"),
            ("Dee Ceased", "414-555-0113", "Network Administrator", "cisco, ccna")):
        person = people_service.add_person(UnitOfWork(engine), clock, people_service.NewPerson(
            name=name, phones=[phone], title=title, skills=skills, city="Milwaukee", state="WI", seniority=3))
        ids.append(person.id or 0)
    log_touch(UnitOfWork(engine), clock, LogRequest(person_id=ids[2], outcome="deceased", note="family answered"),
              "andrew")
    engine.dispose()
    return Fits(*ids)
