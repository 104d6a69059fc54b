"""`--at` and `--callback-at` take what a person types ("tomorrow 09:00", "next Tuesday 2pm") in the zone
the command says: the desk's for `--at`, the callee's for `--callback-at`. ISO 8601 stays exact, and a
time nobody can read is refused with exit 2 naming the field."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.e2e.cli import run

# desk_env pins Tuesday 2026-11-17 10:00 in Milwaukee (America/Chicago).


def _person() -> int:
    person = run("person", "add", "--name", "Ann Nowak", "--phone", "212-555-0100", "--city", "New York",
                 "--state", "NY", "--timezone", "America/New_York", "--json")
    assert person.exit_code == 0, person.stderr
    return int(person.json()["id"])


def test_why_at_tomorrow_0900_is_why_at_the_iso_time_of_tomorrow_0900_desk_time(desk_env: dict[str, str]) -> None:
    pid = str(_person())
    assert run("log", pid, "--outcome", "voicemail").exit_code == 0
    typed = run("why", pid, "--at", "tomorrow 09:00", "--json")
    exact = run("why", pid, "--at", "2026-11-18T09:00", "--json")
    assert typed.exit_code == 0 and exact.exit_code == 0, typed.stderr + exact.stderr
    assert typed.json() == exact.json()
    # The voicemail holds until Thursday 10:00 desk time (11:00 in New York): words are read in the desk's zone.
    assert run("why", pid, "--at", "Thursday 9:30am", "--json").json()["callable"] is False
    assert run("why", pid, "--at", "Thursday 10:30am", "--json").json()["callable"] is True


def test_a_callback_next_tuesday_2pm_lands_at_1400_in_the_callees_zone(desk_env: dict[str, str]) -> None:
    pid = str(_person())
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()
    logged = run("log", pid, "--outcome", "callback", "--job", str(job["id"]), "--callback-at", "next Tuesday 2pm",
                 "--json")
    assert logged.exit_code == 0, logged.stderr
    at = datetime.fromisoformat(logged.json()["callback_at"]).astimezone(ZoneInfo("America/New_York"))
    assert (at.weekday(), at.hour, at.minute) == (1, 14, 0)
    assert datetime(2026, 11, 17, 10, tzinfo=ZoneInfo("America/Chicago")) < at


def test_gibberish_is_refused_with_exit_2_naming_the_field(desk_env: dict[str, str]) -> None:
    pid = str(_person())
    for args, field in ((["why", pid, "--at", "when pigs fly"], "at"),
                        (["queue", "--at", "soonish?"], "at"),
                        (["log", pid, "--outcome", "callback", "--callback-at", "whenever suits"], "callback_at")):
        result = run(*args)
        said = result.stdout + result.stderr
        assert result.exit_code == 2, said
        assert field in said and "Traceback" not in said
