"""What the report tests add to the web desk's test data: a private note on the reported job and a death."""

from __future__ import annotations

import re
from datetime import datetime

from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.e2e.web.conftest import PASSWORD, Desk

PRIVATE_NOTE = "PRIVATE wants 150k and hates the hiring manager"
DEATH_NOTE = "Her son answered: she passed away in October"


def add_history(desk: Desk) -> None:
    """Jack is interested (with a note only the desk may read); Mary Ann has died."""
    engine = make_engine(desk.settings.database_url)
    monday = FixedClock(datetime.fromisoformat("2026-11-16T10:00:00-06:00"))
    log_touch(UnitOfWork(engine), monday, LogRequest(person_id=desk.jack, outcome="interested", job_id=desk.acme_job,
                                                     note=PRIVATE_NOTE), "andrew")
    log_touch(UnitOfWork(engine), monday, LogRequest(person_id=desk.mary, outcome="deceased", note=DEATH_NOTE),
              "andrew")
    engine.dispose()


def add_calls(desk: Desk) -> None:
    """A week of calls on the Acme search before that, so the analytics have something to draw."""
    engine = make_engine(desk.settings.database_url)
    for at, person, outcome, reason in (
            ("2026-11-09T09:10:00-06:00", desk.mary, "no_answer", ""),
            ("2026-11-10T17:40:00-06:00", desk.mary, "hung_up", ""),
            ("2026-11-11T12:05:00-06:00", desk.jack, "voicemail", ""),
            ("2026-11-12T18:30:00-06:00", desk.jack, "declined", "compensation"),
            ("2026-11-13T11:00:00-06:00", desk.mary, "declined", "mid_project")):
        log_touch(UnitOfWork(engine), FixedClock(datetime.fromisoformat(at)),
                  LogRequest(person_id=person, outcome=outcome, job_id=desk.acme_job, reason=reason), "andrew")
    engine.dispose()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form token"
    return found.group(1)


def sign_in(client: TestClient, email: str) -> str:
    """Signs in through the login form; returns the signed-in session's form token."""
    token = csrf_of(client.get("/login").text)
    done = client.post("/login", data={"csrf_token": token, "email": email, "password": PASSWORD, "next": "/jobs"},
                       follow_redirects=False)
    assert done.status_code == 303
    return csrf_of(client.get("/jobs").text)
