"""Admins keep the do-not-call lists on the web desk; the card, the sheet and the API say a listed
number is never called, through the same policy as the command line."""


from fastapi.testclient import TestClient

from tests.e2e.web.conftest import Desk
from tests.e2e.web.report_history import csrf_of, sign_in
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

JACKS = "+14145550101"  # Jack Kowalski's number on the seeded desk
LISTED = "On the list 'State DNC' imported 2026-11-17 by Ada Admin — never called"






def _upload(client: TestClient, source: str, body: bytes, name: str = "state.txt") -> tuple[int, str]:
    page = client.get("/dnc-lists").text
    sent = client.post("/dnc-lists", data={"source": source, "csrf_token": csrf_of(page)},
                       files={"file": (name, body, "text/plain")})
    return sent.status_code, sent.text


def test_an_admin_uploads_a_list_and_its_numbers_leave_the_sheet_the_card_and_the_apis_why(
        client: TestClient, desk: Desk) -> None:
    sign_in(client, "admin@example.com")
    assert "Do-not-call lists" in client.get("/sheet").text
    status, page = _upload(client, "State DNC", b"(414) 555-0101\n414.555.0150\nnot a number\n")
    assert status == 200 and "2 listed" in page and "1 rejected" in page
    assert "<td>State DNC</td>" in page
    auth = token_for(desk, "admin@example.com")
    assert client.get(f"/api/v1/why/{desk.jack}", headers=auth).json() == {
        "callable": False, "reasons": [LISTED], "next_ok_at": None}
    assert client.get(f"/api/v1/why/{desk.mary}", headers=auth).json()["callable"] is True
    card = client.get(f"/people/{desk.jack}").text
    assert LISTED.replace("'", "&#39;") in card and f'href="tel:{JACKS}"' not in card
    assert "Release the number" not in card  # the list's own version or removal frees it
    assert desk.jack not in [row["person_id"] for row in client.get("/api/v1/queue", headers=auth).json()]

    bad, page = _upload(client, " ", b"414-555-0101\n")
    assert bad == 422 and "Name of the list: give the list a name" in page
    removed = client.post("/dnc-lists/remove", data={"name": "State DNC", "csrf_token": csrf_of(page)},
                          follow_redirects=False)
    assert removed.status_code == 303
    assert "No do-not-call lists yet" in client.get("/dnc-lists").text
    assert client.get(f"/api/v1/why/{desk.jack}", headers=auth).json()["callable"] is True


def test_a_recruiter_cannot_open_or_remove_the_do_not_call_lists(client: TestClient, desk: Desk) -> None:
    sign_in(client, "admin@example.com")
    assert _upload(client, "State DNC", b"414-555-0101\n")[0] == 200
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/sheet").text)})
    sign_in(client, "recruiter@example.com")
    sheet = client.get("/sheet").text
    assert "/dnc-lists" not in sheet
    assert client.get("/dnc-lists").status_code == 403
    refused = client.post("/dnc-lists/remove", data={"name": "State DNC", "csrf_token": csrf_of(sheet)})
    assert refused.status_code == 403 and "only an admin may remove a do-not-call list" in refused.text
    auth = token_for(desk, "recruiter@example.com")
    assert client.get(f"/api/v1/why/{desk.jack}", headers=auth).json()["callable"] is False
