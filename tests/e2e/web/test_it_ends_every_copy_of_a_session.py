import re

from fastapi.testclient import TestClient

from callsheet.http.sessions import COOKIE
from tests.e2e.cli import run
from tests.e2e.web.conftest import PASSWORD, Desk


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def signed_in(client: TestClient, email: str = "recruiter@example.com", password: str = PASSWORD) -> str:
    """Sign in and return a copy of the session cookie."""
    client.cookies.clear()
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303
    cookie = client.cookies.get(COOKIE)
    assert cookie
    return cookie


def opens(client: TestClient, cookie: str, path: str = "/sheet") -> bool:
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 200 or response.headers["location"].startswith("/login"), response.status_code
    return response.status_code == 200


def test_a_cookie_copied_before_signing_out_gets_the_sign_in_page_after(client: TestClient, desk: Desk) -> None:
    copied = signed_in(client)
    assert opens(client, copied) and opens(client, copied, f"/people/{desk.jack}")
    page = client.get("/sheet").text
    token = page.split('"X-CSRF-Token": "')[1].split('"')[0]
    assert client.post("/logout", headers={"X-CSRF-Token": token}, follow_redirects=False).status_code == 303
    assert not opens(client, copied)
    assert not opens(client, copied, f"/people/{desk.jack}")
    assert opens(client, signed_in(client))  # signing in again works as before


def test_a_new_password_ends_every_session_signed_in_with_the_old_one(
        client: TestClient, desk_env: dict[str, str]) -> None:
    copied = signed_in(client)
    changed = run("user", "add", "recruiter@example.com", "--role", "recruiter", "--password-stdin",
                  input="a brand new password\n")
    assert changed.exit_code == 0
    assert not opens(client, copied)
    assert opens(client, signed_in(client, password="a brand new password"))


def test_an_admin_signs_a_user_out_everywhere(client: TestClient, desk_env: dict[str, str]) -> None:
    copied = signed_in(client)
    others = signed_in(client, "admin@example.com")
    ended = run("user", "signout", "Recruiter@Example.com")
    assert ended.exit_code == 0 and "Every session of recruiter@example.com has ended." in ended.stdout
    assert not opens(client, copied)
    assert opens(client, others)  # only that user's sessions end
    assert run("user", "signout", "nobody@example.com").exit_code == 2
