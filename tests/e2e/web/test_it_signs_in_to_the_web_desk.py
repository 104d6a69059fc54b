from typing import Any

from tests.e2e.web.conftest import PASSWORD, sign_in


def test_it_signs_a_recruiter_in_to_the_call_sheet_and_out_again(page: Any) -> None:
    page.goto("/sheet")
    assert "/login" in page.url
    page.get_by_label("Email").fill("recruiter@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Wrong email or password."
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/sheet")
    assert page.get_by_role("heading", name="Call sheet").is_visible()
    assert "pinned to 2026-11-17T10:00" in page.locator(".banner").inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    page.goto("/sheet")
    assert "/login" in page.url


def test_it_plans_another_moment_with_at(page: Any) -> None:
    sign_in(page, "recruiter@example.com")
    page.goto("/sheet?at=2026-11-17T22:00")
    assert "planned for" in page.get_by_role("heading", name="Call sheet").inner_text()
    assert page.locator(".sheet-row").count() == 0  # 22:00 is past every callee's calling window
