from typing import Any

from tests.e2e.web.conftest import SCRIPT_NOTE, Desk, sign_in


def test_it_shows_a_note_with_a_script_tag_as_text(page: Any, desk: Desk) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, "recruiter@example.com")
    assert "Pat O'Brien <b>" in page.locator(f"#row-{desk.pat}-{desk.globex_job} a.name").inner_text()
    page.goto(f"/people/{desk.pat}")
    assert page.locator("#history td.note").first.inner_text() == SCRIPT_NOTE
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text() == "Pat O'Brien <b>"
    assert dialogs == []
