"""Phone numbers: parse to E.164 and find the zones a number can ring in."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import timezone as number_timezone

from callsheet.domain.errors import BadInput
from callsheet.domain.model import Phone

_UNKNOWN_ZONE = "Etc/Unknown"


def normalize(text: str, region: str = "US", field: str = "phone") -> str:
    """Return the E.164 form of a phone number typed in any common format.

    >>> normalize("(414) 555-0142")
    '+14145550142'
    """
    raw = (text or "").strip()
    if not raw:
        raise BadInput(field, "a phone number is required")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise BadInput(field, f"{raw!r} is not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise BadInput(field, f"{raw!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalize(text: str, region: str = "US") -> str | None:
    """E.164 or None, for lookups where a bad number simply matches nothing."""
    try:
        return normalize(text, region)
    except BadInput:
        return None


@lru_cache(maxsize=65536)
def zones_for(e164: str) -> tuple[str, ...]:
    """The IANA zones a number's prefix may ring in, e.g. two for Nevada's 775.

    >>> zones_for("+17755550100")
    ('America/Boise', 'America/Los_Angeles')
    """
    number = phonenumbers.parse(e164, None)
    return tuple(z for z in number_timezone.time_zones_for_number(number) if z != _UNKNOWN_ZONE)


def make_phone(text: str, region: str = "US", label: str = "", field: str = "phone") -> Phone:
    e164 = normalize(text, region, field)
    return Phone(e164=e164, label=label, timezones=zones_for(e164))


def display(e164: str) -> str:
    """A human-friendly national format, e.g. (414) 555-0142."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def numbers_in(text: str, region: str = "US") -> list[str]:
    """The valid numbers written anywhere in a text (a résumé's header...), E.164, first seen first.

    >>> numbers_in("Call (414) 555-0142 or +1 414 555 0142; fax 123")
    ['+14145550142']
    """
    found: list[str] = []
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if e164 not in found:
            found.append(e164)
    return found
