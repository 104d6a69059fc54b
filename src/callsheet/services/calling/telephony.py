"""What the desk asks of a telephony provider, whichever it is (Twilio, or a PBX of one's own).

The desk places a call by ringing the recruiter's own phone first; once they answer, the provider
fetches `twiml_url` to learn whom to bridge them to, and reports the call's progress to `status_url`.
A provider answers with its own id for the call: the key of everything reported about it later.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from callsheet.domain.calls import CallState


class Telephony(Protocol):
    def place_call(self, to_user_phone: str, callee_phone: str, caller_id: str, twiml_url: str,
                   status_url: str) -> str:
        """Ring the user's phone, then bridge to the callee; returns the provider's call id."""
        ...


class VoiceWebhooks(Protocol):
    """The provider's side of its webhooks: who sent them, what they say, and what to answer."""

    def genuine(self, url: str, params: Mapping[str, str], signature: str) -> bool:
        """Whether a request to `url` with these form parameters was signed by the provider."""
        ...

    def state_of(self, status: str) -> CallState | None:
        """The call state a provider's status word names (None: a word we do not know)."""
        ...

    def bridge(self, callee_phone: str, caller_id: str, action_url: str, status_url: str) -> str:
        """The answer that connects the user's answered phone to the callee."""
        ...

    def forward(self, user_phone: str, action_url: str, status_url: str) -> str:
        """The answer that forwards an inbound call to the user's phone."""
        ...

    def unanswered(self) -> str:
        """The answer when nobody can take an inbound call."""
        ...

    def empty(self) -> str:
        """An answer that asks nothing more."""
        ...


class Provider(Telephony, VoiceWebhooks, Protocol):
    """A provider that both places calls and answers its webhooks (what the desk wires)."""

    media_type: str
