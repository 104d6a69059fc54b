"""Plain touches (attempts, hang-ups) take a lean path through the API: the answers and the stored
touches are exactly those of the full route, and whatever is not plain (or not right) is answered by
the full route itself, with its own errors.

Each request goes to an app with the lean path off (the full route, the reference) and then to one
with it on, on the same desk: same status, same JSON (but the new id), same touch stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from callsheet.clock import FixedClock
from callsheet.domain.outcomes import Touch
from callsheet.server import create_app
from callsheet.services.accounts.access import DeskToken
from callsheet.services.calling.log import LogRequest
from callsheet.services.calling.plain_touches import log_plain_touch
from callsheet.store.engine import make_engine
from callsheet.store.tables import people, phones, suppression_events, touches
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for


@pytest.fixture
def clients(desk: Desk) -> Iterator[tuple[TestClient, TestClient]]:
    """The full route alone, and the app as it runs (the lean path on), over one desk."""
    full = create_app(desk.settings.model_copy(update={"lean_touches": False}))
    lean = create_app(desk.settings)
    with TestClient(full, base_url="http://127.0.0.1") as full_client, \
            TestClient(lean, base_url="http://127.0.0.1") as lean_client:
        yield full_client, lean_client
    full.state.desk.engine.dispose()
    lean.state.desk.engine.dispose()


def stored_touch(desk: Desk, touch_id: int) -> dict[str, Any]:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        row = conn.execute(select(touches).where(touches.c.id == touch_id)).one()._asdict()
    engine.dispose()
    del row["id"], row["referral_person_id"]
    return row


def post_both(clients: tuple[TestClient, TestClient], desk: Desk, headers: dict[str, str],
              **kwargs: Any) -> tuple[int, Any]:
    """The same request to the full route, then to the lean path: both answer (and store) alike."""
    answers = [client.post("/api/v1/touches", headers=headers, **kwargs) for client in clients]
    (full, lean) = answers
    assert lean.status_code == full.status_code, (lean.text, full.text)
    assert lean.headers["content-type"] == full.headers["content-type"]
    if full.status_code != 201:
        assert lean.json() == full.json()
        return full.status_code, full.json()
    full_json, lean_json = full.json(), lean.json()
    assert lean_json.pop("id") > full_json.pop("id")
    # A referral adds the referred person each time: a new id, never None on one side only.
    assert (lean_json.pop("referral_person_id") is None) == (full_json.pop("referral_person_id") is None)
    assert lean_json == full_json
    assert stored_touch(desk, lean.json()["id"]) == stored_touch(desk, full.json()["id"])
    return 201, lean.json()


def test_it_answers_and_stores_plain_touches_as_the_full_route_does(clients: tuple[TestClient, TestClient],
                                                                    desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    plain = [
        {"person_id": desk.jack, "outcome": "no_answer"},
        {"person_id": desk.jack, "outcome": " Voicemail ", "note": "  left word  ", "duration_s": 30},
        {"person_id": desk.mary, "outcome": "busy", "phone": "(414) 555-0102", "at": "2026-11-17T09:30:00"},
        {"person_id": desk.mary, "outcome": "connected", "kind": "email", "direction": "in",
         "rung": " Informal_Meeting ", "at": "2026-11-17T15:00:00Z"},
        {"person_id": desk.jack, "outcome": "hung_up", "reason": "timing", "note": "<b>rude</b>"},
        {"person_id": desk.pat, "outcome": "sent", "kind": "linkedin"},
    ]
    for body in plain:
        status, answer = post_both(clients, desk, auth, json=body)
        assert status == 201 and answer["user"] == "Rita Recruiter"
    assert answer["phone"] == "+16085550103"  # the person's first usable number when none is named


@pytest.mark.parametrize("body", [
    {"outcome": "no_answer"},
    {"person_id": "x", "outcome": "no_answer"},
    {"person_id": 1, "outcome": "shouted"},
    {"person_id": 1, "outcome": "busy", "at": "2026-11-18T10:00:00-06:00"},
    {"person_id": 1, "outcome": "busy", "phone": "608-555-0103"},
    {"person_id": 1, "outcome": "busy", "phone": "not a phone"},
    {"person_id": 1, "outcome": "busy", "direction": "sideways"},
    {"person_id": 1, "outcome": "busy", "kind": "fax"},
    {"person_id": 1, "outcome": "busy", "reason": "bored"},
    {"person_id": 1, "outcome": "busy", "rung": "top"},
    {"person_id": 1, "outcome": "busy", "note": "nul \x00 inside"},
    {"person_id": 1, "outcome": "busy", "referral_name": "Sam"},
    {"person_id": 999_999, "outcome": "no_answer"},
    [{"person_id": 1, "outcome": "no_answer"}],
])
def test_it_gives_the_full_routes_errors(clients: tuple[TestClient, TestClient], desk: Desk,
                                         body: Any) -> None:
    if isinstance(body, dict) and body.get("person_id") == 1:
        body = {**body, "person_id": desk.jack}
    status, _ = post_both(clients, desk, token_for(desk, "recruiter@example.com"), json=body)
    assert status in (404, 422)


def test_it_refuses_the_same_callers(clients: tuple[TestClient, TestClient], desk: Desk) -> None:
    body = {"person_id": desk.jack, "outcome": "no_answer"}
    assert post_both(clients, desk, {}, json=body)[0] == 401
    assert post_both(clients, desk, {"Authorization": "Bearer cs_made_up"}, json=body)[0] == 401
    assert post_both(clients, desk, token_for(desk, "manager@example.com"), json=body)[0] == 403
    auth = token_for(desk, "recruiter@example.com")
    as_json = {**auth, "Content-Type": "application/json"}
    assert post_both(clients, desk, as_json, content=b"{not json")[0] == 422
    body_text = f'{{"person_id": {desk.jack}, "outcome": "busy"}}'.encode()
    assert post_both(clients, desk, {**auth, "Content-Type": "text/plain"}, content=body_text)[0] == 422


def test_it_leaves_outcomes_with_effects_to_the_full_service(clients: tuple[TestClient, TestClient],
                                                             desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    for body in ({"person_id": desk.jack, "outcome": "interested", "job_id": desk.acme_job},
                 {"person_id": desk.mary, "outcome": "callback", "callback_at": "2026-11-18T14:00:00"},
                 {"person_id": desk.mary, "outcome": "referral", "referral_name": "Sam Lee",
                  "referral_phone": "414-555-0199"},
                 {"person_id": desk.jack, "outcome": "wrong_number", "phone": "414-555-0101"},
                 {"person_id": desk.jack, "outcome": "no_answer"},  # now no usable number: none on the touch
                 {"person_id": desk.pat, "outcome": "deceased", "note": "Obituary in the paper"}):
        assert post_both(clients, desk, auth, json=body)[0] == 201
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        suppression = conn.execute(select(people.c.suppression, people.c.suppressed_by)
                                   .where(people.c.id == desk.pat)).one()
        events = conn.execute(select(func.count()).select_from(suppression_events)
                              .where(suppression_events.c.person_id == desk.pat)).scalar_one()
        jacks_phone = conn.execute(select(phones.c.status).where(phones.c.person_id == desk.jack)).scalar_one()
        last = conn.execute(select(touches.c.phone).where(touches.c.person_id == desk.jack)
                            .order_by(touches.c.id.desc())).scalars().first()
    engine.dispose()
    assert tuple(suppression) == ("deceased", "Rita Recruiter")
    assert events == 1  # set once, by the first of the two; the second found the person suppressed
    assert jacks_phone == "wrong_number"
    assert last == ""


def count_touches(desk: Desk) -> int:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        count: int = conn.execute(select(func.count()).select_from(touches)).scalar_one()
    engine.dispose()
    return count


def last_touch_at(desk: Desk) -> datetime:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        last: datetime = conn.execute(select(people.c.last_touch_at).where(people.c.id == desk.mary)).scalar_one()
    engine.dispose()
    return last


def test_it_writes_a_plain_touch_in_one_go_and_anything_else_not_at_all(desk: Desk) -> None:
    clock = FixedClock(datetime.fromisoformat(NOW))
    token = DeskToken(token_for(desk, "recruiter@example.com")["Authorization"].split()[1])
    engine = make_engine(desk.settings.database_url)

    def log(req: LogRequest, as_token: DeskToken = token) -> Touch | None:
        return log_plain_touch(UnitOfWork(engine), clock, req, as_token)

    try:
        touch = log(LogRequest(person_id=desk.mary, outcome="voicemail", note=" left word ",
                               at=datetime.fromisoformat("2026-11-17T09:00:00-06:00")))
        assert touch is not None and touch.id is not None
        with UnitOfWork(engine).reading() as uow:
            assert uow.touches.get(touch.id) == touch  # the answer is the touch as stored
        last = last_touch_at(desk)
        assert touch.kind.value == "voicemail" and touch.phone == "+14145550102" and touch.user == "Rita Recruiter"
        assert last == touch.at
        # A touch logged late, for an earlier moment, leaves the later one as the last.
        assert log(LogRequest(person_id=desk.mary, outcome="busy",
                              at=datetime.fromisoformat("2026-11-16T09:00:00-06:00"))) is not None
        assert last_touch_at(desk) == last

        before = count_touches(desk)
        manager = DeskToken(token_for(desk, "manager@example.com")["Authorization"].split()[1])
        not_plain_or_not_right = [
            (LogRequest(person_id=desk.pat, outcome="deceased"), token),
            (LogRequest(person_id=desk.jack, outcome="wrong_number", phone="414-555-0101"), token),
            (LogRequest(person_id=desk.jack, outcome="no_answer", job_id=desk.acme_job), token),
            (LogRequest(person_id=desk.jack, outcome="no_answer", phone="608-555-0103"), token),  # not his
            (LogRequest(person_id=999_999, outcome="no_answer"), token),
            (LogRequest(person_id=desk.jack, outcome="no_answer"), DeskToken("cs_made_up")),
            (LogRequest(person_id=desk.jack, outcome="no_answer"), manager),
            (LogRequest(person_id=desk.jack, outcome="nonsense"), token),
        ]
        for req, as_token in not_plain_or_not_right:
            assert log(req, as_token) is None, req
        assert count_touches(desk) == before
    finally:
        engine.dispose()


def test_it_documents_the_endpoint_as_the_full_route_does(clients: tuple[TestClient, TestClient]) -> None:
    full, lean = (client.get("/api/openapi.json").json() for client in clients)
    assert lean == full
    assert "post" in lean["paths"]["/api/v1/touches"]


def test_it_asks_to_try_again_when_the_database_takes_no_connection(desk: Desk) -> None:
    """A server at its max_connections (or down) is a 503 with Retry-After on either path, never a 500."""
    if not desk.settings.database_url.startswith("postgresql"):
        pytest.skip("SQLite opens a file: there is no server to refuse a connection")
    app = create_app(desk.settings)
    auth = token_for(desk, "recruiter@example.com")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        state = app.state.desk
        assert state.loop_pool is not None
        state.loop_pool.conninfo = "host=127.0.0.1 port=1 user=postgres dbname=nowhere connect_timeout=2"
        plain = client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "busy"})
        working, state.engine = state.engine, make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere",
                                                          connect_args={"connect_timeout": 2})
        full = client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "declined",
                                                                   "reason": "timing", "job_id": desk.acme_job})
        state.engine.dispose()
        state.engine = working
    for answer in (plain, full):
        assert answer.status_code == 503 and answer.headers["retry-after"] == "1", answer.text
        assert "try again" in answer.json()["detail"]
