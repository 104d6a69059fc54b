import pytest

from callsheet.domain.errors import BadInput
from callsheet.domain.geo import miles_between
from callsheet.lookup.places import resolve, resolve_parts


def test_it_resolves_a_city_and_state_to_coordinates_and_zone() -> None:
    place = resolve("Milwaukee, WI")
    assert place.timezone == "America/Chicago"
    assert 42.9 < place.lat < 43.2 and -88.1 < place.lon < -87.8


def test_it_resolves_a_zip_code() -> None:
    place = resolve("53140")
    assert (place.city, place.state, place.timezone) == ("Kenosha", "WI", "America/Chicago")


def test_it_ignores_case_and_saint_spellings() -> None:
    assert resolve("st. louis, mo").state == "MO"
    assert resolve_parts("green bay", "wi", None).city == "Green Bay"  # type: ignore[union-attr]


def test_it_knows_mountain_and_pacific_cities() -> None:
    assert resolve("Denver, CO").timezone == "America/Denver"
    assert resolve("Reno, NV").timezone == "America/Los_Angeles"


@pytest.mark.parametrize("text", ["Atlantis, WI", "Milwaukee", "99999", "Milwaukee, Wisconsin"])
def test_it_rejects_an_unknown_place_instead_of_storing_nothing(text: str) -> None:
    with pytest.raises(BadInput):
        resolve(text)


def test_it_needs_both_city_and_state() -> None:
    with pytest.raises(BadInput) as caught:
        resolve_parts("Milwaukee", None, None)
    assert caught.value.field == "state"


def test_it_measures_miles_between_milwaukee_and_chicago() -> None:
    mke, chi = resolve("Milwaukee, WI"), resolve("Chicago, IL")
    assert 75 < miles_between(mke.lat, mke.lon, chi.lat, chi.lon) < 90
