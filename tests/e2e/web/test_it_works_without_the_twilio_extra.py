"""Without the callsheet[twilio] extra (or without an account set up) the desk dials by tel: links and
logs the call by hand, its length asked on return; no Call button, no webhooks, nothing breaks."""

from __future__ import annotations

import sys

import pytest
from fastapi.testclient import TestClient

from tests.e2e.web.conftest import Desk
from tests.e2e.web.telephony import DESK_NUMBER, give_rita_a_phone, touches_of, with_twilio
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for
from tests.e2e.web.test_it_never_calls_a_marked_number_from_the_web_desk_or_the_api import _csrf, _sign_in


def _hide_twilio(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "twilio" or name.startswith("twilio."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "twilio", None)
    monkeypatch.delitem(sys.modules, "callsheet.services.calling.twilio_voice", raising=False)


@pytest.mark.parametrize("missing", ["the extra", "the account"])
def test_without_twilio_the_card_offers_tel_links_and_logs_the_call_by_hand(
        desk: Desk, monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    if missing == "the extra":
        _hide_twilio(monkeypatch)
        desk.settings = with_twilio(desk.settings, "http://127.0.0.1:9")  # set up, but the package is absent
    give_rita_a_phone(desk)
    app = desk.app()
    with TestClient(app, base_url="http://127.0.0.1") as client:
        _sign_in(client, "recruiter@example.com")
        card = client.get(f"/people/{desk.jack}")
        assert card.status_code == 200
        assert "call-button" not in card.text and 'id="pops"' not in card.text
        assert 'href="tel:+14145550101"' in card.text and 'id="log-call"' in card.text
        assert "/static/calls.js" in card.text
        sheet = client.get("/sheet")
        assert sheet.status_code == 200 and "/dial" not in sheet.text
        refused = client.post("/api/v1/calls", json={"person_id": desk.jack},
                              headers=token_for(desk, "recruiter@example.com"))
        assert refused.status_code == 422 and refused.json()["detail"]["field"] == "telephony"
        assert client.post("/telephony/voice", data={"CallSid": "CA1", "From": DESK_NUMBER}).status_code == 404
        logged = client.post(f"/people/{desk.jack}/log-call", follow_redirects=False, data={
            "csrf_token": _csrf(card.text), "outcome": "voicemail", "phone": "+14145550101", "duration_s": "42",
            "job_id": desk.acme_job})
        assert logged.status_code == 303
    app.state.desk.engine.dispose()
    [touch] = touches_of(desk, desk.jack)
    assert (touch.outcome.value, touch.duration_s, touch.phone) == ("voicemail", 42, "+14145550101")
