from tests.e2e.cli import run


def test_it_stores_jacks_number_in_e164_with_milwaukee_time(desk_env: dict[str, str]) -> None:
    result = run("person", "add", "--name", "Jack Kowalski", "--phone", "(414) 555-0142",
                 "--city", "Milwaukee", "--state", "WI", "--json")
    assert result.exit_code == 0, result.stderr
    person = result.json()
    assert person["phones"] == ["+14145550142"]
    assert person["timezone"] == "America/Chicago"
    assert isinstance(person["id"], int)


def test_it_refuses_a_bad_phone_with_exit_two_and_names_it(desk_env: dict[str, str]) -> None:
    result = run("person", "add", "--name", "Jack Kowalski", "--phone", "12345", "--json")
    assert result.exit_code == 2
    assert "phone" in result.stderr and "12345" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    assert run("person", "list", "--json").json() == []


def test_it_refuses_an_unknown_place(desk_env: dict[str, str]) -> None:
    result = run("person", "add", "--name", "Ann", "--phone", "414-555-0100", "--city", "Atlantis", "--state", "WI")
    assert result.exit_code == 2 and "Atlantis" in result.stderr


def test_it_lists_and_shows_people_as_json(desk_env: dict[str, str]) -> None:
    added = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--email", "ann@example.com",
                "--company", "Acme", "--title", "DBA", "--json").json()
    listed = run("person", "list", "--json").json()
    assert [(p["id"], p["name"], p["phones"], p["emails"], p["company"], p["title"], p["suppression"])
            for p in listed] == [(added["id"], "Ann Nowak", ["+14145550100"], ["ann@example.com"], "Acme", "DBA",
                                  "none")]
    card = run("person", "show", str(added["id"]), "--json").json()
    assert card["id"] == added["id"] and card["history"] == [] and card["suppression"] == "none"
    shown = run("person", "show", str(added["id"]))
    assert shown.exit_code == 0 and "Ann Nowak" in shown.stdout


def test_it_says_clearly_when_a_person_does_not_exist(desk_env: dict[str, str]) -> None:
    result = run("person", "show", "4242")
    assert result.exit_code == 2 and "person 4242 not found" in result.stderr
