"""The first article, one step on: Jack's widow still answers his number, whoever the desk files it under."""

import os
from pathlib import Path

import pytest

from tests.e2e.cli import Result, run

JACKS = "414-555-0142"
JACKS_E164 = "+14145550142"
MARKS = {
    "deceased": "This number belongs to someone marked deceased on 2026-11-17 by andrew — never called",
    "erased": "This number belonged to someone whose personal data was erased on 2026-11-17 by andrew — never called",
}


def _as(user: str, *args: str) -> Result:
    os.environ["CALLSHEET_USER"] = user
    try:
        return run(*args)
    finally:
        os.environ["CALLSHEET_USER"] = "andrew"


def _jack_then(mark: str) -> int:
    """Jack on the desk, then marked deceased (his widow answered) or erased on request."""
    jack = run("person", "add", "--name", "Jack Kowalski", "--phone", JACKS, "--city", "Milwaukee", "--state", "WI",
               "--json").json()
    done = (run("log", str(jack["id"]), "--outcome", "deceased", "--note", "His widow answered.")
            if mark == "deceased" else run("person", "erase", str(jack["id"]), "--yes"))
    assert done.exit_code == 0, done.stderr
    return int(jack["id"])


def _holders() -> dict[str, int]:
    """His number comes back by every way a person reaches the desk."""
    typed = run("person", "add", "--name", "J. Kowalski", "--phone", JACKS, "--json")
    assert typed.exit_code == 0 and "Warning: " + JACKS_E164 in typed.stderr
    assert typed.json()["warnings"][0].startswith(f"{JACKS_E164}: This number belong")
    ann = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json").json()
    job = run("job", "add", "--title", "Network Administrator", "--client", "Acme", "--json").json()
    assert run("pipeline", "add", str(job["id"]), str(ann["id"])).exit_code == 0
    referred = run("log", str(ann["id"]), "--outcome", "referral", "--job", str(job["id"]), "--referral-name",
                   "Jacek Kowalski", "--referral-phone", JACKS, "--json")
    assert referred.exit_code == 0 and "Warning: " + JACKS_E164 in referred.stderr
    applied = run("apply", "--company", "Acme", "--role", "Data Analyst", "--applied", "2026-11-09",
                  "--contact-name", "Jay Kowalski", "--contact-phone", JACKS, "--json")
    assert applied.exit_code == 0 and "Warning: " + JACKS_E164 in applied.stderr
    assert applied.json()["warnings"]
    return {"typed": typed.json()["id"], "referred": referred.json()["referral_person_id"],
            "applied": applied.json()["contact_person_id"]}


def _on_a_sheet(holders: dict[str, int]) -> set[int]:
    """The holders on the sheet of a job they are all in (the referral put the referred person there)."""
    job = run("job", "add", "--title", "Java Developer", "--client", "Globex", "--json").json()
    for person_id in holders.values():
        assert run("pipeline", "add", str(job["id"]), str(person_id)).exit_code == 0
    return {row["person_id"] for row in run("queue", "--json").json()} & set(holders.values())


@pytest.mark.parametrize("mark", ["deceased", "erased"])
def test_it_never_calls_jacks_number_again_whoever_holds_it(desk_env: dict[str, str], tmp_path: Path,
                                                             mark: str) -> None:
    _jack_then(mark)
    holders = _holders()
    for person_id in holders.values():
        verdict = run("why", str(person_id), "--json").json()
        assert verdict == {"callable": False, "reasons": [MARKS[mark]], "next_ok_at": None}
        card = run("person", "show", str(person_id), "--json").json()
        assert card["warnings"] == [f"{JACKS_E164}: {MARKS[mark]}"] and card["suppression"] == "none"
        assert MARKS[mark][:40] in run("person", "show", str(person_id)).stdout.replace("\n", " ")
    assert _on_a_sheet(holders) == set()
    exported = tmp_path / "outreach.csv"
    assert run("export", "csv", "--out", str(exported)).exit_code == 0
    assert "Jay Kowalski" in exported.read_text() and JACKS_E164 not in exported.read_text()
    rows = tmp_path / "phone.csv"
    rows.write_text(f"Name,Phone\nJohn Kowalski,{JACKS}\n")
    imported = run("import", "csv", str(rows), "--json").json()
    assert imported["created"] == 0 and imported["suppressed"] == 1


@pytest.mark.parametrize("mark", ["deceased", "erased"])
def test_an_admins_release_with_a_reason_lets_the_new_holder_be_called(desk_env: dict[str, str], tmp_path: Path,
                                                                       mark: str) -> None:
    jack = _jack_then(mark)
    holders = _holders()
    refused = run("person", "release-number", JACKS, "--reason", "Reassigned by the carrier")
    assert refused.exit_code == 1 and "only an admin" in refused.stderr
    assert run("user", "add", "ada@example.com", "--role", "admin").exit_code == 0
    assert _as("ada@example.com", "person", "release-number", JACKS, "--reason", " ").exit_code == 2
    unknown = _as("ada@example.com", "person", "release-number", "414-555-0199", "--reason", "Reassigned")
    assert unknown.exit_code == 2 and "phone" in unknown.stderr
    released = _as("ada@example.com", "person", "release-number", JACKS, "--reason", "Reassigned by the carrier",
                   "--json")
    assert released.exit_code == 0, released.stderr
    assert released.json() == {"phone": JACKS_E164, "released": [{"person_id": jack, "suppression": mark}]}

    for person_id in holders.values():
        assert run("why", str(person_id), "--json").json()["callable"] is True
        assert run("person", "show", str(person_id), "--json").json()["warnings"] == []
    assert _on_a_sheet(holders) == set(holders.values())
    rows = tmp_path / "phone.csv"
    rows.write_text(f"Name,Phone,Title\nJ. Kowalski,{JACKS},Network Administrator\n")
    imported = run("import", "csv", str(rows), "--json").json()
    assert imported["suppressed"] == 0 and imported["merged"] == 1  # into its new holder, not into Jack
    # Jack himself stays marked; his trail says who released his number, when and why.
    assert run("why", str(jack), "--json").json()["callable"] is False
    card = run("person", "show", str(jack), "--json").json()
    assert card["suppression"] == mark
    release = card["suppression_audit"][-1]
    shown = JACKS_E164 if mark == "deceased" else "the number ending 0142"
    assert release == {"action": "release", "suppression": mark, "user": "ada@example.com",
                       "reason": f"released {shown}: Reassigned by the carrier", "at": "2026-11-17T16:00:00+00:00"}
    again = _as("ada@example.com", "person", "release-number", JACKS, "--reason", "Again")
    assert again.exit_code == 2 and "not held" in again.stderr


def test_a_merge_that_brings_jacks_number_says_so_and_dials_only_the_other_number(desk_env: dict[str, str]) -> None:
    _jack_then("deceased")
    holder = run("person", "add", "--name", "J. Kowalski", "--phone", JACKS, "--json").json()
    other = run("person", "add", "--name", "Jay Kowalski", "--phone", "414-555-0177", "--json").json()
    merged = run("merge", str(holder["id"]), str(other["id"]), "--json")
    assert merged.exit_code == 0 and "Warning: " + JACKS_E164 in merged.stderr
    assert merged.json()["phones"] == [JACKS_E164, "+14145550177"]
    assert merged.json()["warnings"] == [f"{JACKS_E164}: {MARKS['deceased']}"]
    assert run("why", str(holder["id"]), "--json").json()["callable"] is True
    on_jacks = run("why", str(holder["id"]), "--phone", JACKS, "--json").json()
    assert on_jacks == {"callable": False, "reasons": [MARKS["deceased"]], "next_ok_at": None}
    job = run("job", "add", "--title", "Network Administrator", "--client", "Acme", "--json").json()
    assert run("pipeline", "add", str(job["id"]), str(holder["id"])).exit_code == 0
    sheet = run("queue", "--json").json()
    assert [(r["person_id"], r["phone"]) for r in sheet] == [(holder["id"], "+14145550177")]
