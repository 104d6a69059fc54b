import pytest

from callsheet.lookup.companies import KEY_MAX, company_key


@pytest.mark.parametrize("spelling", ["Acme", "ACME, Inc.", "Acme Corp", "Acme Corporation", "acme llc",
                                      "Acme Ltd.", "Acme GmbH", "  Acme   Co. ", "A.C.M.E.", "Acme-Corp",
                                      "Acme Inc. Ltd", "Ácme S.A."])
def test_legal_forms_case_punctuation_and_spacing_do_not_split_acme(spelling: str) -> None:
    assert company_key(spelling) == "acme"


@pytest.mark.parametrize("other", ["Acme Rockets", "Acme Rockets, Inc.", "Acme Foods", "Acme Group", "Acme Bank"])
def test_companies_that_differ_in_more_than_a_legal_form_stay_apart(other: str) -> None:
    assert company_key(other) != company_key("Acme")


def test_a_name_that_is_only_a_legal_form_or_only_marks_still_has_a_key_that_fits_the_store() -> None:
    assert company_key("Inc.") == "inc" and company_key("???") == "???"
    assert company_key("x" * 400) == "x" * KEY_MAX
