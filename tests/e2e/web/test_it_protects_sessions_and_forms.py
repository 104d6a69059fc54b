import re

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import PASSWORD, Desk


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_it_refuses_a_sign_in_without_the_form_token(client: TestClient) -> None:
    client.get("/login")
    refused = client.post("/login", data={"email": "recruiter@example.com", "password": PASSWORD})
    assert refused.status_code == 403
    refused = client.post("/login", data={"email": "recruiter@example.com", "password": PASSWORD,
                                          "csrf_token": "guessed"})
    assert refused.status_code == 403


def test_it_sets_an_httponly_samesite_session_cookie(desk: Desk) -> None:
    secure = desk.settings.model_copy(update={"cookie_secure": True})
    from callsheet.server import create_app

    with TestClient(create_app(secure), base_url="https://127.0.0.1") as client:
        page = client.get("/login")
        signed_in = client.post("/login", data={"email": "recruiter@example.com", "password": PASSWORD,
                                                "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/sheet"
    cookie = signed_in.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_it_refuses_an_outcome_posted_without_the_token(client: TestClient, desk: Desk) -> None:
    page = client.get("/login")
    client.post("/login", data={"email": "recruiter@example.com", "password": PASSWORD,
                                "csrf_token": csrf_of(page.text)})
    form = {"person_id": str(desk.jack), "job_id": str(desk.acme_job), "outcome": "deceased"}
    assert client.post("/sheet/log", data=form).status_code == 403
    assert client.post("/sheet/log", data=form, headers={"X-CSRF-Token": "forged"}).status_code == 403
    sheet = client.get("/sheet").text
    token = sheet.split('"X-CSRF-Token": "')[1].split('"')[0]
    logged = client.post("/sheet/log", data=form, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert logged.status_code == 200 and "Logged <strong>deceased</strong>" in logged.text


def test_it_sends_anonymous_visitors_to_sign_in(client: TestClient) -> None:
    for path in ("/", "/sheet", "/jobs", "/people/1", "/jobs/1"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path


def test_it_never_redirects_off_site_after_sign_in(client: TestClient) -> None:
    page = client.get("/login?next=//evil.example/")
    form = {"email": "admin@example.com", "password": PASSWORD, "next": "//evil.example/",
            "csrf_token": csrf_of(page.text)}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.headers["location"] == "/sheet"
