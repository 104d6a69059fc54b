import re

from fastapi.testclient import TestClient

from callsheet.server import create_app
from callsheet.settings import Settings
from tests.e2e.cli import run


def test_it_creates_demo_users_who_can_sign_in_to_the_web_desk(desk_env: dict[str, str]) -> None:
    built = run("demo", "--people", "60", "--no-serve", "--json").json()
    users = {u["role"]: u for u in built["users"]}
    assert set(users) == {"admin", "recruiter", "hiring_manager"} and users["hiring_manager"]["company_id"]
    shown = run("demo", "--people", "60", "--no-serve", "--fresh")
    assert "recruiter@example.com" in shown.stdout and "callsheet-demo" in shown.stdout
    with TestClient(create_app(Settings(cookie_secure=False)), base_url="http://127.0.0.1") as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        signed_in = client.post("/login", data={"email": users["recruiter"]["login"], "csrf_token": token.group(1),
                                                "password": users["recruiter"]["password"]})
        assert signed_in.status_code == 200 and 'class="sheet-row"' in signed_in.text
        assert "pinned to 2026-11-17T10:00" in signed_in.text
