"""Every place that measures miles gives the same answer: the card, search, match, the sheet and the bench."""

from __future__ import annotations

import math

import numpy as np
import pytest

from callsheet.domain import fit, geo
from callsheet.domain import search as search_filters
from callsheet.services.calling import sheet_rank
from callsheet.services.search import fit_pass
from callsheet.services.search import people as search_people

# Milwaukee, Chicago, Kenosha, Madison, Green Bay, Minneapolis, Honolulu, and a point on the far side of the Earth.
POINTS = [(43.0389, -87.9065), (41.8781, -87.6298), (42.5847, -87.8212), (43.0731, -89.4012),
          (44.5133, -88.0133), (44.9778, -93.2650), (21.3069, -157.8583), (-43.0389, 92.0935)]
PAIRS = [(a, b) for a in POINTS for b in POINTS]


def test_it_measures_milwaukee_to_chicago_as_about_81_miles() -> None:
    assert round(geo.miles_between(*POINTS[0], *POINTS[1])) == 81


def test_it_measures_the_far_side_of_the_earth_as_half_its_circumference() -> None:
    assert geo.miles_between(*POINTS[0], *POINTS[-1]) == pytest.approx(math.pi * geo.EARTH_RADIUS_MILES)


def test_it_uses_one_distance_function_for_fit_search_and_the_sheet() -> None:
    for module in (fit, sheet_rank, search_people, search_filters):
        assert module.miles_between is geo.miles_between, module.__name__


def test_it_gives_the_same_miles_in_the_numpy_pass_as_one_by_one() -> None:
    for (lat0, lon0) in POINTS:
        lat = np.radians(np.array([p[0] for p in POINTS] + [math.nan]))
        lon = np.radians(np.array([p[1] for p in POINTS] + [math.nan]))
        miles = fit_pass.miles_from(lat, lon, lat0, lon0)
        expected = [geo.miles_between(lat0, lon0, *p) for p in POINTS]
        assert miles[:-1] == pytest.approx(expected, abs=1e-6)
        assert math.isnan(miles[-1])  # an unplaced person stays unplaced
