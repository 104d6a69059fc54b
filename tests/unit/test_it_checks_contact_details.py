import pytest

from callsheet.domain.contacts import check_name, normalize_email, normalize_linkedin
from callsheet.domain.errors import BadInput
from callsheet.domain.model import check_level, parse_skills


def test_it_lower_cases_emails_and_rejects_non_addresses() -> None:
    assert normalize_email("Jack@Example.com") == "jack@example.com"
    with pytest.raises(BadInput, match="email"):
        normalize_email("jack at example")


def test_it_canonicalises_linkedin_profile_urls() -> None:
    assert normalize_linkedin("https://www.linkedin.com/in/Jack-K/") == "https://www.linkedin.com/in/jack-k"
    with pytest.raises(BadInput):
        normalize_linkedin("https://example.com/jack")


def test_it_requires_a_name_and_levels_between_one_and_five() -> None:
    assert check_name("  Jack   Kowalski ") == "Jack Kowalski"
    with pytest.raises(BadInput, match="name"):
        check_name("   ")
    with pytest.raises(BadInput, match="seniority"):
        check_level("seniority", 6)


def test_it_splits_skills_without_duplicates() -> None:
    assert parse_skills("Cisco, CCNA, cisco,, routing ") == ["cisco", "ccna", "routing"]
