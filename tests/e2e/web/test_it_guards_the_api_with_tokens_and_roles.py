from datetime import datetime

from fastapi.testclient import TestClient

from callsheet.clock import FixedClock
from callsheet.services.accounts import tokens as tokens
from callsheet.store.engine import make_engine
from callsheet.store.uow import UnitOfWork
from tests.conftest import NOW
from tests.e2e.web.conftest import Desk


def token_for(desk: Desk, login: str) -> dict[str, str]:
    engine = make_engine(desk.settings.database_url)
    token = tokens.new_token(UnitOfWork(engine), FixedClock(datetime.fromisoformat(NOW)), login)
    engine.dispose()
    return {"Authorization": f"Bearer {token}"}


def test_it_refuses_the_api_without_a_valid_token(client: TestClient, desk: Desk) -> None:
    assert client.get("/api/v1/people").status_code == 401
    assert client.get("/api/v1/people", headers={"Authorization": "Bearer cs_made_up"}).status_code == 401
    first = token_for(desk, "recruiter@example.com")
    second = token_for(desk, "recruiter@example.com")
    assert client.get("/api/v1/people", headers=first).status_code == 200  # a new token stands beside the old
    assert client.get("/api/v1/people", headers=second).status_code == 200


def test_it_works_the_desk_through_the_api(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    person = client.post("/api/v1/people", headers=auth, json={"name": "Ann Lee", "phones": ["414-555-0177"]})
    assert person.status_code == 201 and person.json()["phones"] == ["+14145550177"]
    job = client.post("/api/v1/jobs", headers=auth, json={"title": "SRE", "client": "Initech", "city": "Milwaukee",
                                                          "state": "WI"}).json()
    pid, jid = person.json()["id"], job["id"]
    added = client.post(f"/api/v1/jobs/{jid}/pipeline", headers=auth, json={"person_id": pid})
    assert added.status_code == 201 and added.json()["stage"] == "sourced"
    moved = client.put(f"/api/v1/jobs/{jid}/pipeline/{pid}", headers=auth, json={"stage": "interested"})
    assert moved.json()["stage"] == "interested"
    assert any(r["person_id"] == pid for r in client.get("/api/v1/queue", headers=auth).json())
    touch = client.post("/api/v1/touches", headers=auth, json={"person_id": pid, "job_id": jid, "outcome": "voicemail"})
    assert touch.status_code == 201 and touch.json()["user"] == "Rita Recruiter"
    why = client.get(f"/api/v1/why/{pid}", params={"job_id": jid}, headers=auth).json()
    assert why["callable"] is False and "Voicemail" in why["reasons"][0]
    assert client.get(f"/api/v1/people/{pid}", headers=auth).json()["history"][0]["outcome"] == "voicemail"
    assert [j["id"] for j in client.get("/api/v1/jobs", headers=auth).json()].count(jid) == 1


def test_it_says_which_field_is_wrong_with_422(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    bad = client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "declined"})
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "reason"
    bad = client.post("/api/v1/people", headers=auth, json={"name": "Bo", "phones": ["12345"]})
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "phone"
    bad = client.post("/api/v1/people", headers=auth, json={"phones": []})
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "name"
    assert client.get("/api/v1/people/999999", headers=auth).status_code == 404


def test_it_keeps_a_hiring_manager_to_their_own_company(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "manager@example.com")
    assert [j["id"] for j in client.get("/api/v1/jobs", headers=auth).json()] == [desk.acme_job]
    own = client.get(f"/api/v1/jobs/{desk.acme_job}", headers=auth)
    assert own.status_code == 200 and {c["name"] for c in own.json()["pipeline"]} == {"Jack Kowalski",
                                                                                      "Mary Ann Nowak"}
    assert client.get(f"/api/v1/jobs/{desk.globex_job}", headers=auth).status_code == 404
    for path in ("/api/v1/people", "/api/v1/queue", f"/api/v1/why/{desk.jack}", f"/api/v1/people/{desk.jack}"):
        assert client.get(path, headers=auth).status_code == 403, path
    logged = client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "deceased"})
    assert logged.status_code == 403


def test_it_lets_only_an_admin_lift_a_suppression(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "do_not_call"})
    assert client.get(f"/api/v1/people/{desk.jack}", headers=auth).json()["suppression"] == "do_not_call"
    for login, status in (("recruiter@example.com", 403), ("admin@example.com", 303)):
        page = client.get("/login")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/login", data={"csrf_token": token, "email": login, "password": "correct horse battery"},
                    follow_redirects=False)
        sheet = client.get("/sheet")
        token = sheet.text.split('"X-CSRF-Token": "')[1].split('"')[0]
        lifted = client.post(f"/people/{desk.jack}/lift", data={"csrf_token": token, "reason": "Asked us to call"},
                             follow_redirects=False)
        assert lifted.status_code == status, login
    card = client.get(f"/api/v1/people/{desk.jack}", headers=auth).json()
    assert card["suppression"] == "none"
    assert [(e["action"], e["user"]) for e in card["suppression_audit"]] == [("set", "Rita Recruiter"),
                                                                             ("lift", "Ada Admin")]


def test_it_serves_callbacks_as_a_calendar_feed_with_the_token_in_the_url(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "job_id": desk.acme_job,
                                                        "outcome": "callback", "callback_at": "2026-11-18T14:00"})
    token = auth["Authorization"].split()[1]
    feed = client.get("/api/v1/callbacks.ics", params={"token": token})
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in feed.text and "Jack Kowalski" in feed.text
    assert client.get("/api/v1/callbacks.ics", params={"token": "cs_wrong"}).status_code == 401
    manager = token_for(desk, "manager@example.com")["Authorization"].split()[1]
    assert client.get("/api/v1/callbacks.ics", params={"token": manager}).status_code == 403
