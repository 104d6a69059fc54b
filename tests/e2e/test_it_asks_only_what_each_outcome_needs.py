"""The guided call asks only the questions an outcome needs, and asks before calling outside the window."""

from tests.e2e.cli import run


def _person(*phones: str, city: str = "Milwaukee", state: str = "WI") -> int:
    args = [a for p in phones for a in ("--phone", p)]
    return run("person", "add", "--name", "Ann Nowak", *args, "--city", city, "--state", state,  # type: ignore[no-any-return]
               "--json").json()["id"]


def _prompts(stdout: str) -> list[str]:
    """The questions asked after the outcome key, in order."""
    asked = stdout.partition("Outcome key:")[2]
    found = [p for p in ("Decline reason", "Referral", "Callback time", "Rung", "Notes", "Number", "Which job")
             if p in asked]
    return sorted(found, key=asked.index)


def test_a_callback_asks_for_the_time_in_their_zone_then_rung_and_notes(desk_env: dict[str, str]) -> None:
    ann = _person("414-555-0100")
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()["id"]
    run("pipeline", "add", str(job), str(ann))
    result = run("call", str(ann), input="c\n2026-11-16T09:00\n2026-11-18T14:00\n\nAfter her review\n")
    assert result.exit_code == 0, result.stderr
    assert "is in the past" in result.stderr  # asked again, nothing half-stored
    assert _prompts(result.stdout) == ["Callback time", "Rung", "Notes"]
    touch = run("person", "show", str(ann), "--json").json()["history"][0]
    assert (touch["outcome"], touch["callback_at"], touch["notes"]) == (
        "callback", "2026-11-18T20:00:00+00:00", "After her review")


def test_a_wrong_number_asks_which_one_and_nothing_else(desk_env: dict[str, str]) -> None:
    ann = _person("414-555-0100", "414-555-0101")
    result = run("call", str(ann), input="w\n2\n")
    assert result.exit_code == 0, result.stderr
    assert _prompts(result.stdout) == ["Number"]
    card = run("person", "show", str(ann), "--json").json()
    assert [(p["e164"], p["status"]) for p in card["phone_details"]] == [
        ("+14145550100", "ok"), ("+14145550101", "wrong_number")]


def test_outside_their_window_it_says_so_and_asks_to_confirm(desk_env: dict[str, str]) -> None:
    # 10:00 in Chicago is 06:00 in Honolulu: too early to call.
    kai = _person("808-555-0100", city="Honolulu", state="HI")
    stopped = run("call", str(kai), input="\n")
    assert stopped.exit_code == 0 and "not now" in stopped.stdout and "Call anyway?" in stopped.stdout
    assert "Outcome key" not in stopped.stdout
    went = run("call", str(kai), input="y\nn\n")
    assert went.exit_code == 0 and "Logged no_answer" in went.stdout
    assert _prompts(went.stdout) == []


def test_a_deceased_person_is_refused_with_care(desk_env: dict[str, str]) -> None:
    jack = _person("262-555-0142")
    run("log", str(jack), "--outcome", "deceased", "--note", "His widow answered", "--at", "2026-11-16T15:00")
    result = run("call", str(jack))
    assert result.exit_code == 1 and "Marked deceased on 2026-11-16" in " ".join(result.stderr.split())
