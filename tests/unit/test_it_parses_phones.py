import pytest

from callsheet.domain.errors import BadInput
from callsheet.lookup.phones import display, normalize, try_normalize, zones_for


@pytest.mark.parametrize("typed", ["(414) 555-0142", "414-555-0142", "414.555.0142", "+1 414 555 0142",
                                   "1 (414) 555-0142"])
def test_it_reads_every_common_format_as_the_same_e164_number(typed: str) -> None:
    assert normalize(typed) == "+14145550142"


@pytest.mark.parametrize("typed", ["12345", "", "not a phone", "+1 000 000 0000"])
def test_it_rejects_an_invalid_number_naming_the_field_and_value(typed: str) -> None:
    with pytest.raises(BadInput) as caught:
        normalize(typed)
    assert caught.value.field == "phone"
    assert typed.strip() in str(caught.value) or "required" in str(caught.value)


def test_it_knows_a_nevada_number_may_ring_in_two_zones() -> None:
    assert zones_for("+17755550100") == ("America/Boise", "America/Los_Angeles")


def test_it_gives_a_milwaukee_number_central_time() -> None:
    assert zones_for("+14145550142") == ("America/Chicago",)


def test_it_shows_numbers_in_national_format_and_matches_nothing_for_garbage() -> None:
    assert display("+14145550142") == "(414) 555-0142"
    assert try_normalize("garbage") is None
