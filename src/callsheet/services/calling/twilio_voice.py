"""Twilio as the desk's telephony provider (the `callsheet[twilio]` extra).

Imported only when the extra is installed and CALLSHEET_TWILIO_* are set (bootstrap.telephony_for).
Calls go through twilio.rest.Client, its API domain pointed at CALLSHEET_TWILIO_API_BASE; webhooks are
checked with Twilio's RequestValidator; answers are TwiML built by its VoiceResponse.
"""

from __future__ import annotations

from collections.abc import Mapping

from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.voice_response import Dial, VoiceResponse

from callsheet.domain.calls import CallState
from callsheet.settings import Settings

#: Twilio's CallStatus and DialCallStatus words, as the desk's call states.
STATES: dict[str, CallState] = {
    "queued": CallState.PLACED,
    "initiated": CallState.PLACED,
    "ringing": CallState.RINGING,
    "in-progress": CallState.ANSWERED,
    "answered": CallState.ANSWERED,
    "completed": CallState.COMPLETED,
    "busy": CallState.BUSY,
    "no-answer": CallState.NO_ANSWER,
    "failed": CallState.FAILED,
    "canceled": CallState.CANCELED,
}

#: The progress events Twilio reports for the callee's leg.
EVENTS = "initiated ringing answered completed"

#: Said to both parties before a recorded call is bridged.
CONSENT = "This call may be recorded. By staying on the line you agree to the recording."


class TwilioTelephony:
    media_type = "application/xml"

    def __init__(self, settings: Settings) -> None:
        self.client = Client(settings.twilio_account_sid, settings.twilio_auth_token)
        # Every REST request of the API domain starts with this base (Domain.absolute_url).
        self.client.api.base_url = settings.twilio_api_base.rstrip("/")
        self.validator = RequestValidator(settings.twilio_auth_token)
        self.record = settings.twilio_record.strip().lower() == "consent"

    def place_call(self, to_user_phone: str, callee_phone: str, caller_id: str, twiml_url: str,
                   status_url: str) -> str:
        call = self.client.calls.create(to=to_user_phone, from_=caller_id, url=twiml_url, method="POST",
                                        status_callback=status_url, status_callback_method="POST",
                                        status_callback_event=EVENTS.split())
        return str(call.sid)

    def genuine(self, url: str, params: Mapping[str, str], signature: str) -> bool:
        return bool(signature) and bool(self.validator.validate(url, dict(params), signature))

    def state_of(self, status: str) -> CallState | None:
        return STATES.get(status.strip().lower())

    def bridge(self, callee_phone: str, caller_id: str, action_url: str, status_url: str) -> str:
        response = VoiceResponse()
        options: dict[str, str] = {}
        if self.record:
            response.say(CONSENT)
            options["record"] = "record-from-answer-dual"
        dial = Dial(caller_id=caller_id, action=action_url, method="POST", **options)
        dial.number(callee_phone, status_callback=status_url, status_callback_event=EVENTS,
                    status_callback_method="POST")
        response.append(dial)
        return str(response)

    def forward(self, user_phone: str, action_url: str, status_url: str) -> str:
        response = VoiceResponse()
        dial = Dial(action=action_url, method="POST", timeout=20)
        dial.number(user_phone, status_callback=status_url, status_callback_event=EVENTS,
                    status_callback_method="POST")
        response.append(dial)
        return str(response)

    def unanswered(self) -> str:
        response = VoiceResponse()
        response.say("Sorry, nobody can take your call right now. We will call you back.")
        return str(response)

    def empty(self) -> str:
        return str(VoiceResponse())
