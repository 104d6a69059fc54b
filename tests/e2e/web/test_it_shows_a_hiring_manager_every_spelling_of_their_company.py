"""A hiring manager confined to Acme Corp sees the jobs a recruiter filed under "ACME, Inc." or "acme", and the
people in them, but nothing of Acme Rockets."""

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for


def test_a_hiring_manager_of_acme_sees_people_in_jobs_filed_under_every_spelling_of_acme(
        client: TestClient, desk: Desk) -> None:
    recruiter = token_for(desk, "recruiter@example.com")
    filed = {}
    for client_name, person, phone in (("ACME, Inc.", "Ann Lee", "414-555-0177"),
                                       ("acme", "Bo Chen", "414-555-0178"),
                                       ("Acme Rockets", "Cy Park", "414-555-0179")):
        job = client.post("/api/v1/jobs", headers=recruiter, json={"title": f"Engineer at {client_name}",
                                                                   "client": client_name, "city": "Milwaukee",
                                                                   "state": "WI"})
        assert job.status_code == 201, job.text
        added = client.post("/api/v1/people", headers=recruiter, json={"name": person, "phones": [phone]})
        placed = client.post(f"/api/v1/jobs/{job.json()['id']}/pipeline", headers=recruiter,
                             json={"person_id": added.json()["id"]})
        assert placed.status_code == 201, placed.text
        filed[client_name] = job.json()
    assert filed["ACME, Inc."]["company_id"] == filed["acme"]["company_id"] == desk.acme
    assert filed["Acme Rockets"]["company_id"] != desk.acme

    manager = token_for(desk, "manager@example.com")
    seen = [j["id"] for j in client.get("/api/v1/jobs", headers=manager).json()]
    assert sorted(seen) == sorted([desk.acme_job, filed["ACME, Inc."]["id"], filed["acme"]["id"]])
    people = set()
    for job_id in seen:
        people |= {c["name"] for c in client.get(f"/api/v1/jobs/{job_id}", headers=manager).json()["pipeline"]}
    assert people == {"Jack Kowalski", "Mary Ann Nowak", "Ann Lee", "Bo Chen"}
    assert client.get(f"/api/v1/jobs/{filed['Acme Rockets']['id']}", headers=manager).status_code == 404
