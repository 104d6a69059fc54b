from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.web.conftest import Desk, screenshot, sign_in
from tests.e2e.web.fits import add_fits


def test_it_searches_with_the_query_language_and_opens_a_card(page: Any, desk: Desk) -> None:
    fits = add_fits(desk)
    sign_in(page, "recruiter@example.com")
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/search")
    page.get_by_label("Search", exact=True).fill("cisco NOT linux")
    page.get_by_label("Near").fill("Milwaukee, WI")
    page.get_by_label("Radius (miles)").fill("25")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#results")
    expect(results).to_contain_text("1 found")
    expect(results.get_by_role("link", name="Nina Cisneros")).to_be_visible()
    assert "Otto Router" not in results.inner_text() and "Dee Ceased" not in results.inner_text()
    # The search is in the address: a link that can be shared and reloaded.
    assert parse_qs(urlparse(page.url).query)["q"] == ["cisco NOT linux"]
    screenshot(page, "search.png")

    results.get_by_role("link", name="Nina Cisneros").click()
    page.wait_for_url(f"**/people/{fits.nina}")
    expect(page.locator("h1")).to_have_text("Nina Cisneros")


def test_it_finds_the_deceased_only_when_asked_and_says_so(page: Any, desk: Desk) -> None:
    add_fits(desk)
    sign_in(page, "recruiter@example.com")
    page.goto("/search?q=ccna")
    assert "Dee Ceased" not in page.locator("#results").inner_text()
    page.get_by_label("Include people who must not be called").check()
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_contain_text("Dee Ceased deceased")


def test_it_explains_a_bad_query_in_the_pages_words(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    page.goto("/search")
    page.get_by_label("Search", exact=True).fill("-cisco")
    page.get_by_role("button", name="Search").click()
    error = page.locator("#results [role=alert]")
    expect(error).to_contain_text("Search: say what to look for, not only what to leave out")
    page.get_by_label("Search", exact=True).fill("cisco")
    page.get_by_label("Near").fill("Milwaukee, WI")
    page.get_by_role("button", name="Search").click()
    expect(error).to_contain_text("give both a place (near) and a radius in miles")
    assert "--" not in error.inner_text()
    response = page.goto("/search?q=-cisco")
    assert response is not None and response.status == 422
    assert page.get_by_label("Search", exact=True).input_value() == "-cisco"  # kept as typed
