"""The card's script greets by the stored first name; the card's form and the API edit the name's parts."""

import html
import re

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import Desk
from tests.e2e.web.report_history import csrf_of, sign_in
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for


def _script_on_card(client: TestClient, person_id: int) -> tuple[str, str]:
    page = client.get(f"/people/{person_id}")
    assert page.status_code == 200
    texts = [re.search(rf'id="{part}">(.*?)</', page.text, re.S) for part in ("conversation", "voicemail")]
    assert texts[0] and texts[1]
    return html.unescape(texts[0].group(1)), html.unescape(texts[1].group(1))


def _name_form(client: TestClient, person_id: int, **changes: str) -> dict[str, str]:
    page = client.get(f"/people/{person_id}").text
    form = {"csrf_token": csrf_of(page)}
    for field in ("name", "first_name", "last_name"):
        shown = re.search(rf'name="shown_{field}" value="([^"]*)"', page)
        assert shown
        form[f"shown_{field}"] = form[field] = html.unescape(shown.group(1))
    return {**form, **changes}


def test_the_card_greets_dr_ann_van_der_berg_as_ann_and_follows_an_edited_first_name(
        client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    ann = client.post("/api/v1/people", headers=auth, json={"name": "Dr. Ann van der Berg",
                                                             "phones": ["414-555-0177"]}).json()
    sign_in(client, "recruiter@example.com")
    conversation, voicemail = _script_on_card(client, ann["id"])
    assert '"Hi Ann, this is Rita Recruiter.' in conversation and voicemail.startswith("Hi Ann, this is")
    saved = client.post(f"/people/{ann['id']}/name", data=_name_form(client, ann["id"], first_name="Annie"),
                        follow_redirects=False)
    assert saved.status_code == 303
    conversation, voicemail = _script_on_card(client, ann["id"])
    assert '"Hi Annie, this is Rita Recruiter.' in conversation and voicemail.startswith("Hi Annie, this is")
    card = client.get(f"/api/v1/people/{ann['id']}", headers=auth).json()
    assert (card["name"], card["first_name"], card["last_name"]) == ("Dr. Ann van der Berg", "Annie", "van der Berg")


def test_a_new_name_on_the_card_is_read_again_into_its_parts(client: TestClient, desk: Desk) -> None:
    sign_in(client, "recruiter@example.com")
    saved = client.post(f"/people/{desk.jack}/name",
                        data=_name_form(client, desk.jack, name="Mr. Jacek de la Kowal Jr."), follow_redirects=False)
    assert saved.status_code == 303
    conversation, _ = _script_on_card(client, desk.jack)
    assert '"Hi Jacek, this is Rita Recruiter.' in conversation
    refused = client.post(f"/people/{desk.jack}/name", data=_name_form(client, desk.jack, name=" "))
    assert refused.status_code == 422 and "name" in refused.text


def test_the_api_changes_a_name_and_its_parts_and_refuses_bad_ones_plainly(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    renamed = client.patch(f"/api/v1/people/{desk.mary}", headers=auth, json={"name": "Prof. Mary Ann van Nowak"})
    assert renamed.status_code == 200
    assert (renamed.json()["first_name"], renamed.json()["last_name"]) == ("Mary", "van Nowak")
    told = client.patch(f"/api/v1/people/{desk.mary}", headers=auth, json={"first_name": "Mary Ann"})
    assert told.json()["first_name"] == "Mary Ann" and told.json()["name"] == "Prof. Mary Ann van Nowak"
    shown = client.get(f"/api/v1/people/{desk.mary}", headers=auth).json()
    assert shown["first_name"] == "Mary Ann"
    assert client.patch(f"/api/v1/people/{desk.mary}", headers=auth, json={}).status_code == 422
    assert client.patch(f"/api/v1/people/{desk.mary}", headers=auth, json={"last_name": "x" * 301}).status_code == 422
    assert client.patch("/api/v1/people/999999", headers=auth, json={"name": "Nobody"}).status_code == 404
    manager = token_for(desk, "manager@example.com")
    assert client.patch(f"/api/v1/people/{desk.mary}", headers=manager, json={"name": "X"}).status_code == 403
