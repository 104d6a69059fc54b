"""Click-to-call through Twilio (a local stand-in of its REST API): the policy first, one request out,
and callbacks that settle the one touch however often and in whatever order they come."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.settings import get_settings
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.cli import run
from tests.e2e.web.conftest import Desk
from tests.e2e.web.telephony import (
    CALLS_PATH,
    DESK_NUMBER,
    PUBLIC,
    RITAS_PHONE,
    SID,
    TOKEN,
    StandIn,
    call_row,
    give_rita_a_phone,
    post_signed,
    touches_of,
    twilio_stand_in,
    with_twilio,
)
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for
from tests.e2e.web.test_it_never_calls_a_marked_number_from_the_web_desk_or_the_api import _csrf, _sign_in

JACKS = "+14145550101"
MARYS = "+14145550102"


@pytest.fixture
def calling(desk: Desk) -> Iterator[tuple[TestClient, StandIn]]:
    with twilio_stand_in() as stand_in:
        desk.settings = with_twilio(desk.settings, stand_in.base)
        give_rita_a_phone(desk)
        app = desk.app()
        with TestClient(app, base_url="http://127.0.0.1") as client:
            yield client, stand_in
        app.state.desk.engine.dispose()


def _dial(client: TestClient, desk: Desk, person_id: int, job_id: int | None = None) -> Any:
    body = {"person_id": person_id, **({"job_id": job_id} if job_id else {})}
    return client.post("/api/v1/calls", json=body, headers=token_for(desk, "recruiter@example.com"))


def _log(desk: Desk, person_id: int, outcome: str, **more: Any) -> None:
    engine = make_engine(desk.settings.database_url)
    log_touch(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)),
              LogRequest(person_id=person_id, outcome=outcome, **more), "recruiter@example.com")
    engine.dispose()


def test_a_dial_rings_the_recruiters_phone_and_bridges_to_the_persons_number(
        calling: tuple[TestClient, StandIn], desk: Desk) -> None:
    client, stand_in = calling
    placed = _dial(client, desk, desk.jack, desk.acme_job)
    assert placed.status_code == 201, placed.text
    assert placed.json()["call_id"] == stand_in.sids()[0]
    assert len(stand_in.requests) == 1
    path, form = stand_in.requests[0]
    assert path == CALLS_PATH
    assert form["To"] == RITAS_PHONE and form["From"] == DESK_NUMBER
    assert form["Url"] == f"{PUBLIC}/telephony/bridge?to=%2B14145550101"
    assert form["StatusCallback"] == f"{PUBLIC}/telephony/status"
    [touch] = touches_of(desk, desk.jack)  # pending: an attempt until answered
    assert (touch.outcome.value, touch.phone, touch.job_id, touch.direction, touch.kind.value) == (
        "no_answer", JACKS, desk.acme_job, "out", "call")
    assert call_row(desk, placed.json()["call_id"]).touch_id == touch.id

    # Rita answers; Twilio asks whom to bridge her to.
    bridge = post_signed(client, "/telephony/bridge?to=%2B14145550101", {"CallSid": stand_in.sids()[0]})
    assert bridge.status_code == 200 and bridge.headers["content-type"].startswith("application/xml")
    assert f'callerId="{DESK_NUMBER}"' in bridge.text and f'action="{PUBLIC}/telephony/dial-action"' in bridge.text
    assert 'statusCallbackEvent="initiated ringing answered completed"' in bridge.text
    assert f">{JACKS}</Number>" in bridge.text
    assert "record" not in bridge.text and "<Say" not in bridge.text  # recording stays off


def test_a_refused_dial_sends_nothing_and_says_why(calling: tuple[TestClient, StandIn], desk: Desk,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    client, stand_in = calling
    # Out of the calling window, from the command line: exit 2 and the reason.
    for key, value in {"CALLSHEET_DATABASE_URL": desk.settings.database_url,
                       "CALLSHEET_NOW": "2026-11-17T21:30:00-06:00", "CALLSHEET_TIMEZONE": "America/Chicago",
                       "CALLSHEET_USER": "recruiter@example.com", "CALLSHEET_TWILIO_ACCOUNT_SID": SID,
                       "CALLSHEET_TWILIO_AUTH_TOKEN": TOKEN, "CALLSHEET_TWILIO_FROM": DESK_NUMBER,
                       "CALLSHEET_TWILIO_API_BASE": stand_in.base, "CALLSHEET_PUBLIC_URL": PUBLIC}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    late = run("dial", str(desk.jack), "--job", str(desk.acme_job), "--json")
    assert late.exit_code == 2 and "Refused:" in late.stderr and "calling hours" in late.stderr, late.stderr

    _log(desk, desk.mary, "do_not_call", job_id=desk.acme_job)
    _log(desk, desk.pat, "deceased", job_id=desk.globex_job)
    _log(desk, desk.jack, "wrong_number", job_id=desk.acme_job, phone=JACKS)
    before = {p: len(touches_of(desk, p)) for p in (desk.mary, desk.pat, desk.jack)}
    refusals = {who: _dial(client, desk, who) for who in (desk.mary, desk.pat, desk.jack)}
    assert {r.status_code for r in refusals.values()} == {409}
    assert "Do not call" in refusals[desk.mary].json()["detail"]
    assert "deceased" in refusals[desk.pat].json()["detail"]
    assert "no number that may be dialled" in refusals[desk.jack].json()["detail"]
    wrong = client.post("/api/v1/calls", json={"person_id": desk.jack, "phone": JACKS},
                        headers=token_for(desk, "recruiter@example.com"))
    assert wrong.status_code == 409 and "wrong number" in wrong.json()["detail"].lower(), wrong.text
    assert stand_in.requests == []  # nothing left the desk
    assert {p: len(touches_of(desk, p)) for p in before} == before  # and nothing was logged


def _progress(sid: str, child: str, final: str, duration: int) -> list[tuple[str, dict[str, str]]]:
    leg = {"CallSid": child, "ParentCallSid": sid, "AccountSid": SID, "Direction": "outbound-dial"}
    events = [("/telephony/status", {**leg, "CallStatus": s, "SequenceNumber": str(i)})
              for i, s in enumerate(("initiated", "ringing"))]
    if final == "completed":
        events.append(("/telephony/status", {**leg, "CallStatus": "in-progress", "SequenceNumber": "2"}))
        events.append(("/telephony/status", {**leg, "CallStatus": "completed", "CallDuration": str(duration),
                                             "SequenceNumber": "3"}))
    else:
        events.append(("/telephony/status", {**leg, "CallStatus": final, "SequenceNumber": "2"}))
    events.append(("/telephony/dial-action", {"CallSid": sid, "DialCallSid": child, "DialCallStatus": final,
                                              "DialCallDuration": str(duration if final == "completed" else 0)}))
    # The recruiter's own leg ends too: it tells nothing of the callee.
    events.append(("/telephony/status", {"CallSid": sid, "CallStatus": "completed", "CallDuration": "130",
                                         "Direction": "outbound-api"}))
    return events


@pytest.mark.parametrize("final, outcome, duration", [("completed", "connected", 95), ("busy", "busy", 0),
                                                       ("no-answer", "no_answer", 0)])
def test_callbacks_delivered_twice_and_out_of_order_leave_one_touch_with_the_final_outcome(
        calling: tuple[TestClient, StandIn], desk: Desk, final: str, outcome: str, duration: int | None) -> None:
    client, stand_in = calling
    sid = _dial(client, desk, desk.mary, desk.acme_job).json()["call_id"]
    events = _progress(sid, "CA" + "c" * 32, final, duration or 0) * 2
    random.Random(7).shuffle(events)
    events.sort(key=lambda e: e[1].get("CallStatus") != "completed")  # the end first, then everything else
    for path, params in events:
        assert post_signed(client, path, params).status_code == 200
    [touch] = touches_of(desk, desk.mary)
    assert (touch.outcome.value, touch.duration_s) == (outcome, duration)
    call = call_row(desk, sid)
    assert (call.state, call.duration_s) == (final.replace("-", "_"), duration)


def test_a_forged_or_missing_signature_gets_403_and_changes_nothing(
        calling: tuple[TestClient, StandIn], desk: Desk) -> None:
    client, _ = calling
    sid = _dial(client, desk, desk.jack, desk.acme_job).json()["call_id"]
    done = {"CallSid": "CA" + "c" * 32, "ParentCallSid": sid, "CallStatus": "completed", "CallDuration": "95"}
    forged = post_signed(client, "/telephony/status", done, token="not-the-auth-token")
    missing = client.post("/telephony/status", data=done)
    signed = post_signed(client, "/telephony/status", {**done, "CallDuration": "5"})
    assert signed.status_code == 200
    tampered_body = {**done, "CallDuration": "9500"}
    from twilio.request_validator import RequestValidator
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC + "/telephony/status", done)
    tampered = client.post("/telephony/status", data=tampered_body, headers={"X-Twilio-Signature": signature})
    inbound = client.post("/telephony/voice", data={"CallSid": "CA" + "e" * 32, "From": JACKS, "To": DESK_NUMBER},
                          headers={"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"})
    assert [r.status_code for r in (forged, missing, tampered, inbound)] == [403, 403, 403, 403]
    [touch] = touches_of(desk, desk.jack)
    assert (touch.outcome.value, touch.duration_s) == ("connected", 5)  # only the signed report counted
    assert call_row(desk, "CA" + "e" * 32) is None


def test_the_recruiter_settles_an_answered_call_with_one_click_its_duration_filled_in(
        calling: tuple[TestClient, StandIn], desk: Desk) -> None:
    client, stand_in = calling
    _sign_in(client, "recruiter@example.com")
    card = client.get(f"/people/{desk.jack}")
    assert 'id="call-button"' in card.text
    dialled = client.post(f"/people/{desk.jack}/dial", data={"csrf_token": _csrf(card.text), "job_id": desk.acme_job},
                          follow_redirects=False)
    assert dialled.status_code == 303 and len(stand_in.requests) == 1
    sid = stand_in.sids()[0]
    for status, more in (("in-progress", {}), ("completed", {"CallDuration": "95"})):
        post_signed(client, "/telephony/status", {"CallSid": "CA" + "c" * 32, "ParentCallSid": sid,
                                                  "CallStatus": status, **more})
    card = client.get(f"/people/{desk.jack}")
    assert 'id="settle-call"' in card.text and 'name="duration_s" type="number" min="0" value="95"' in card.text
    [pending] = touches_of(desk, desk.jack)
    settled = client.post(f"/people/{desk.jack}/log-call", follow_redirects=False, data={
        "csrf_token": _csrf(card.text), "settles": pending.id, "outcome": "interested", "job_id": desk.acme_job,
        "duration_s": "95"})
    assert settled.status_code == 303
    # A late repeat of the end changes nothing the recruiter said.
    post_signed(client, "/telephony/dial-action", {"CallSid": sid, "DialCallStatus": "completed",
                                                   "DialCallDuration": "95"})
    [touch] = touches_of(desk, desk.jack)
    assert (touch.id, touch.outcome.value, touch.duration_s) == (pending.id, "interested", 95)
    assert "settle-call" not in client.get(f"/people/{desk.jack}").text


def test_a_missed_inbound_call_becomes_a_callback_on_the_sheet(calling: tuple[TestClient, StandIn],
                                                              desk: Desk) -> None:
    client, _ = calling
    sid = "CA" + "1" * 32
    params = {"CallSid": sid, "From": JACKS, "To": DESK_NUMBER, "Direction": "inbound", "CallStatus": "ringing"}
    first = post_signed(client, "/telephony/voice", params)
    again = post_signed(client, "/telephony/voice", params)  # Twilio retries: one call, the same answer
    assert first.status_code == again.status_code == 200 and first.text == again.text
    assert f">{RITAS_PHONE}</Number>" in first.text
    missed = {"CallSid": "CA" + "2" * 32, "ParentCallSid": sid, "CallStatus": "no-answer"}
    for _ in range(2):
        assert post_signed(client, "/telephony/status", missed).status_code == 200
    [touch] = [t for t in touches_of(desk, desk.jack)]
    assert (touch.outcome.value, touch.direction, touch.job_id) == ("callback", "in", desk.acme_job)
    assert touch.callback_at is not None
    sheet = client.get("/api/v1/queue?at=2026-11-17T10:05:00", headers=token_for(desk, "recruiter@example.com")).json()
    assert any(row["person_id"] == desk.jack and row["callback_due_at"] for row in sheet)
