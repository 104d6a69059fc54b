"""Distances on the Earth: the one radius and the one great-circle formula (haversine).

Every distance the product shows or ranks by comes from here. `miles_between` is the scalar form.
The numpy pass that scores a whole desk at once (services/search/fit_pass.py) and the bench's SQL
(bench/sheet_common.py) need the formula in their own language; they take `EARTH_RADIUS_MILES` from
this module and spell the same haversine, and a unit test checks they agree with `miles_between`.
"""

from __future__ import annotations

import math

#: The Earth's mean radius in miles: the only one the product uses.
EARTH_RADIUS_MILES = 3958.8


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points given in degrees (haversine).

    >>> round(miles_between(43.04, -87.91, 41.88, -87.63))
    81
    >>> miles_between(43.04, -87.91, 43.04, -87.91)
    0.0
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    # Rounding can push `a` a hair past 1 for points on opposite sides of the Earth.
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))


def bounding_box(lat: float, lon: float, miles: float) -> tuple[float, float, float, float]:
    """The smallest latitude/longitude box holding every point within `miles` of a place.

    Indexes cut to this box before the exact circle, so it must never be narrower than the circle:
    the longitude span is taken where the circle is widest in degrees, not at its centre.

    >>> lat0, lat1, lon0, lon1 = bounding_box(43.04, -87.91, 50)
    >>> miles_between(43.04, -87.91, 43.04, lon1) >= 50 and miles_between(43.04, -87.91, lat1, -87.91) >= 49.99
    True
    """
    angle = miles / EARTH_RADIUS_MILES
    dlat = math.degrees(angle)
    cos_lat = math.cos(math.radians(lat))
    if angle >= math.pi / 2 or cos_lat <= math.sin(angle):
        return lat - dlat, lat + dlat, -180.0, 180.0  # the circle reaches a pole: every longitude
    dlon = math.degrees(math.asin(math.sin(angle) / cos_lat))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
