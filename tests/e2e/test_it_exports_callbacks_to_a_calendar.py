from pathlib import Path

from icalendar import Calendar

from tests.e2e.cli import run


def test_callbacks_export_as_events_with_reminders(desk_env: dict[str, str], tmp_path: Path) -> None:
    person = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--city", "Milwaukee",
                 "--state", "WI", "--json").json()
    job = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()
    run("pipeline", "add", str(job["id"]), str(person["id"]))
    run("log", str(person["id"]), "--outcome", "callback", "--job", str(job["id"]), "--callback-at",
        "2026-11-18T09:15", "--note", "Wants to talk after stand-up")
    out = tmp_path / "callbacks.ics"
    result = run("export", "ics", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert "Ann Nowak" in str(event["summary"]) and "DBA" in str(event["summary"])
    assert event.decoded("dtstart").isoformat() == "2026-11-18T15:15:00+00:00"
    assert "+14145550100" in str(event["description"])
    assert list(event.walk("VALARM"))
