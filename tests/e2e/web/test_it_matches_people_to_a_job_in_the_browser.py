from typing import Any

from playwright.sync_api import expect

from tests.e2e.web.conftest import Desk, screenshot, sign_in
from tests.e2e.web.fits import add_fits


def test_the_job_page_shows_its_best_matches_and_adds_one_to_the_pipeline(page: Any, desk: Desk) -> None:
    fits = add_fits(desk)
    sign_in(page, "recruiter@example.com")
    page.goto(f"/jobs/{desk.acme_job}")
    matches = page.locator("#match-list")
    expect(matches.locator(".match").first).to_contain_text("Nina Cisneros")
    assert [matches.locator(".match a.name").nth(i).inner_text() for i in range(2)] == ["Nina Cisneros",
                                                                                        "Otto Router"]
    assert "Dee Ceased" not in matches.inner_text()  # the deceased are never proposed
    expect(page.locator(f"#match-{fits.nina}")).to_contain_text("2 of 2 skills (cisco, ccna)")
    screenshot(page, "job.png")

    page.locator(f"#match-{fits.nina}").get_by_role("button", name="Add to pipeline").click()
    expect(page.locator(f"#match-{fits.nina}")).to_contain_text("Added Nina Cisneros to the pipeline")
    expect(page.locator('[data-stage="sourced"]')).to_contain_text("Nina Cisneros")

    page.reload()
    expect(page.locator('[data-stage="sourced"]')).to_contain_text("Nina Cisneros")
    expect(page.locator("#match-list .match").first).to_contain_text("Otto Router")
    assert "Nina Cisneros" not in page.locator("#match-list").inner_text()


def test_a_hiring_manager_sees_no_matches(page: Any, desk: Desk) -> None:
    add_fits(desk)
    sign_in(page, "manager@example.com")
    page.goto(f"/jobs/{desk.acme_job}")
    assert page.locator("#matches").count() == 0
    response = page.goto(f"/jobs/{desk.acme_job}/matches")
    assert response is not None and response.status == 404
