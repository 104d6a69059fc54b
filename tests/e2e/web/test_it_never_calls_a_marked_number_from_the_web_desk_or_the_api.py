"""A deceased person's number, given again through the web desk or the API, is never dialled until released."""

import re
from datetime import datetime

from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.services.calling.log import LogRequest, log_touch
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import PASSWORD, Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

JACKS = "+14145550101"  # Jack Kowalski's number on the seeded desk
MARK = "This number belongs to someone marked deceased on 2026-11-17 by Rita Recruiter — never called"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _sign_in(client: TestClient, email: str) -> None:
    page = client.get("/login")
    signed_in = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": _csrf(page.text)},
                            follow_redirects=False)
    assert signed_in.status_code == 303


def _jack_passed_away(desk: Desk) -> None:
    engine = make_engine(desk.settings.database_url)
    log_touch(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)),
              LogRequest(person_id=desk.jack, outcome="deceased", job_id=desk.acme_job), "recruiter@example.com")
    engine.dispose()


def _referred_on_the_sheet(client: TestClient, desk: Desk) -> int:
    """Mary, called from the sheet, refers a "J. Kowalski" with Jack's number."""
    token = client.get("/sheet").text.split('"X-CSRF-Token": "')[1].split('"')[0]
    form = {"person_id": str(desk.mary), "job_id": str(desk.acme_job), "outcome": "referral",
            "referral_name": "J. Kowalski", "referral_phone": "(414) 555-0101"}
    logged = client.post("/sheet/log", data=form, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert logged.status_code == 200 and f"The referred person's number: {JACKS}: This number belongs" in logged.text
    people = client.get("/api/v1/people", headers=token_for(desk, "recruiter@example.com")).json()
    return int(next(p["id"] for p in people if p["name"] == "J. Kowalski"))


def test_a_person_given_a_deceased_persons_number_is_never_called(client: TestClient, desk: Desk) -> None:
    _jack_passed_away(desk)
    _sign_in(client, "recruiter@example.com")
    referred = _referred_on_the_sheet(client, desk)
    auth = token_for(desk, "recruiter@example.com")
    created = client.post("/api/v1/people", headers=auth, json={"name": "Jay Kowalski", "phones": ["414-555-0101"]})
    assert created.status_code == 201 and created.json()["warnings"] == [f"{JACKS}: {MARK}"]
    for person_id in (referred, created.json()["id"]):
        card = client.get(f"/api/v1/people/{person_id}", headers=auth).json()
        assert card["phones"] == [JACKS] and card["suppression"] == "none"
        assert card["decision"] == {"callable": False, "reasons": [MARK], "next_ok_at": None}
        assert card["warnings"] == [f"{JACKS}: {MARK}"]
        why = client.get(f"/api/v1/why/{person_id}", headers=auth).json()
        assert why == {"callable": False, "reasons": [MARK], "next_ok_at": None}
        page = client.get(f"/people/{person_id}").text
        assert MARK in page and f'href="tel:{JACKS}"' not in page
        assert "Release the number" not in page  # an admin's act only
    assert referred not in [row["person_id"] for row in client.get("/api/v1/queue", headers=auth).json()]
    assert "J. Kowalski" not in client.get("/sheet").text


def test_an_admin_releases_the_number_from_the_card_or_the_api(client: TestClient, desk: Desk) -> None:
    _jack_passed_away(desk)
    _sign_in(client, "recruiter@example.com")
    referred = _referred_on_the_sheet(client, desk)
    recruiter, admin = token_for(desk, "recruiter@example.com"), token_for(desk, "admin@example.com")
    body = {"phone": JACKS, "reason": "Reassigned by the carrier"}
    assert client.post("/api/v1/people/release-number", headers=recruiter, json=body).status_code == 403
    blank = client.post("/api/v1/people/release-number", headers=admin, json={"phone": JACKS, "reason": " "})
    assert blank.status_code in (400, 422) and "reason" in blank.text
    bad = client.post("/api/v1/people/release-number", headers=admin, json={"phone": "12", "reason": "x"})
    assert bad.status_code in (400, 422) and "phone" in bad.text

    client.post("/logout", data={"csrf_token": _csrf(client.get("/sheet").text)})
    _sign_in(client, "admin@example.com")
    page = client.get(f"/people/{referred}").text
    assert "Release the number" in page
    released = client.post(f"/people/{referred}/release-number", follow_redirects=False,
                           data={"phone": JACKS, "reason": "Reassigned by the carrier", "csrf_token": _csrf(page)})
    assert released.status_code == 303
    card = client.get(f"/api/v1/people/{referred}", headers=admin).json()
    assert card["decision"]["callable"] is True and card["warnings"] == []
    assert client.get(f"/api/v1/why/{referred}", headers=admin).json()["callable"] is True
    assert referred in [row["person_id"] for row in client.get("/api/v1/queue", headers=admin).json()]
    assert f'href="tel:{JACKS}"' in client.get(f"/people/{referred}").text
    jack = client.get(f"/api/v1/people/{desk.jack}", headers=admin).json()
    assert jack["suppression"] == "deceased" and jack["decision"]["callable"] is False
    assert jack["suppression_audit"][-1]["action"] == "release"
    assert jack["suppression_audit"][-1]["reason"] == f"released {JACKS}: Reassigned by the carrier"
    assert jack["suppression_audit"][-1]["user"] == "Ada Admin"
    assert "released +14145550101: Reassigned by the carrier" in client.get(f"/people/{desk.jack}").text
    again = client.post("/api/v1/people/release-number", headers=admin, json=body)
    assert again.status_code in (400, 422) and "not held" in again.text


def test_a_number_added_to_a_person_through_the_api_says_whose_mark_holds_it(client: TestClient, desk: Desk) -> None:
    _jack_passed_away(desk)
    auth = token_for(desk, "recruiter@example.com")
    edited = client.patch(f"/api/v1/people/{desk.mary}", headers=auth, json={
        "title": "VP Engineering", "city": "Madison", "state": "WI", "seniority": 4, "skills": "python, sql",
        "linkedin_url": "https://www.linkedin.com/in/mary-nowak", "phones": ["414-555-0101"],
        "emails": ["mary@example.com"]})
    assert edited.status_code == 200
    person = edited.json()
    assert (person["title"], person["city"], person["state"], person["seniority"]) == ("VP Engineering", "Madison",
                                                                                       "WI", 4)
    assert person["skills"] == ["python", "sql"] and "mary@example.com" in person["emails"]
    assert JACKS in person["phones"] and person["warnings"] == [f"{JACKS}: {MARK}"]
    card = client.get(f"/api/v1/people/{desk.mary}", headers=auth).json()
    assert card["title"] == "VP Engineering" and f"{JACKS}: {MARK}" in card["warnings"]
    refused = client.patch(f"/api/v1/people/{desk.mary}", headers=auth, json={"seniority": "senior"})
    assert refused.status_code == 422 and "seniority" in refused.text
