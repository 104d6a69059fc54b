"""Small checks on contact details that need no library."""

from __future__ import annotations

import re

from callsheet.domain.errors import BadInput

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/([^/?#\s]+)/?", re.IGNORECASE)


def normalize_email(text: str, field: str = "email") -> str:
    """Lower-cased, trimmed address, or BadInput naming the field.

    >>> normalize_email(" Jack.K@Example.COM ")
    'jack.k@example.com'
    """
    address = text.strip().lower()
    if not _EMAIL.match(address):
        raise BadInput(field, f"{text.strip()!r} is not an email address")
    return address


def normalize_linkedin(text: str, field: str = "linkedin") -> str:
    """The canonical profile URL, so every spelling of one profile matches.

    >>> normalize_linkedin("linkedin.com/in/Jack-Kowalski/?trk=x")
    'https://www.linkedin.com/in/jack-kowalski'
    """
    match = _LINKEDIN.match(text.strip())
    if not match:
        raise BadInput(field, f"{text.strip()!r} is not a LinkedIn profile URL (linkedin.com/in/...)")
    return f"https://www.linkedin.com/in/{match.group(1).lower()}"


def check_name(text: str, field: str = "name") -> str:
    name = " ".join((text or "").split())
    if not name:
        raise BadInput(field, "a name is required")
    if len(name) > 300:
        raise BadInput(field, "is longer than 300 characters")
    return name
