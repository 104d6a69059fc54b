"""Desks with their own numbers at the telephony provider: an inbound call rings the recruiter of the desk
whose number was called, never another desk's, and a desk's outbound calls show its own number."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient

from callsheet.server import create_app
from callsheet.settings import Settings
from tests.conftest import DESK_ZONE, NOW
from tests.e2e.cli import Result, run
from tests.e2e.web.conftest import PASSWORD
from tests.e2e.web.telephony import post_signed, twilio_stand_in, with_twilio

CALLER = "414-555-0142"  # a person of both desks


def _desk(monkeypatch: object, name: str, number: str, recruiter_phone: str) -> tuple[str, str]:
    """A desk with its number, a recruiter with a phone, and a person holding CALLER; (login, token)."""
    made = run("desk", "add", name, "--number", number, "--json")
    assert made.exit_code == 0, made.stderr
    login = f"{name.lower()}@example.com"
    added = run("user", "add", login, "--role", "recruiter", "--desk", name, "--name", f"{name} Recruiter",
                "--phone", recruiter_phone, "--password-stdin", input=PASSWORD + "\n")
    assert added.exit_code == 0, added.stderr
    monkeypatch.setenv("CALLSHEET_DESK", name)  # type: ignore[attr-defined]
    monkeypatch.setenv("CALLSHEET_USER", login)  # type: ignore[attr-defined]
    person: Result = run("person", "add", "--name", f"{name} Kowalski", "--phone", CALLER, "--city", "Milwaukee",
                         "--state", "WI", "--json")
    assert person.exit_code == 0, person.stderr
    token = run("token", "add", login)
    assert token.exit_code == 0, token.stderr
    return login, token.stdout.strip()


def test_a_call_to_a_desks_own_number_rings_that_desks_recruiter_and_its_calls_show_that_number(
        desk_env: dict[str, str], monkeypatch: object) -> None:
    _desk(monkeypatch, "Alpha", "(414) 555-0111", "+14145550301")
    taken = run("desk", "add", "Gamma", "--number", "+1 414 555 0111")
    assert taken.exit_code == 2 and "number" in taken.stderr and "+14145550111" in taken.stderr
    bad = run("desk", "add", "Delta", "--number", "12")
    assert bad.exit_code == 2 and "number" in bad.stderr
    _, beta_token = _desk(monkeypatch, "Beta", "414-555-0222", "+14145550302")
    numbers = {d["name"]: d["number"] for d in run("desk", "list", "--json").json()}
    assert numbers["Alpha"] == "+14145550111" and numbers["Beta"] == "+14145550222" and "Gamma" not in numbers
    beta_person = run("person", "list", "--json").json()[0]["id"]

    settings = Settings(database_url=desk_env["CALLSHEET_DATABASE_URL"], now=datetime.fromisoformat(NOW),
                        timezone=DESK_ZONE, cookie_secure=False, secret_key="test-secret")
    with twilio_stand_in() as stand_in, TestClient(create_app(with_twilio(settings, stand_in.base))) as client:
        for number, sid, rings in (("+14145550222", "CA" + "b" * 32, "+14145550302"),
                                   ("+14145550111", "CA" + "a" * 32, "+14145550301")):
            answer = post_signed(client, "/telephony/voice", {"CallSid": sid, "From": "+14145550142", "To": number,
                                                               "Direction": "inbound", "CallStatus": "ringing"})
            assert answer.status_code == 200 and rings in answer.text, answer.text
            other = "+14145550301" if rings == "+14145550302" else "+14145550302"
            assert other not in answer.text

        auth = {"Authorization": f"Bearer {beta_token}"}
        placed = client.post("/api/v1/calls", headers=auth, json={"person_id": beta_person})
        assert placed.status_code == 201, placed.text
        assert stand_in.requests[-1][1]["From"] == "+14145550222" and stand_in.requests[-1][1]["To"] == "+14145550302"
        bridged = post_signed(client, "/telephony/bridge?to=%2B14145550142",
                              {"CallSid": placed.json()["call_id"], "CallStatus": "in-progress"})
        assert bridged.status_code == 200 and 'callerId="+14145550222"' in bridged.text, bridged.text
