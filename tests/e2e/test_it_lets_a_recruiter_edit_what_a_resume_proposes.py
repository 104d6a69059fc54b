"""What a résumé proposes (title, place, seniority, skills, LinkedIn, more phones and emails) is the
recruiter's to edit from the command line, each field checked as a new person's."""

import os
from pathlib import Path

from tests.e2e.cli import run


def _ann() -> int:
    added = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json")
    assert added.exit_code == 0, added.stderr
    return int(added.json()["id"])


def _edit(person_id: int, *args: str) -> dict:  # type: ignore[type-arg]
    edited = run("person", "edit", str(person_id), *args, "--json")
    assert edited.exit_code == 0, edited.stderr
    return edited.json()  # type: ignore[no-any-return]


def test_each_detail_of_a_person_is_edited_from_the_command_line(desk_env: dict[str, str]) -> None:
    ann = _ann()
    assert _edit(ann, "--title", "Senior  Network Engineer")["title"] == "Senior Network Engineer"
    placed = _edit(ann, "--city", "Milwaukee", "--state", "WI")
    assert (placed["city"], placed["state"], placed["timezone"]) == ("Milwaukee", "WI", "America/Chicago")
    assert _edit(ann, "--seniority", "4")["seniority"] == 4
    assert _edit(ann, "--skills", "Cisco, BGP , cisco")["skills"] == ["cisco", "bgp"]
    assert _edit(ann, "--linkedin", "linkedin.com/in/ann-nowak")["linkedin_url"].endswith("/in/ann-nowak")
    phoned = _edit(ann, "--phone", "(414) 555-0111", "--phone", "414-555-0100")
    assert phoned["phones"] == ["+14145550100", "+14145550111"] and phoned["warnings"] == []
    mailed = _edit(ann, "--email", "Ann@Example.com", "--email", "ann.n@example.org")
    assert mailed["emails"] == ["ann@example.com", "ann.n@example.org"]
    card = run("person", "show", str(ann), "--json").json()
    assert (card["name"], card["first_name"], card["title"], card["city"]) == (
        "Ann Nowak", "Ann", "Senior Network Engineer", "Milwaukee")
    found = run("search", "bgp", "--json")
    assert found.exit_code == 0 and ann in [row["person_id"] for row in found.json()], found.stdout


def test_a_bad_seniority_phone_email_or_place_exits_2_naming_the_field(desk_env: dict[str, str]) -> None:
    ann = _ann()
    for args, named in ((("--seniority", "9"), "seniority"), (("--phone", "555"), "phone"),
                        (("--email", "not-an-address"), "email"), (("--city", "Nowhereville", "--state", "WI"), "city"),
                        ((), "name")):
        refused = run("person", "edit", str(ann), *args)
        assert refused.exit_code == 2 and named in refused.stderr, (args, refused.stderr)
    assert run("person", "show", str(ann), "--json").json()["seniority"] is None


def test_a_number_added_that_someone_marked_is_warned_as_when_adding_a_person(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    jack = run("person", "add", "--name", "Jack Kowalski", "--phone", "414-555-0142", "--json").json()["id"]
    assert run("log", str(jack), "--outcome", "deceased", "--note", "His widow answered.").exit_code == 0
    typed = run("person", "add", "--name", "J. Kowalski", "--phone", "414-555-0142", "--json")
    ann = _ann()
    edited = run("person", "edit", str(ann), "--phone", "414-555-0142", "--json")
    assert edited.exit_code == 0, edited.stderr
    assert edited.json()["warnings"] == typed.json()["warnings"] != []
    assert "Warning: +14145550142" in edited.stderr

    run("user", "add", "dana@example.com", "--role", "admin", "--name", "Dana Reyes")
    listed = tmp_path / "state-dnc.txt"
    listed.write_text("(414) 555-0160\n")
    os.environ["CALLSHEET_USER"] = "dana@example.com"
    try:
        assert run("import", "dnc", str(listed), "--source", "State DNC").exit_code == 0
    finally:
        os.environ["CALLSHEET_USER"] = "andrew"
    typed = run("person", "add", "--name", "Bo Lindqvist", "--phone", "414-555-0160", "--json")
    edited = run("person", "edit", str(ann), "--phone", "414-555-0160", "--json")
    assert edited.json()["warnings"] == typed.json()["warnings"] != []
