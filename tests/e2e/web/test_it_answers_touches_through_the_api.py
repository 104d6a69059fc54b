"""POST /api/v1/touches: what a script hears and what the desk stores, for touches of every kind.

Most requests are answered before FastAPI's routing (api/touch_front.py), the rest by the route; both
call the one service. Whichever answers, the answer is the touch as stored, each error has its status
and message, and a refused request writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from callsheet.server import create_app
from callsheet.services.views import touch_view
from callsheet.store.engine import make_engine
from callsheet.store.tables import people, phones, suppression_events, touches
from callsheet.store.uow import UnitOfWork
from tests.e2e.web.conftest import Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for


def stored(desk: Desk, touch_id: int) -> dict[str, Any]:
    engine = make_engine(desk.settings.database_url)
    with UnitOfWork(engine).reading() as uow:
        touch = uow.touches.get(touch_id)
    engine.dispose()
    assert touch is not None
    return touch_view(touch)


def count_touches(desk: Desk) -> int:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        count: int = conn.execute(select(func.count()).select_from(touches)).scalar_one()
    engine.dispose()
    return count


def last_touch_at(desk: Desk, person_id: int) -> datetime:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        last: datetime = conn.execute(select(people.c.last_touch_at).where(people.c.id == person_id)).scalar_one()
    engine.dispose()
    return last


def test_it_answers_each_touch_as_stored(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    sent_and_kept = [
        ({"person_id": desk.jack, "outcome": "no_answer"}, {"kind": "call", "phone": "+14145550101"}),
        ({"person_id": desk.jack, "outcome": " Voicemail ", "note": "  left word  ", "duration_s": 30},
         {"kind": "voicemail", "outcome": "voicemail", "notes": "left word", "duration_s": 30}),
        ({"person_id": desk.mary, "outcome": "busy", "phone": "(414) 555-0102", "at": "2026-11-17T09:30:00"},
         {"phone": "+14145550102", "at": "2026-11-17T15:30:00+00:00"}),  # a time without offset: the desk's zone
        ({"person_id": desk.mary, "outcome": "connected", "kind": "email", "direction": "in",
          "rung": " Informal_Meeting ", "at": "2026-11-17T15:00:00Z"},
         {"kind": "email", "direction": "in", "rung": "informal_meeting"}),
        ({"person_id": desk.jack, "outcome": "hung_up", "reason": "timing", "note": "<b>rude</b>"},
         {"reason": "timing", "notes": "<b>rude</b>"}),
        ({"person_id": desk.pat, "outcome": "sent", "kind": "linkedin"}, {"kind": "linkedin", "phone": "+16085550103"}),
    ]
    for body, kept in sent_and_kept:
        answer = client.post("/api/v1/touches", headers=auth, json=body)
        assert answer.status_code == 201, answer.text
        assert answer.headers["content-type"] == "application/json"
        assert answer.json() == stored(desk, answer.json()["id"])
        assert answer.json()["user"] == "Rita Recruiter"
        assert {k: answer.json()[k] for k in kept} == kept, body


def test_it_moves_the_last_touch_forward_only(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    later = client.post("/api/v1/touches", headers=auth,
                        json={"person_id": desk.mary, "outcome": "busy", "at": "2026-11-17T09:00:00-06:00"})
    assert last_touch_at(desk, desk.mary).isoformat() == "2026-11-17T15:00:00+00:00" == later.json()["at"]
    # Logged late, for an earlier moment: the later touch stays the last.
    client.post("/api/v1/touches", headers=auth,
                json={"person_id": desk.mary, "outcome": "busy", "at": "2026-11-16T09:00:00-06:00"})
    assert last_touch_at(desk, desk.mary).isoformat() == "2026-11-17T15:00:00+00:00"


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"outcome": "no_answer"}, 422, "person_id"),
    ({"person_id": "x", "outcome": "no_answer"}, 422, "person_id"),
    ({"person_id": 1, "outcome": "shouted"}, 422, "outcome"),
    ({"person_id": 1, "outcome": "busy", "at": "2026-11-18T10:00:00-06:00"}, 422, "at"),
    ({"person_id": 1, "outcome": "busy", "phone": "608-555-0103"}, 422, "phone"),
    ({"person_id": 1, "outcome": "busy", "phone": "not a phone"}, 422, "phone"),
    ({"person_id": 1, "outcome": "busy", "direction": "sideways"}, 422, "direction"),
    ({"person_id": 1, "outcome": "busy", "kind": "fax"}, 422, "kind"),
    ({"person_id": 1, "outcome": "busy", "reason": "bored"}, 422, "reason"),
    ({"person_id": 1, "outcome": "busy", "rung": "top"}, 422, "rung"),
    ({"person_id": 1, "outcome": "busy", "note": "nul \x00 inside"}, 422, "note"),
    ({"person_id": 1, "outcome": "busy", "referral_name": "Sam"}, 422, "referral"),
    ({"person_id": 1, "outcome": "callback", "job_id": 1}, 422, "callback_at"),
    ({"person_id": 999_999, "outcome": "no_answer"}, 404, None),
    ([{"person_id": 1, "outcome": "no_answer"}], 422, "request"),
])
def test_it_says_what_is_wrong_and_writes_nothing(client: TestClient, desk: Desk, body: Any, status: int,
                                                  field: str | None) -> None:
    if isinstance(body, dict) and body.get("person_id") == 1:
        body = {**body, "person_id": desk.jack}
    if isinstance(body, dict) and body.get("job_id") == 1:
        body = {**body, "job_id": desk.acme_job}
    before = count_touches(desk)
    answer = client.post("/api/v1/touches", headers=token_for(desk, "recruiter@example.com"), json=body)
    assert answer.status_code == status, answer.text
    detail = answer.json()["detail"]
    if field is None:
        assert detail == "person 999999 not found"
    else:
        assert detail["field"] == field and detail["message"], detail
    assert count_touches(desk) == before


def test_it_refuses_callers_who_may_not_log(client: TestClient, desk: Desk) -> None:
    body = {"person_id": desk.jack, "outcome": "no_answer"}
    before = count_touches(desk)
    assert client.post("/api/v1/touches", json=body).status_code == 401
    made_up = client.post("/api/v1/touches", headers={"Authorization": "Bearer cs_made_up"}, json=body)
    assert made_up.status_code == 401 and made_up.headers["www-authenticate"] == "Bearer"
    manager = client.post("/api/v1/touches", headers=token_for(desk, "manager@example.com"), json=body)
    assert manager.status_code == 403 and "hiring_manager" in manager.json()["detail"]
    auth = token_for(desk, "recruiter@example.com")
    as_json = {**auth, "Content-Type": "application/json"}
    assert client.post("/api/v1/touches", headers=as_json, content=b"{not json").status_code == 422
    body_text = f'{{"person_id": {desk.jack}, "outcome": "busy"}}'.encode()
    plain_text = client.post("/api/v1/touches", headers={**auth, "Content-Type": "text/plain"}, content=body_text)
    assert plain_text.status_code == 422
    assert count_touches(desk) == before


def test_it_applies_each_outcome_at_its_scope(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    for body in ({"person_id": desk.jack, "outcome": "interested", "job_id": desk.acme_job},
                 {"person_id": desk.mary, "outcome": "callback", "callback_at": "2026-11-18T14:00:00"},
                 {"person_id": desk.mary, "outcome": "referral", "referral_name": "Sam Lee",
                  "referral_phone": "414-555-0199"},
                 {"person_id": desk.jack, "outcome": "wrong_number", "phone": "414-555-0101"},
                 {"person_id": desk.jack, "outcome": "no_answer"},  # now no usable number: none on the touch
                 {"person_id": desk.pat, "outcome": "deceased", "note": "Obituary in the paper"},
                 {"person_id": desk.pat, "outcome": "deceased", "note": "Heard it twice"}):
        answer = client.post("/api/v1/touches", headers=auth, json=body)
        assert answer.status_code == 201, answer.text
        # The touch as stored, and whether a mark on the person held their pipelines as they were.
        held = "deceased" if body.get("note") == "Heard it twice" else None
        assert answer.json() == {**stored(desk, answer.json()["id"]), "pipeline_held_for": held}
        if body["outcome"] == "callback":  # a time without offset: the callee's zone (Milwaukee)
            assert answer.json()["callback_at"] == "2026-11-18T20:00:00+00:00"
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        suppression = conn.execute(select(people.c.suppression, people.c.suppressed_by)
                                   .where(people.c.id == desk.pat)).one()
        events = conn.execute(select(func.count()).select_from(suppression_events)
                              .where(suppression_events.c.person_id == desk.pat)).scalar_one()
        jacks_phone = conn.execute(select(phones.c.status).where(phones.c.person_id == desk.jack)).scalar_one()
        last = conn.execute(select(touches.c.phone).where(touches.c.person_id == desk.jack)
                            .order_by(touches.c.id.desc())).scalars().first()
        referred = conn.execute(select(people.c.referred_by_id).where(people.c.name == "Sam Lee")).scalar_one()
    engine.dispose()
    assert tuple(suppression) == ("deceased", "Rita Recruiter")
    assert events == 1  # set once, by the first of the two; the second found the person suppressed
    assert jacks_phone == "wrong_number"
    assert last == ""
    assert referred == desk.mary


def test_it_documents_the_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/touches"]


def test_it_asks_to_try_again_when_the_database_takes_no_connection(desk: Desk) -> None:
    """A server at its max_connections (or down) is a 503 with Retry-After, never a 500."""
    if not desk.settings.database_url.startswith("postgresql"):
        pytest.skip("SQLite opens a file: there is no server to refuse a connection")
    app = create_app(desk.settings)
    auth = token_for(desk, "recruiter@example.com")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        state = app.state.desk
        working, state.engine = state.engine, make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere",
                                                          connect_args={"connect_timeout": 2})
        answers = [client.post("/api/v1/touches", headers=auth, json=body) for body in (
            {"person_id": desk.jack, "outcome": "busy"},
            {"person_id": desk.jack, "outcome": "declined", "reason": "timing", "job_id": desk.acme_job})]
        state.engine.dispose()
        state.engine = working
    for answer in answers:
        assert answer.status_code == 503 and answer.headers["retry-after"] == "1", answer.text
        assert "try again" in answer.json()["detail"]
