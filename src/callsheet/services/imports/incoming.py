"""The common record every parser produces, and its checking into match keys.

A parser reports what a row says (`Incoming`); `prepare` turns it into clean values
(`Prepared`) or a reason to reject the whole row. A bad phone or email is a *problem*: it goes to
the rejects file while the rest of the row is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import phonenumbers

from callsheet.domain.contacts import normalize_email, normalize_linkedin
from callsheet.domain.errors import BadInput
from callsheet.domain.imports import Prepared
from callsheet.domain.model import Place
from callsheet.lookup import phones as phone_lookup
from callsheet.lookup import places
from callsheet.services.imports.keys import digest


@dataclass
class Incoming:
    """One contact as a file states it: raw text, not yet checked."""

    row: int
    name: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (raw number, label)
    emails: list[str] = field(default_factory=list)
    linkedin: str = ""
    company: str = ""
    title: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    notes: str = ""
    connected_on: datetime | None = None
    #: The row's cells as read, written back into the rejects file.
    raw: list[str] = field(default_factory=list)
    #: Problems a parser already found (an unreadable date...), kept with the row.
    problems: list[str] = field(default_factory=list)
    #: Set when the parser could not read the record at all: the row is rejected with this reason.
    error: str = ""


_made = tuple.__new__


class Rejected(Exception):
    """The whole row cannot become a person."""


def _clean(text: str) -> str:
    if not text:
        return ""
    return text if "  " not in text and text == text.strip() and "\n" not in text and "\t" not in text \
        else " ".join(text.split())


_PHONE_CHARS = re.compile(r"^[0-9()+\-. ]+$")
_NOT_DIGITS = str.maketrans("", "", "()+-. ")


@lru_cache(maxsize=1)
def _us_pattern() -> re.Pattern[str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region("US")
    assert meta is not None and meta.fixed_line is not None
    return re.compile(meta.fixed_line.national_number_pattern or "$^")


def fast_e164(raw: str, region: str) -> str:
    """E.164 for a number; the common US shapes take a shortcut through phonenumbers' own metadata.

    Full parsing costs ~50 µs a number, the whole budget of a 20,000-rows/s import; a plain
    10-digit US number matching the library's US pattern is valid without it. Anything else
    takes the full path, so the result is always what `lookup.phones.normalize` says.
    """
    text = raw.strip()
    if region == "US" and _PHONE_CHARS.match(text):
        digits = text.translate(_NOT_DIGITS)
        if text.startswith("+"):
            digits = digits[1:] if digits.startswith("1") and len(digits) == 11 else ""
        elif len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        if len(digits) == 10 and _us_pattern().fullmatch(digits):
            return "+1" + digits
    return phone_lookup.normalize(text, region)


@lru_cache(maxsize=65536)
def _e164_or_error(raw: str, region: str) -> tuple[str, str]:
    """(E.164, "") or ("", the reason): a number met again (a household's, a company's switchboard,
    a re-import in one process) is not parsed again."""
    try:
        return fast_e164(raw, region), ""
    except BadInput as exc:
        return "", exc.message


@lru_cache(maxsize=4096)
def _place(city: str, state: str, zip_code: str) -> Place | None:
    try:
        return places.resolve_parts(city or None, state or None, zip_code or None)
    except BadInput:
        return None


def prepare(item: Incoming, region: str = "US", salt: str = "", with_erased: bool = False) -> Prepared:
    """Check a row; raises Rejected when nothing usable is left. With the desk's `salt`, the row's
    match keys are worked out too (and the erased-person hashes `with_erased`)."""
    if item.error:
        raise Rejected(item.error)
    problems = list(item.problems)
    name = _clean(item.name)
    phones: list[tuple[str, str]] = []
    for raw, label in item.phones:
        if not raw.strip():
            continue
        e164, error = _e164_or_error(raw, region)
        if error:
            problems.append(f"phone: {error}")
            continue
        if not phones:
            phones.append((e164, label or "main"))
        elif all(e164 != p for p, _ in phones):
            phones.append((e164, label))
    emails: list[str] = []
    for raw in item.emails:
        if not raw.strip():
            continue
        try:
            address = normalize_email(raw)
        except BadInput as exc:
            problems.append(f"email: {exc.message}")
            continue
        if address not in emails:
            emails.append(address)
    linkedin = ""
    if item.linkedin.strip():
        try:
            linkedin = normalize_linkedin(item.linkedin)
        except BadInput as exc:
            problems.append(f"linkedin: {exc.message}")
    if not name:
        raise Rejected("name: a name is required")
    if len(name) > 300:
        raise Rejected("name: is longer than 300 characters")
    city, state, zip_code = _clean(item.city), _clean(item.state).upper(), _clean(item.zip)
    place = _place(city, state, zip_code) if (city and state) or zip_code else None
    if place is None and (city or zip_code):
        problems.append(f"place: {', '.join(x for x in (city, state, zip_code) if x)!r} not found; kept as text")
    company, title = _clean(item.company)[:300], _clean(item.title)[:300]
    notes = (item.notes or "").strip()
    raw_state = state if len(state) == 2 else ""
    keys: tuple[str, ...] = ()
    erased: tuple[str, ...] | None = None
    if salt:
        keys = match_keys(phones, emails, linkedin) or (
            "r:" + row_digest(salt, name, company, title, city[:120], raw_state, notes),)
        if with_erased:
            erased = erased_keys(salt, phones, emails, linkedin)
    cells = item.raw if problems else []
    # In Prepared's field order, made by tuple's own constructor: a NamedTuple's generated __new__
    # (a Python function of 20 arguments) costs a checking process a microsecond a row.
    if place is None:  # kept as the file states it
        return _made(Prepared, (item.row, name, phones, emails, linkedin, company, title, city[:120], raw_state, "",
                                None, None, "", False, notes, item.connected_on, cells, problems, keys, erased))
    if place.city:
        return _made(Prepared, (item.row, name, phones, emails, linkedin, company, title, place.city, place.state,
                                place.zip, place.lat, place.lon, place.timezone, True, notes, item.connected_on,
                                cells, problems, keys, erased))
    return _made(Prepared, (item.row, name, phones, emails, linkedin, company, title, "", "", "", None, None, "",
                            False, notes, item.connected_on, cells, problems, keys, erased))


def match_keys(phones: list[tuple[str, str]], emails: list[str], linkedin: str) -> tuple[str, ...]:
    """The keys a stored person is found by: each phone, email and the LinkedIn URL."""
    keys = [f"p:{e}" for e, _ in phones]
    keys += [f"e:{a}" for a in emails]
    if linkedin:
        keys.append(f"u:{linkedin}")
    return tuple(keys)


def erased_keys(salt: str, phones: list[tuple[str, str]], emails: list[str], linkedin: str) -> tuple[str, ...]:
    """The salted hashes an erasure would have left of these phones, emails and URL."""
    keys = [f"x:{digest(salt, 'phone', e)}" for e, _ in phones]
    keys += [f"x:{digest(salt, 'email', a)}" for a in emails]
    if linkedin:
        keys.append(f"x:{digest(salt, 'linkedin', linkedin)}")
    return tuple(keys)


def row_digest(salt: str, name: str, company: str, title: str, city: str, state: str, notes: str) -> str:
    """Only rows with nothing else to match on are keyed by their content (as the file states it)."""
    return digest(salt, "row", "\x1e".join([name.lower(), company.lower(), title.lower(), city.lower(), state, notes]))
