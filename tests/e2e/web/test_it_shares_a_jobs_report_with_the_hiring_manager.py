"""In a real browser: the report page, the hiring manager's link (that job only, until it expires or is
withdrawn), a hiring manager kept to their own company, and the analytics page's charts."""

from datetime import datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.conftest import NOW
from tests.e2e.web.conftest import Desk, screenshot, sign_in
from tests.e2e.web.report_history import DEATH_NOTE, PRIVATE_NOTE, add_calls, add_history


def _share(page: Any, days: str) -> str:
    page.get_by_label("Link works for").fill(days)
    page.get_by_role("button", name="Create share link").click()
    link: str = page.get_by_label("New share link").input_value()
    assert "/share/" in link
    return link


def test_the_hiring_managers_link_shows_that_job_only_until_it_expires(page: Any, browser: Any, desk: Desk) -> None:
    add_history(desk)
    sign_in(page, "recruiter@example.com")
    page.goto(f"/jobs/{desk.acme_job}")
    page.get_by_role("link", name="Status report").click()
    report = page.locator("#report")
    expect(report).to_contain_text("Network Administrator — Acme Corp")
    assert "No longer being contacted" in report.inner_text()
    link = _share(page, "7")
    screenshot(page, "report.png")

    visitor = browser.new_context()  # the hiring manager: no session, no account
    try:
        shared = visitor.new_page()
        answer = shared.goto(link)
        assert answer.status == 200
        assert answer.headers["cache-control"] == "no-store" and "noindex" in answer.headers["x-robots-tag"]
        text = shared.locator("body").inner_text()
        assert "Network Administrator — Acme Corp" in text
        rows = shared.locator("tbody tr").filter(has_text="Kowalski").or_(
            shared.locator("tbody tr").filter(has_text="Nowak"))
        assert rows.count() == 2
        mary = shared.locator("tr", has_text="Mary Ann Nowak").inner_text()
        assert "No longer being contacted" in mary
        for secret in (PRIVATE_NOTE, DEATH_NOTE, "eceased", "Pat O'Brien", "Globex", "Database Administrator"):
            assert secret not in text
        # Nothing of the desk: no navigation, not one link or form to follow.
        assert shared.locator("nav, a, form, header").count() == 0

        desk.settings.now = datetime.fromisoformat(NOW) + timedelta(days=8)  # the pinned clock moves on
        later = shared.goto(link)
        assert later.status == 410
        assert "expired" in shared.locator("body").inner_text()
        assert "Network Administrator" not in shared.content()
    finally:
        visitor.close()


def test_a_withdrawn_link_no_longer_opens_the_report(page: Any, browser: Any, desk: Desk) -> None:
    sign_in(page, "admin@example.com")
    page.goto(f"/jobs/{desk.acme_job}/report")
    link = _share(page, "30")
    page.locator(".links").get_by_role("button", name="Withdraw").click()
    expect(page.locator("#share")).to_contain_text("No live links to this report.")
    visitor = browser.new_context()
    try:
        shared = visitor.new_page()
        answer = shared.goto(link)
        assert answer.status == 410
        assert "withdrawn" in shared.locator("body").inner_text()
    finally:
        visitor.close()


def test_a_hiring_manager_sees_only_their_own_companys_report(page: Any, desk: Desk) -> None:
    sign_in(page, "manager@example.com")
    own = page.goto(f"/jobs/{desk.acme_job}/report")
    assert own.status == 200
    expect(page.locator("#report")).to_contain_text("Network Administrator — Acme Corp")
    assert page.get_by_role("button", name="Create share link").count() == 0
    assert page.get_by_role("link", name="Analytics").count() == 0
    other = page.goto(f"/jobs/{desk.globex_job}/report")
    assert other.status == 404
    assert "Database Administrator" not in page.content()
    assert page.goto("/analytics").status == 404


def test_the_analytics_page_draws_its_charts_for_a_chosen_scope(page: Any, desk: Desk) -> None:
    add_calls(desk)
    add_history(desk)
    sign_in(page, "recruiter@example.com")
    page.get_by_role("link", name="Analytics").click()
    expect(page.locator("#headline")).to_contain_text("dials")
    assert page.locator(".chart svg").count() == 5
    page.get_by_label("Scope").select_option(label="Network Administrator — Acme Corp")
    page.get_by_label("From", exact=True).fill("2026-11-01")
    page.get_by_label("To", exact=True).fill("2026-11-17")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#range")).to_contain_text("2026-11-01 to 2026-11-17")
    assert f"scope=job%3A{desk.acme_job}" in page.url
    assert page.locator(".chart svg").count() == 5
    assert page.locator("#headline div").first.inner_text().split() == ["6", "dials", "(6", "touches)"]
    expect(page.locator("#chart-decline_reasons")).to_contain_text("Compensation")
    screenshot(page, "analytics.png")
