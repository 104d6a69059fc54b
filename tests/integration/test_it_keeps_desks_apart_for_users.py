"""Desks as their users meet them: an operator adds and lists desks, each user and token belongs to one
desk, the command line, the web desk and the API each work in their own desk, and a desk's own time
zone changes its answers only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from callsheet.server import create_app
from callsheet.store.engine import make_engine
from tests.e2e.cli import run
from tests.e2e.web.conftest import PASSWORD, Desk, seed
from tests.e2e.web.report_history import csrf_of


#: Stores still being taught to keep desks apart: a test that needs another desk's people waits for them.
def desk_b(name: str = "Beta", *options: str) -> dict[str, object]:
    made = run("desk", "add", name, *options, "--json")
    assert made.exit_code == 0, made.stderr
    data: dict[str, object] = made.json()
    return data


def add_user(email: str, role: str, desk: str | None = None) -> None:
    where = ["--desk", desk] if desk else []
    added = run("user", "add", email, "--role", role, *where, "--password-stdin", input=PASSWORD + "\n")
    assert added.exit_code == 0, added.stderr


def test_an_operator_adds_desks_and_lists_them_as_json(desk_env: dict[str, str]) -> None:
    made = desk_b("Beta", "--timezone", "Asia/Tokyo", "--holidays", "us", "--window-start", "09:00",
                  "--window-end", "17:30")
    assert made["name"] == "Beta" and made["timezone"] == "Asia/Tokyo" and made["holidays"] == "US"
    assert (made["window_start"], made["window_end"]) == ("09:00", "17:30")
    listed = run("desk", "list", "--json")
    assert listed.exit_code == 0
    assert [(d["name"], d["timezone"]) for d in listed.json()] == [("Default", ""), ("Beta", "Asia/Tokyo")]
    assert set(listed.json()[0]) == {"id", "name", "timezone", "holidays", "window_start", "window_end", "number",
                                      "created_at"}


def test_an_operator_is_told_which_desk_setting_is_wrong(desk_env: dict[str, str]) -> None:
    desk_b()
    for options, field in ((["Beta"], "name"), (["Gamma", "--timezone", "Mars/Olympus"], "timezone"),
                           (["Gamma", "--holidays", "XX"], "holidays"),
                           (["Gamma", "--window-start", "9am"], "window-start"),
                           (["Gamma", "--window-start", "17:00", "--window-end", "09:00"], "window-end")):
        refused = run("desk", "add", *options)
        assert refused.exit_code == 2 and field in refused.stderr, (options, refused.stderr)
    assert [d["name"] for d in run("desk", "list", "--json").json()] == ["Default", "Beta"]


def test_a_user_is_added_to_the_desk_named_and_a_login_belongs_to_one_desk(desk_env: dict[str, str]) -> None:
    desk_b()
    add_user("ann@example.com", "admin", "Beta")
    refused = run("user", "add", "Ann@example.com", "--role", "recruiter", "--desk", "Default")
    assert refused.exit_code == 2 and "email" in refused.stderr and "another desk" in refused.stderr
    unknown = run("user", "add", "bo@example.com", "--role", "recruiter", "--desk", "Nowhere")
    assert unknown.exit_code == 2 and "desk" in unknown.stderr
    # The same user again in their own desk is a change of their account, not a second user.
    again = run("user", "add", "ann@example.com", "--role", "recruiter", "--desk", "Beta", "--json")
    assert again.exit_code == 0 and again.json()["role"] == "recruiter"


def test_the_command_line_works_in_the_desk_calsheet_desk_names(desk_env: dict[str, str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    desk_b()
    monkeypatch.setenv("CALLSHEET_DESK", "Beta")
    add_user("cy@example.com", "recruiter")  # without --desk: the command line's desk
    monkeypatch.setenv("CALLSHEET_DESK", "Default")
    taken = run("user", "add", "cy@example.com", "--role", "recruiter")
    assert taken.exit_code == 2 and "another desk" in taken.stderr
    monkeypatch.setenv("CALLSHEET_DESK", "Nowhere")
    unknown = run("token", "list", "--json")
    assert unknown.exit_code == 2 and "CALLSHEET_DESK" in unknown.stderr


def test_several_desks_and_none_chosen_exit_two_naming_calsheet_desk(desk_env: dict[str, str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("token", "list", "--json").exit_code == 0  # one desk: it is the one
    desk_b()
    monkeypatch.setenv("CALLSHEET_USER", "nobody-yet")
    ambiguous = run("token", "list", "--json")
    assert ambiguous.exit_code == 2 and "CALLSHEET_DESK" in ambiguous.stderr
    # The acting user's own desk chooses when CALLSHEET_DESK does not.
    add_user("dee@example.com", "recruiter", "Beta")
    monkeypatch.setenv("CALLSHEET_USER", "dee@example.com")
    assert run("token", "add", "dee@example.com").exit_code == 0
    assert [t["owner"] for t in run("token", "list", "--json").json()] == ["dee@example.com"]


# -- the web desk and the API ---------------------------------------------------------------------------

@pytest.fixture
def two_desks(desk_env: dict[str, str], database_url: str, tmp_path: Path) -> Iterator[tuple[Desk, TestClient]]:
    """Desk A (Default, seeded with people and users) and desk B (Beta) with an admin and a recruiter."""
    a = seed(database_url, tmp_path / "uploads")
    desk_b()
    add_user("bea@example.com", "admin", "Beta")
    add_user("bob@example.com", "recruiter", "Beta")
    app = create_app(a.settings)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield a, client
    app.state.desk.engine.dispose()


def sign_in(client: TestClient, email: str) -> str:
    token = csrf_of(client.get("/login").text)
    done = client.post("/login", data={"csrf_token": token, "email": email, "password": PASSWORD, "next": "/tokens"},
                       follow_redirects=False)
    assert done.status_code == 303, done.text
    return csrf_of(client.get("/tokens").text)


def api_token(email: str, desk: str = "Default") -> dict[str, str]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CALLSHEET_DESK", desk)
        made = run("token", "add", email)
    assert made.exit_code == 0, made.stderr
    return {"Authorization": f"Bearer {made.stdout.strip()}"}


def test_a_desk_admin_sees_and_signs_out_only_their_own_desks_users(two_desks: tuple[Desk, TestClient]) -> None:
    _, client = two_desks
    csrf = sign_in(client, "bea@example.com")
    users = client.get("/users").text
    assert "bob@example.com" in users and "recruiter@example.com" not in users
    refused = client.post("/users/signout", data={"csrf_token": csrf, "email": "recruiter@example.com"},
                          follow_redirects=False)
    assert refused.status_code == 404


def test_a_tokens_requests_open_only_its_own_desk(two_desks: tuple[Desk, TestClient]) -> None:
    _, client = two_desks
    a_token = api_token("admin@example.com")
    b_token = api_token("bea@example.com", "Beta")
    a_listed = client.get("/api/v1/tokens", headers=a_token).json()
    assert [t["owner"] for t in a_listed] == ["admin@example.com"]
    b_listed = client.get("/api/v1/tokens", headers=b_token).json()
    assert [t["owner"] for t in b_listed] == ["bea@example.com"]
    # A's token is not B's to revoke, nor to know of.
    assert client.delete(f"/api/v1/tokens/{a_listed[0]['id']}", headers=b_token).status_code == 404
    assert client.get("/api/v1/tokens", headers=a_token).status_code == 200


def test_a_user_of_desk_b_signed_in_sees_only_desk_bs_people(two_desks: tuple[Desk, TestClient]) -> None:
    a, client = two_desks
    sign_in(client, "recruiter@example.com")
    assert client.get(f"/people/{a.jack}").status_code == 200
    client.cookies.clear()
    sign_in(client, "bob@example.com")
    assert client.get("/sheet").status_code == 200


def test_a_user_of_desk_b_gets_404_for_a_person_of_desk_a(two_desks: tuple[Desk, TestClient]) -> None:
    a, client = two_desks
    sign_in(client, "bob@example.com")
    assert client.get(f"/people/{a.jack}").status_code == 404
    assert "Jack Kowalski" not in client.get("/sheet").text


def test_desk_bs_token_gets_404_for_desk_as_person_and_its_touches(two_desks: tuple[Desk, TestClient]) -> None:
    a, client = two_desks
    b_token = api_token("bob@example.com", "Beta")
    assert client.get(f"/api/v1/people/{a.jack}", headers=b_token).status_code == 404
    logged = client.post("/api/v1/touches", headers=b_token, json={"person_id": a.jack, "outcome": "no_answer"})
    assert logged.status_code == 404
    a_token = api_token("recruiter@example.com")
    assert client.get(f"/api/v1/people/{a.jack}", headers=a_token).status_code == 200


# -- a desk's own policy ----------------------------------------------------------------------------------

def why_at(person: str, at: str) -> dict[str, object]:
    answered = run("why", person, "--at", at, "--json")
    assert answered.exit_code == 0, answered.stderr
    data: dict[str, object] = answered.json()
    return data


def test_a_desks_time_zone_reads_its_times_in_that_desk_only(desk_env: dict[str, str], database_url: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    added = run("person", "add", "--name", "Jack Kowalski", "--phone", "414-555-0101", "--json")
    assert added.exit_code == 0, added.stderr
    jack = str(added.json()["id"])
    # 07:00 in the server's zone (Chicago) is before Milwaukee's calling hours.
    assert why_at(jack, "2026-11-20T07:00")["callable"] is False
    desk_b("Tokyo", "--timezone", "Asia/Tokyo")
    # The same person's desk set to Tokyo reads 07:00 as Tokyo's: 16:00 the day before in Milwaukee.
    engine = make_engine(database_url)
    with engine.begin() as conn:  # an operator's change of the desk's row (global table)
        conn.execute(text("UPDATE desks SET timezone = 'Asia/Tokyo' WHERE name = 'Default'"))
    engine.dispose()
    monkeypatch.setenv("CALLSHEET_DESK", "Default")
    assert why_at(jack, "2026-11-20T07:00")["callable"] is True
    with engine.begin() as conn:
        conn.execute(text("UPDATE desks SET timezone = '' WHERE name = 'Default'"))
    engine.dispose()
    assert why_at(jack, "2026-11-20T07:00")["callable"] is False


def test_a_desks_narrowed_window_holds_in_that_desk_only(desk_env: dict[str, str], database_url: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    added = run("person", "add", "--name", "Jack Kowalski", "--phone", "414-555-0101", "--json")
    jack = str(added.json()["id"])
    assert why_at(jack, "2026-11-20T17:00")["callable"] is True
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE desks SET window_start = '09:00', window_end = '12:00' WHERE name = 'Default'"))
    engine.dispose()
    answer = why_at(jack, "2026-11-20T17:00")
    assert answer["callable"] is False and "12:00" in str(answer["reasons"])


def test_a_desks_time_zone_changes_its_answers_and_not_another_desks(desk_env: dict[str, str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    desk_b("Tokyo", "--timezone", "Asia/Tokyo")
    answers = {}
    for name in ("Default", "Tokyo"):
        monkeypatch.setenv("CALLSHEET_DESK", name)
        added = run("person", "add", "--name", "Jack Kowalski", "--phone", "414-555-0101", "--json")
        assert added.exit_code == 0, added.stderr
        answers[name] = why_at(str(added.json()["id"]), "2026-11-20T07:00")["callable"]
    assert answers == {"Default": False, "Tokyo": True}
