from typing import Any

from playwright.sync_api import expect

from tests.e2e.web.conftest import Desk, screenshot, sign_in


def test_the_card_shows_the_script_for_this_call(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    page.locator(f"#row-{desk.jack}-{desk.acme_job} a.name").click()
    page.wait_for_url(f"**/people/{desk.jack}?job={desk.acme_job}")
    script = page.locator("#script")
    expect(script).to_contain_text("Recruiter: first call about a role — Network Administrator at Acme Corp")
    conversation = script.locator("#conversation").inner_text()
    assert conversation.startswith('OPEN\n  "Hi Jack, this is Rita Recruiter.')
    assert "I'm working with Acme Corp on a Network Administrator search in Milwaukee, WI." in conversation
    objectives = script.locator(".objectives").inner_text()
    assert "Share" in objectives and "Ask" in objectives and "Close" in objectives
    assert "Hi Jack, this is Rita Recruiter." in script.locator("#voicemail").inner_text()
    expect(script).to_contain_text("Ladder, best first: Interested in the role > A referral")
    screenshot(page, "card-script.png")


def test_the_card_of_someone_who_must_not_be_called_has_no_script(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    row = page.locator(f"#row-{desk.mary}-{desk.acme_job}")
    row.get_by_role("button", name="Stop calling…").click()
    row.get_by_role("button", name="Never call again").click()
    page.wait_for_selector(f"#row-{desk.mary}-{desk.acme_job}", state="detached")
    page.goto(f"/people/{desk.mary}")
    script = page.locator("#script")
    expect(script).to_contain_text("No script")
    expect(script).to_contain_text("Nobody calls Mary Ann Nowak")
    assert script.locator("#conversation").count() == 0
