"""Inbound calls: `lookup` finds the person by any of their numbers, in any format, history that matters first."""

import pytest

from tests.e2e.cli import run


@pytest.mark.parametrize("typed", ["(262) 555-0142", "262.555.0142", "+1 262 555 0142", "2625550142"])
def test_it_finds_a_person_by_their_second_number_in_any_format(desk_env: dict[str, str], typed: str) -> None:
    jack = run("person", "add", "--name", "Jack Kowalski", "--phone", "414-555-0100", "--phone", "262-555-0142",
               "--json").json()
    found = run("lookup", typed, "--json").json()
    assert found["found"] is True and found["phone"] == "+12625550142"
    assert [p["id"] for p in found["people"]] == [jack["id"]]


def test_it_puts_the_decline_reason_and_the_promised_callback_first(desk_env: dict[str, str]) -> None:
    jack = run("person", "add", "--name", "Jack Kowalski", "--phone", "414-555-0100", "--json").json()["id"]
    one = run("job", "add", "--title", "CIO", "--client", "Acme", "--json").json()["id"]
    two = run("job", "add", "--title", "CTO", "--client", "Beta", "--json").json()["id"]
    for job in (one, two):
        run("pipeline", "add", str(job), str(jack))
    run("log", str(jack), "--outcome", "declined", "--job", str(one), "--reason", "promised_promotion",
        "--note", "Promised the COO seat", "--at", "2026-11-10T11:00")
    run("log", str(jack), "--outcome", "callback", "--job", str(two), "--callback-at", "2026-11-18T09:00",
        "--at", "2026-11-16T15:00")
    card = run("lookup", "414 555 0100", "--json").json()["people"][0]
    memory = card["memory"]
    assert memory["last_outcome"]["outcome"] == "callback"
    assert [(d["reason"], d["at"][:10], d["job"]) for d in memory["declines"]] == [
        ("promised_promotion", "2026-11-10", "CIO (Acme)")]
    assert [c["job_id"] for c in memory["open_candidacies"]] == [two]
    assert [(c["callback_at"], c["due"]) for c in memory["callbacks"]] == [("2026-11-18T15:00:00+00:00", False)]
    shown = run("lookup", "414 555 0100").stdout
    assert shown.index("promised_promotion") < shown.index("History")
    assert "Promised the COO seat" in shown and "Callback promised" in shown


def test_a_shared_household_number_lists_everyone_on_it(desk_env: dict[str, str]) -> None:
    for name in ("Ann Nowak", "Piotr Nowak"):
        run("person", "add", "--name", name, "--phone", "414-555-0177")
    found = run("lookup", "4145550177", "--json").json()
    assert [p["name"] for p in found["people"]] == ["Ann Nowak", "Piotr Nowak"]


def test_an_unknown_number_says_so_and_offers_person_add(desk_env: dict[str, str]) -> None:
    assert run("lookup", "414-555-0199", "--json").json() == {"found": False, "phone": "+14145550199", "people": []}
    result = run("lookup", "414-555-0199")
    assert result.exit_code == 0 and "Nobody on the desk has +14145550199" in result.stdout
    assert "callsheet person add --name" in result.stdout and "--phone +14145550199" in result.stdout
    bad = run("lookup", "not a number")
    assert bad.exit_code == 2 and "phone" in bad.stderr
