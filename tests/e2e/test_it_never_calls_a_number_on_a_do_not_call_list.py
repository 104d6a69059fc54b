"""Do-not-call lists from outside: a state's list, a client's list. A listed number is never called,
whoever holds it, until a new version of the list drops it or an admin removes the list."""

import csv
import os
from pathlib import Path

from tests.e2e.cli import Result, run

LISTED = "On the list 'State DNC' imported 2026-11-17 by Dana Reyes — never called"
HELD = "+14145550142"


def _as(user: str, *args: str) -> Result:
    os.environ["CALLSHEET_USER"] = user
    try:
        return run(*args)
    finally:
        os.environ["CALLSHEET_USER"] = "andrew"


def _dana() -> str:
    """Dana keeps the agency's lists; she is an admin."""
    added = run("user", "add", "dana@example.com", "--role", "admin", "--name", "Dana Reyes")
    assert added.exit_code == 0, added.stderr
    return "dana@example.com"


def _state_list(tmp_path: Path, *numbers: str) -> Path:
    path = tmp_path / "state-dnc.txt"
    path.write_text("".join(f"{n}\n" for n in numbers))
    return path


def _people_on_a_job() -> tuple[int, int]:
    """Two candidates in a job's pipeline: one holds a number the state lists, the other does not."""
    held = run("person", "add", "--name", "Greta Lindqvist", "--phone", "(414) 555-0142", "--json").json()["id"]
    free = run("person", "add", "--name", "Tomasz Wojcik", "--phone", "414-555-0177", "--json").json()["id"]
    job = run("job", "add", "--title", "Network Administrator", "--client", "Acme", "--json").json()["id"]
    for person_id in (held, free):
        assert run("pipeline", "add", str(job), str(person_id)).exit_code == 0
    return held, free


def _on_the_sheet() -> set[int]:
    return {row["person_id"] for row in run("queue", "--json").json()}


def test_a_number_on_a_do_not_call_list_is_never_called_until_a_new_version_drops_it(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    dana = _dana()
    held, free = _people_on_a_job()
    first = _as(dana, "import", "dnc", str(_state_list(tmp_path, "(414) 555-0142", "414.555.0150", "+1 414 555 0160")),
                "--source", "State DNC", "--json")
    assert first.exit_code == 0, first.stderr
    assert first.json() == {"source": "State DNC", "listed": 3, "added": 3, "released": 0, "kept": 0, "rejected": 0,
                            "repeated": 0, "replaced": False, "rejects_file": None}

    assert run("why", str(held), "--json").json() == {"callable": False, "reasons": [LISTED], "next_ok_at": None}
    assert run("why", str(free), "--json").json()["callable"] is True
    assert _on_the_sheet() == {free}
    card = run("person", "show", str(held), "--json").json()
    assert card["warnings"] == [f"{HELD}: {LISTED}"] and card["suppression"] == "none"
    assert run("dnc", "list", "--json").json() == [{
        "name": "State DNC", "count": 3, "imported_at": "2026-11-17T16:00:00+00:00", "imported_by": "Dana Reyes",
        "file": "state-dnc.txt"}]

    # The state's next version drops Greta's number and adds another.
    second = _state_list(tmp_path, "4145550150", "+1 414 555 0160", "414 555 0199")
    refused = run("import", "dnc", str(second), "--source", "State DNC")
    assert refused.exit_code == 1 and "only an admin may release numbers" in refused.stderr
    assert run("why", str(held), "--json").json()["callable"] is False
    replaced = _as(dana, "import", "dnc", str(second), "--source", "State DNC", "--json").json()
    assert (replaced["listed"], replaced["added"], replaced["released"], replaced["kept"]) == (3, 1, 1, 2)
    assert replaced["replaced"] is True

    assert run("why", str(held), "--json").json()["callable"] is True
    assert run("person", "show", str(held), "--json").json()["warnings"] == []
    assert _on_the_sheet() == {held, free}
    shown = run("dnc", "show", "State DNC", "--json").json()
    assert shown["count"] == 3 and shown["removed_at"] is None
    assert shown["audit"] == [
        {"action": "import", "at": "2026-11-17T16:00:00+00:00", "user": "Dana Reyes", "file": "state-dnc.txt",
         "listed": 3, "added": 3, "released": 0, "rejected": 0},
        {"action": "import", "at": "2026-11-17T16:00:00+00:00", "user": "Dana Reyes", "file": "state-dnc.txt",
         "listed": 3, "added": 1, "released": 1, "rejected": 0}]
    assert "Dana Reyes" in run("dnc", "show", "State DNC").stdout


def test_a_recruiter_may_add_a_clients_list_but_only_an_admin_may_remove_it(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    dana = _dana()
    held, _ = _people_on_a_job()
    client = tmp_path / "acme-never.csv"
    client.write_text("Name,Mobile,Notes\nGreta Lindqvist,414-555-0142,left on bad terms\nAl Moss,414-555-0150,\n")
    added = run("import", "dnc", str(client), "--source", "Acme: never approach", "--json")
    assert added.exit_code == 0 and added.json()["listed"] == 2
    assert run("why", str(held), "--json").json()["reasons"] == [
        "On the list 'Acme: never approach' imported 2026-11-17 by andrew — never called"]

    refused = run("dnc", "remove", "Acme: never approach")
    assert refused.exit_code == 1
    assert "only an admin may remove a do-not-call list; andrew is a recruiter" in refused.stderr
    assert run("dnc", "list", "--json").json()[0]["count"] == 2

    removed = _as(dana, "dnc", "remove", "Acme: never approach", "--json")
    assert removed.exit_code == 0, removed.stderr
    assert removed.json() == {"name": "Acme: never approach", "released": 2}
    assert run("why", str(held), "--json").json()["callable"] is True
    assert run("dnc", "list", "--json").json() == []
    audit = run("dnc", "show", "Acme: never approach", "--json").json()["audit"]
    assert [(e["action"], e["user"], e["released"]) for e in audit] == [("import", "andrew", 0),
                                                                       ("remove", "Dana Reyes", 2)]
    assert _as(dana, "dnc", "remove", "Acme: never approach").exit_code == 2  # gone already


def test_an_unreadable_line_is_rejected_with_its_line_number_and_the_rest_is_listed(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    path = _state_list(tmp_path, "(414) 555-0142", "call me maybe", "", "414.555.0150", "+1 414 555 0142")
    done = run("import", "dnc", str(path), "--source", "State DNC", "--json").json()
    assert (done["listed"], done["rejected"], done["repeated"]) == (2, 1, 1)
    with Path(done["rejects_file"]).open(newline="") as rejects:
        assert list(csv.reader(rejects)) == [["row", "reason", "text"],
                                             ["2", "'call me maybe' is not a phone number", "call me maybe"]]
    plain = run("import", "dnc", str(path), "--source", "State DNC")
    assert plain.exit_code == 0 and "1 line rejected" in plain.stdout and "rejects.csv" in plain.stdout


def test_a_file_with_no_number_to_read_is_refused_and_the_list_stays_as_it_was(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    held, _ = _people_on_a_job()
    assert run("import", "dnc", str(_state_list(tmp_path, "414-555-0142")), "--source", "State DNC").exit_code == 0
    junk = tmp_path / "junk.txt"
    junk.write_text("not a number\nnor this\n")
    refused = run("import", "dnc", str(junk), "--source", "State DNC")
    assert refused.exit_code == 2 and "lists no phone number" in refused.stderr
    header = tmp_path / "people.csv"
    header.write_text("Name,Email\nAl Moss,al@example.com\n")
    no_column = run("import", "dnc", str(header), "--source", "State DNC")
    assert no_column.exit_code == 2 and "no phone column" in no_column.stderr
    assert run("import", "dnc", str(tmp_path / "missing.txt"), "--source", "State DNC").exit_code == 2
    assert run("import", "dnc", str(junk), "--source", " ").exit_code == 2
    assert run("why", str(held), "--json").json()["callable"] is False
    assert run("dnc", "list", "--json").json()[0]["count"] == 1
