"""API tokens as their users meet them: named, listed with their last use, revoked by their owner or an
admin, through the API, the command line and the web desk."""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.e2e.cli import run
from tests.e2e.web.conftest import Desk, screenshot, sign_in
from tests.e2e.web.test_it_ends_every_copy_of_a_session import opens, signed_in
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

NOW_UTC = "2026-11-17T16:00:00+00:00"  # tests.conftest.NOW, as the API gives it


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _own(client: TestClient, auth: dict[str, str]) -> list[dict[str, object]]:
    listed = client.get("/api/v1/tokens", headers=auth)
    assert listed.status_code == 200
    return listed.json()  # type: ignore[no-any-return]


def test_a_revoked_token_is_refused_on_every_route_including_touches(client: TestClient, desk: Desk) -> None:
    auth = token_for(desk, "recruiter@example.com")
    kept = token_for(desk, "recruiter@example.com")
    assert client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "no_answer"}
                       ).status_code == 201
    [first, _] = _own(client, auth)
    revoked = client.delete(f"/api/v1/tokens/{first['id']}", headers=auth)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] == NOW_UTC
    assert revoked.json()["revoked_by"] == "recruiter@example.com"
    touch = client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "voicemail"})
    assert touch.status_code == 401
    for path in ("/api/v1/people", f"/api/v1/people/{desk.jack}", "/api/v1/queue", "/api/v1/jobs",
                 "/api/v1/tokens", "/api/v1/callbacks.ics"):
        assert client.get(path, headers=auth).status_code == 401, path
    feed_token = auth["Authorization"].removeprefix("Bearer ")
    assert client.get("/api/v1/callbacks.ics", params={"token": feed_token}).status_code == 401
    assert client.delete(f"/api/v1/tokens/{first['id']}", headers=auth).status_code == 401
    # Only that token: the user's other token works on, and nothing the revoked one tried was written.
    assert client.get("/api/v1/people", headers=kept).status_code == 200
    history = client.get(f"/api/v1/people/{desk.jack}", headers=kept).json()["history"]
    assert [h["outcome"] for h in history] == ["no_answer"]


def test_a_token_lists_with_its_name_and_last_use_after_a_call(
        client: TestClient, desk: Desk, desk_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    made = run("token", "add", "recruiter@example.com", "--name", "nightly sync")
    assert made.exit_code == 0 and made.stdout.strip().startswith("cs_") and len(made.stdout.split()) == 1
    auth = {"Authorization": f"Bearer {made.stdout.strip()}"}
    refused = run("token", "list", "recruiter@example.com", "--json")  # as andrew, a recruiter
    assert refused.exit_code == 1 and "only an admin sees another user's tokens" in refused.stderr
    monkeypatch.setenv("CALLSHEET_USER", "recruiter@example.com")
    [unused] = run("token", "list", "--json").json()
    assert unused["name"] == "nightly sync" and unused["last_used_at"] is None
    assert client.post("/api/v1/touches", headers=auth, json={"person_id": desk.jack, "outcome": "no_answer"}
                       ).status_code == 201
    shown = run("token", "list")
    assert shown.exit_code == 0 and "nightly" in shown.stdout and "2026-11-17 10:00" in shown.stdout
    [used] = _own(client, auth)
    assert used["name"] == "nightly sync" and used["owner"] == "recruiter@example.com"
    assert used["last_used_at"] == NOW_UTC and used["created_at"] == NOW_UTC and used["revoked_at"] is None


def test_a_user_cannot_revoke_another_users_token_unless_admin(
        client: TestClient, desk: Desk, desk_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    managers = token_for(desk, "manager@example.com")
    recruiters = token_for(desk, "recruiter@example.com")
    admins = token_for(desk, "admin@example.com")
    [target] = _own(client, managers)
    refused = client.delete(f"/api/v1/tokens/{target['id']}", headers=recruiters)
    assert refused.status_code == 403 and "only its owner or an admin" in refused.json()["detail"]
    assert client.get("/api/v1/jobs", headers=managers).status_code == 200  # still works
    by_cli = run("token", "revoke", str(target["id"]))  # as andrew, a recruiter
    assert by_cli.exit_code == 1 and "only its owner or an admin" in by_cli.stderr
    assert run("token", "revoke", "999999").exit_code == 2
    assert client.delete("/api/v1/tokens/0", headers=recruiters).status_code == 422
    monkeypatch.setenv("CALLSHEET_USER", "admin@example.com")
    everyone = run("token", "list", "--all", "--json")
    assert everyone.exit_code == 0
    assert {t["owner"] for t in everyone.json()} == {"manager@example.com", "recruiter@example.com",
                                                     "admin@example.com"}
    assert client.delete(f"/api/v1/tokens/{target['id']}", headers=admins).status_code == 200
    assert client.get("/api/v1/jobs", headers=managers).status_code == 401
    [listed] = run("token", "list", "manager@example.com", "--json").json()
    assert listed["revoked_by"] == "admin@example.com"


def test_the_tokens_page_makes_a_named_token_shown_once_and_revokes_one(client: TestClient, desk: Desk) -> None:
    signed_in(client)
    page = client.get("/tokens")
    assert page.status_code == 200 and "No API tokens." in page.text
    made = client.post("/tokens", data={"csrf_token": _csrf(page.text), "name": "laptop script"})
    assert made.status_code == 200 and [r.status_code for r in made.history] == [303]  # a reload makes no second
    found = re.search(r'id="new-token"[^>]*value="(cs_[^"]+)"', made.text)
    assert found and "laptop script" in made.text
    auth = {"Authorization": f"Bearer {found.group(1)}"}
    assert client.get("/api/v1/people", headers=auth).status_code == 200
    again = client.get("/tokens")
    assert found.group(1) not in again.text and "laptop script" in again.text  # shown once, listed by name
    [token] = _own(client, auth)
    revoked = client.post(f"/tokens/{token['id']}/revoke", data={"csrf_token": _csrf(again.text)},
                          follow_redirects=False)
    assert revoked.status_code == 303 and revoked.headers["location"] == "/tokens"
    assert client.get("/api/v1/people", headers=auth).status_code == 401
    assert "by recruiter@example.com" in client.get("/tokens").text
    bad = client.post("/tokens", data={"csrf_token": _csrf(again.text), "name": "x" * 101})
    assert bad.status_code == 422 and "name" in bad.text
    others = token_for(desk, "admin@example.com")
    [admins] = _own(client, others)
    assert client.post(f"/tokens/{admins['id']}/revoke", data={"csrf_token": _csrf(again.text)}).status_code == 403


def test_an_admin_sees_every_users_tokens_and_signs_a_user_out_everywhere(client: TestClient, desk: Desk) -> None:
    token_for(desk, "recruiter@example.com")
    recruiter = signed_in(client)
    assert client.get("/users").status_code == 403
    signed_in(client, "admin@example.com")
    page = client.get("/users")
    assert page.status_code == 200 and "rita recruiter" in page.text.lower() and "token 1" in page.text
    ended = client.post("/users/signout", data={"csrf_token": _csrf(page.text), "email": "recruiter@example.com"})
    assert ended.status_code == 200 and "Every session of recruiter@example.com has ended." in ended.text
    assert not opens(client, recruiter)


def test_a_recruiter_makes_a_token_in_the_browser_and_an_admin_revokes_it(page: Any, desk: Desk) -> None:
    sign_in(page, "recruiter@example.com")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("laptop script")
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_label("New API token").input_value()
    assert token.startswith("cs_")
    assert page.get_by_role("link", name="Users").count() == 0  # admins only
    screenshot(page, "tokens.png")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "admin@example.com")
    page.get_by_role("link", name="Users").click()
    page.get_by_role("button", name="Revoke laptop script").click()
    page.wait_for_url("**/users")
    assert "by admin@example.com" in page.locator("tr", has_text="laptop script").inner_text()
    screenshot(page, "users.png")
    assert page.request.get("/api/v1/people", headers={"Authorization": f"Bearer {token}"}).status == 401
