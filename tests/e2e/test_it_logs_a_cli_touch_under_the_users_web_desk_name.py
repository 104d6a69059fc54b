"""What the command line logs carries the user the web desk signs in, and so their display name."""

import pytest

from tests.e2e.cli import run


@pytest.mark.parametrize("acting", ["ann@example.com", "Ann@Example.COM", " ANN@example.com "])
def test_it_logs_a_cli_touch_under_the_users_web_desk_name(desk_env: dict[str, str], acting: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("user", "add", "ann@example.com", "--role", "recruiter", "--name", "Ann Lee").exit_code == 0
    person = run("person", "add", "--name", "Jack", "--phone", "414-555-0142", "--json").json()
    monkeypatch.setenv("CALLSHEET_USER", acting)
    logged = run("log", str(person["id"]), "--outcome", "no_answer", "--json")
    assert logged.exit_code == 0, logged.stderr
    assert logged.json()["user"] == "Ann Lee"
    history = run("person", "show", str(person["id"]), "--json").json()["history"]
    assert [t["user"] for t in history] == ["Ann Lee"]
