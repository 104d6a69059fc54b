from tests.e2e.cli import run


def test_it_adds_users_with_a_password_from_stdin_and_prints_a_token(desk_env: dict[str, str]) -> None:
    added = run("user", "add", "Ann@Example.com", "--role", "recruiter", "--password-stdin", "--json",
                input="a long password\n")
    assert added.exit_code == 0 and added.json()["login"] == "ann@example.com" and "password" not in added.json()
    token = run("user", "token", "ann@example.com")
    assert token.exit_code == 0 and token.stdout.strip().startswith("cs_")
    again = run("user", "token", "ann@example.com")
    assert again.stdout.strip() != token.stdout.strip()


def test_it_makes_up_a_password_when_none_is_given(desk_env: dict[str, str]) -> None:
    added = run("user", "add", "bo@example.com", "--role", "admin")
    assert added.exit_code == 0 and "Password: " in added.stdout


def test_it_refuses_bad_users_with_exit_two(desk_env: dict[str, str]) -> None:
    bad = run("user", "add", "cy@example.com", "--role", "boss")
    assert bad.exit_code == 2 and "role" in bad.stderr
    bad = run("user", "add", "cy@example.com", "--role", "hiring_manager")
    assert bad.exit_code == 2 and "company" in bad.stderr
    bad = run("user", "add", "cy@example.com", "--role", "hiring_manager", "--company", "99")
    assert bad.exit_code == 2 and "company 99 not found" in bad.stderr
    bad = run("user", "add", "cy@example.com", "--role", "recruiter", "--password-stdin", input="short\n")
    assert bad.exit_code == 2 and "password" in bad.stderr
    missing = run("user", "token", "nobody@example.com")
    assert missing.exit_code == 2
