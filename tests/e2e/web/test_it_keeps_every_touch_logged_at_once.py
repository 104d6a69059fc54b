"""Many recruiters' scripts log touches at the same moment: each accepted touch is stored exactly once.

Real HTTP against the web desk on uvicorn, from several threads at once, on both stores; then the count
in the database: every 201 answer's touch is there once, under the id the answer gave, and nothing else.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from callsheet.clock import FixedClock
from callsheet.server import create_app
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.services.views import touch_view
from callsheet.store.engine import make_engine
from callsheet.store.tables import touches, users
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import Desk, serving
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

THREADS = 8
TOUCHES_EACH = 15


def post_touches(base: str, auth: dict[str, str], people: list[int], number: int, start: threading.Barrier,
                 answers: list[tuple[int, str, int | None]]) -> None:
    """One script on its own keep-alive connection, posting as fast as it is answered."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=60)
    start.wait()
    try:
        for sent in range(TOUCHES_EACH):
            note = f"script {number} call {sent}"
            body = json.dumps({"person_id": people[(number + sent) % len(people)], "outcome": "no_answer",
                               "note": note})
            connection.request("POST", "/api/v1/touches", body=body,
                               headers={**auth, "Content-Type": "application/json"})
            response = connection.getresponse()
            payload = json.loads(response.read())
            answers.append((response.status, note, payload.get("id") if response.status == 201 else None))
    finally:
        connection.close()


@pytest.fixture(params=["with lifespan", "without lifespan"])
def served(request: pytest.FixtureRequest, desk: Desk) -> Iterator[str]:
    """The app as uvicorn runs it (its lifespan sets the worker threads), and as a server without one."""
    with serving(create_app(desk.settings), lifespan="on" if request.param == "with lifespan" else "off") as base:
        yield base


def test_it_stores_each_touch_logged_at_once_exactly_once(served: str, desk: Desk) -> None:
    server = served
    auth = token_for(desk, "recruiter@example.com")
    people = [desk.jack, desk.mary, desk.pat]
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(touches)).scalar_one()
    answers: list[tuple[int, str, int | None]] = []
    start = threading.Barrier(THREADS)
    threads = [threading.Thread(target=post_touches, args=(server, auth, people, n, start, answers))
               for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(answers) == THREADS * TOUCHES_EACH
    assert {status for status, _, _ in answers} == {201}
    with engine.connect() as conn:
        stored = conn.execute(select(touches.c.notes, touches.c.id).where(touches.c.notes.like("script %"))).all()
        after = conn.execute(select(func.count()).select_from(touches)).scalar_one()
    engine.dispose()
    assert Counter(note for note, _ in stored).most_common(1)[0][1] == 1  # none doubled
    assert dict(stored) == {note: touch_id for _, note, touch_id in answers}  # none lost, ids as answered
    assert after - before == len(answers)  # and nothing else was written


def test_it_adds_a_new_login_once_when_its_first_touches_race(desk: Desk) -> None:
    # A login acting for the first time is added as a recruiter; when its first touches arrive together,
    # one adds it and the others find it (PostgreSQL lets both inserts start; the loser must not fail).
    engine = make_engine(desk.settings.database_url)
    clock = FixedClock(datetime.fromisoformat(NOW))
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def log(number: int) -> None:
        start.wait()
        try:
            log_touch(UnitOfWork(engine), clock, LogRequest(person_id=desk.jack, outcome="no_answer",
                                                            note=f"first day {number}"), "newcomer")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=log, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with engine.connect() as conn:
        newcomers = conn.execute(select(users.c.id).where(users.c.login == "newcomer")).scalars().all()
        logged = conn.execute(select(touches.c.user_id).where(touches.c.notes.like("first day %"))).scalars().all()
    engine.dispose()
    assert failures == []
    assert len(newcomers) == 1
    assert logged == newcomers * THREADS


def test_it_answers_with_the_touch_as_stored(client: TestClient, desk: Desk) -> None:
    # The answer is built without reading the touch back: it must still be exactly what the store holds.
    auth = token_for(desk, "recruiter@example.com")
    sent = {"person_id": desk.jack, "job_id": desk.acme_job, "outcome": "callback", "note": " call back ",
            "callback_at": "2026-11-18T14:00:00-06:00", "at": "2026-11-17T09:45:00-06:00", "duration_s": 42}
    answer = client.post("/api/v1/touches", headers=auth, json=sent)
    assert answer.status_code == 201
    engine = make_engine(desk.settings.database_url)
    with UnitOfWork(engine).reading() as uow:
        stored = uow.touches.get(answer.json()["id"])
    engine.dispose()
    assert stored is not None
    assert answer.json() == touch_view(stored)
    assert answer.json()["user"] == "Rita Recruiter" and answer.json()["notes"] == "call back"
