import pytest
from nameparser import HumanName

from callsheet.lookup.names import name_parts

NAMES = [
    "Ann Nowak", "Dr. Ann van der Berg", "Mr. José de la Cruz Jr.", "Smith, John", "de la Vega, Juan Carlos",
    "Cher", "Dr. Smith", "John (Jack) Kennedy", "Mary Ann Smith-Jones III", "J. R. R. Tolkien",
    "Ms. Jane Doe PhD nee Smith", "  Zoë   O'Brien  ", "Wei Nguyen-41", "Priya Patel, MD", "", "Prof. Olga Kowalski",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_gets_the_first_and_last_name_nameparsers_human_name_reads(name: str) -> None:
    parsed = HumanName(" ".join(name.split()))
    assert name_parts(name) == (parsed.first, parsed.last)


@pytest.mark.parametrize("name", NAMES)
def test_a_name_read_again_from_the_cache_keeps_the_parts_of_its_first_reading(name: str) -> None:
    name_parts.cache_clear()
    first_reading = name_parts(name)
    assert name_parts(name) == first_reading == name_parts.__wrapped__(name)
    assert name_parts.cache_info().hits >= 1
