"""Signed session cookies: who is signed in and the CSRF token of their forms.

The cookie holds only a user id, their desk, their session version and a random CSRF token, signed with the desk's
secret (itsdangerous), so it cannot be forged; the user row is read again on every request, so a
deactivated user is out at once, and so is every copy of a cookie whose session version has been raised
(by signing out, a new password or an admin's "sign out everywhere").
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "callsheet_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
MAX_AGE = 12 * 3600  # a working day


@dataclass(frozen=True)
class Session:
    user_id: int | None
    csrf: str
    version: int = 0
    #: The desk the user works in: every request of the session opens it.
    desk_id: int | None = None


class SessionSigner:
    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="callsheet-session")
        self._notes = URLSafeTimedSerializer(secret, salt="callsheet-note")

    def dump_note(self, value: str) -> str:
        """A value carried by a short-lived cookie from a form's answer to the page it redirects to."""
        return self._notes.dumps(value)

    def load_note(self, cookie: str | None, max_age: int) -> str | None:
        if not cookie:
            return None
        try:
            value = self._notes.loads(cookie, max_age=max_age)
        except BadSignature:
            return None
        return value if isinstance(value, str) else None

    def dump(self, session: Session) -> str:
        return self._serializer.dumps({"uid": session.user_id, "csrf": session.csrf, "ver": session.version,
                                       "desk": session.desk_id})

    def load(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return None
        uid, version, desk = data.get("uid"), data.get("ver"), data.get("desk")
        if not isinstance(uid, int) or not isinstance(version, int):
            return Session(None, data["csrf"])
        return Session(uid, data["csrf"], version, desk if isinstance(desk, int) else None)


def new_session(user_id: int | None = None, version: int = 0, desk_id: int | None = None) -> Session:
    # A fresh CSRF token with every sign-in and sign-out.
    return Session(user_id, secrets.token_urlsafe(24), version, desk_id)


def csrf_matches(session: Session | None, sent: str | None) -> bool:
    return bool(session and sent and hmac.compare_digest(session.csrf, sent))
