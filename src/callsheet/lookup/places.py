"""US places: a city + state or a ZIP code to lat/lon and an IANA time zone.

The data ships inside the `zipcodes` package, so nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import zipcodes
from platformdirs import user_cache_dir

from callsheet.domain.errors import BadInput
from callsheet.domain.model import Place

_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_CITY_STATE = re.compile(r"^\s*(?P<city>[^,]+?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")


def _key(city: str) -> str:
    city = city.lower().replace("saint ", "st ").replace("st. ", "st ").replace(".", "")
    return " ".join(city.split())


def _build_index() -> dict[str, list[object]]:
    """(city key|state) -> [city, state, zip, lat, lon, zone]: the centre of the city's standard
    ZIPs and their commonest zone."""
    groups: dict[str, list[dict[str, object]]] = {}
    for row in zipcodes.list_all():  # type: ignore[no-untyped-call]
        if not row.get("timezone") or not row.get("lat"):
            continue
        for name in [row["city"], *row.get("acceptable_cities", [])]:
            groups.setdefault(f"{_key(str(name))}|{row['state']}", []).append(row)
    index: dict[str, list[object]] = {}
    for key, rows in groups.items():
        standard = [r for r in rows if r.get("zip_code_type") == "STANDARD"] or rows
        lat = sum(float(str(r["lat"])) for r in standard) / len(standard)
        lon = sum(float(str(r["long"])) for r in standard) / len(standard)
        tz = Counter(str(r["timezone"]) for r in standard).most_common(1)[0][0]
        city_key, state = key.split("|")
        first = standard[0]
        city = str(first["city"]) if _key(str(first["city"])) == city_key else city_key.title()
        index[key] = [city, state, str(first["zip_code"]), round(lat, 5), round(lon, 5), tz]
    return index


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[object]]:
    # Loading the package's 42,000 ZIPs takes about a second; the derived city index is kept in
    # the user's cache directory so later commands start fast.
    cache = Path(user_cache_dir("callsheet")) / f"places-{getattr(zipcodes, '__version__', 'x')}.json"
    try:
        return dict(json.loads(cache.read_text()))
    except (OSError, ValueError):
        pass
    index = _build_index()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(index))
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home still works, just slower
    return index


def by_zip(code: str) -> Place:
    code = code.strip()
    if not _ZIP.match(code):
        raise BadInput("zip", f"{code!r} is not a US ZIP code")
    rows = zipcodes.matching(code[:5])  # type: ignore[no-untyped-call]
    if not rows or not rows[0].get("timezone"):
        raise BadInput("zip", f"unknown ZIP code {code!r}")
    row = rows[0]
    return Place(row["city"], row["state"], row["zip_code"], float(row["lat"]), float(row["long"]),
                 row["timezone"])


def by_city(city: str, state: str) -> Place:
    state = state.strip().upper()
    row = _cities().get(f"{_key(city)}|{state}")
    if row is None:
        raise BadInput("city", f"unknown place {city.strip()!r}, {state!r} (give the city and its "
                               "two-letter state, or a ZIP code)")
    c, s, z, lat, lon, tz = row
    return Place(str(c), str(s), str(z), float(str(lat)), float(str(lon)), str(tz))


def resolve(text: str) -> Place:
    """Resolve "City, ST" or a ZIP code.

    >>> resolve("Milwaukee, WI").timezone
    'America/Chicago'
    """
    text = (text or "").strip()
    if _ZIP.match(text):
        return by_zip(text)
    match = _CITY_STATE.match(text)
    if not match:
        raise BadInput("place", f"{text!r} is neither 'City, ST' nor a ZIP code")
    return by_city(match["city"], match["state"])


def resolve_parts(city: str | None, state: str | None, zip_code: str | None) -> Place | None:
    """Resolve the --city/--state/--zip options; None when none is given."""
    if zip_code:
        return by_zip(zip_code)
    if city or state:
        if not (city and state):
            raise BadInput("state" if city else "city", "give both --city and --state, or --zip")
        return by_city(city, state)
    return None


_CITY_COMMA_STATE = re.compile(r"([A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,4}),\s*([A-Z]{2})\b")


def place_in(text: str) -> Place | None:
    """The first "City, ST" written in a text (a résumé's header) that names a known US place.

    >>> place_in("Ann Kowalski | Senior Engineer Milwaukee, WI 53202").city
    'Milwaukee'
    """
    for match in _CITY_COMMA_STATE.finditer(text):
        words = match.group(1).split()
        for start in range(len(words)):  # words before the city's own ("Engineer Milwaukee") are dropped
            try:
                return by_city(" ".join(words[start:]), match.group(2))
            except BadInput:
                continue
    return None
