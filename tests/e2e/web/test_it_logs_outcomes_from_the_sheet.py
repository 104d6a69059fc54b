from typing import Any

from playwright.sync_api import expect

from tests.e2e.web.conftest import Desk, screenshot, sign_in


def test_it_logs_a_voicemail_and_a_death_and_the_rows_leave_the_sheet(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    jack = page.locator(f"#row-{desk.jack}-{desk.acme_job}")
    mary = page.locator(f"#row-{desk.mary}-{desk.acme_job}")
    assert jack.is_visible() and mary.is_visible()
    assert jack.locator("a.tel").get_attribute("href") == "tel:+14145550101"
    assert "their time Tue 10:00" in jack.inner_text()
    screenshot(page, "sheet.png")

    # Keyboard: pick Jack's row, press v for voicemail.
    jack.locator("a.name").focus()
    jack.click(position={"x": 5, "y": 5})
    page.keyboard.press("v")
    page.wait_for_selector(f"#row-{desk.jack}-{desk.acme_job}", state="detached")
    assert "Logged voicemail for Jack Kowalski" in page.locator(".logged").first.inner_text()

    # Deceased takes two clicks: a death is never one stray keystroke.
    mary.get_by_role("button", name="Stop calling…").click()
    mary.get_by_role("button", name="Contact deceased").click()
    page.wait_for_selector(f"#row-{desk.mary}-{desk.acme_job}", state="detached")

    page.reload()
    assert page.locator(f"#row-{desk.jack}-{desk.acme_job}").count() == 0
    assert page.locator(f"#row-{desk.mary}-{desk.acme_job}").count() == 0

    page.goto(f"/people/{desk.mary}")
    suppression = page.locator("#suppression").inner_text()
    assert "Deceased" in suppression and "Marked deceased on 2026-11-17 by Rita Recruiter" in suppression
    assert "Do not call now" in page.locator("#decision").inner_text()
    screenshot(page, "card.png")


def test_it_asks_for_the_decline_reason_inline(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    row = page.locator(f"#row-{desk.jack}-{desk.acme_job}")
    row.get_by_role("button", name="Declined…").click()
    row.get_by_role("button", name="Log decline").click()
    expect(page.locator("#flash")).to_contain_text("Reason: a decline needs a reason")
    assert row.is_visible()
    row.get_by_label("Decline reason").select_option("mid_project")
    row.get_by_role("button", name="Log decline").click()
    page.wait_for_selector(f"#row-{desk.jack}-{desk.acme_job}", state="detached")
    page.goto(f"/people/{desk.jack}")
    assert "mid project" in page.locator("#history").inner_text()


def test_it_takes_a_callback_time_in_the_callees_zone_from_the_keyboard(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    row = page.locator(f"#row-{desk.pat}-{desk.globex_job}")
    row.click(position={"x": 5, "y": 5})
    page.keyboard.press("c")
    row.get_by_label("Callback time").fill("2026-11-18T14:00")
    row.get_by_role("button", name="Log callback").click()
    page.wait_for_selector(f"#row-{desk.pat}-{desk.globex_job}", state="detached")
    page.goto(f"/people/{desk.pat}")
    assert "callback → Wed 18 Nov 2026 14:00 CST" in page.locator("#history").inner_text()
