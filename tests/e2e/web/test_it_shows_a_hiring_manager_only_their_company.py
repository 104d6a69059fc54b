from typing import Any

from tests.e2e.web.conftest import Desk, sign_in


def test_it_shows_a_hiring_manager_their_pipeline_and_nothing_else(page: Any, desk: Desk) -> None:
    sign_in(page, "manager@example.com")
    assert page.url.endswith("/jobs")
    assert page.get_by_role("link", name="Network Administrator").is_visible()
    assert page.get_by_role("link", name="Database Administrator").count() == 0
    page.get_by_role("link", name="Network Administrator").click()
    sourced = page.locator('[data-stage="sourced"]').inner_text()
    assert "Jack Kowalski" in sourced and "Mary Ann Nowak" in sourced
    assert page.locator("#pipeline a").count() == 0  # names only: person cards are the recruiters'

    for path in (f"/jobs/{desk.globex_job}", "/sheet", f"/people/{desk.jack}", "/jobs/999999"):
        response = page.goto(path)
        assert response.status == 404, path
