"""Every Twilio webhook is checked with Twilio's own validator, as Twilio documents it."""

from __future__ import annotations

import pytest

from callsheet.settings import Settings

pytest.importorskip("twilio", reason="the callsheet[twilio] extra is not installed")

from callsheet.services.calling.twilio_voice import TwilioTelephony  # noqa: E402 - after the extra's check

URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
PARAMS = {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675309", "Digits": "1234", "From": "+14158675309",
          "To": "+18005551212"}
SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def _twilio(**more: str) -> TwilioTelephony:
    return TwilioTelephony(Settings(twilio_account_sid="AC" + "0" * 32, twilio_auth_token="12345",
                                    twilio_from="+18005551212", **more))  # type: ignore[arg-type]


def test_twilios_documented_request_is_accepted() -> None:
    assert _twilio().genuine(URL, PARAMS, SIGNATURE)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_a_request_with_one_parameter_changed_is_refused(name: str) -> None:
    assert not _twilio().genuine(URL, {**PARAMS, name: PARAMS[name] + "0"}, SIGNATURE)


def test_a_request_without_a_signature_or_to_another_address_is_refused() -> None:
    assert not _twilio().genuine(URL, PARAMS, "")
    assert not _twilio().genuine(URL.replace("foo=1", "foo=2"), PARAMS, SIGNATURE)


def test_a_call_is_recorded_only_with_consent_said_first() -> None:
    plain = _twilio().bridge("+14145550101", "+18005551212", "https://d/a", "https://d/s")
    assert "record" not in plain and "<Say" not in plain
    recorded = _twilio(twilio_record="consent").bridge("+14145550101", "+18005551212", "https://d/a", "https://d/s")
    assert recorded.index("<Say>") < recorded.index("<Dial")
    assert 'record="record-from-answer-dual"' in recorded and "may be recorded" in recorded
