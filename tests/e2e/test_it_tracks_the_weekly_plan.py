from tests.e2e.cli import run


def test_the_plan_counts_this_weeks_calls_followups_contacts_and_applications(desk_env: dict[str, str]) -> None:
    set_ = run("plan", "--strengths", "SQL, storytelling", "--roles", "Data Analyst", "--calls", "10",
               "--followups", "2", "--contacts", "5", "--applications", "3", "--json")
    assert set_.exit_code == 0, set_.stderr
    app = run("apply", "--company", "Acme", "--role", "Data Analyst", "--applied", "2026-11-09",
              "--contact-name", "Pat Lee", "--contact-phone", "414-555-0123", "--json").json()
    run("apply", "--company", "Beta", "--role", "Analyst", "--applied", "2026-11-16")
    run("followup", str(app["id"]), "--outcome", "voicemail")
    friend = run("person", "add", "--name", "Bo Friend", "--phone", "414-555-0102", "--json").json()
    run("network", "know", str(friend["id"]))
    run("log", str(friend["id"]), "--outcome", "connected")
    report = run("plan", "--json").json()
    assert report["week_of"] == "2026-11-16"
    assert report["inventory"]["strengths"] == "SQL, storytelling"
    assert report["progress"] == {
        "calls": {"done": 2, "target": 10}, "followups": {"done": 1, "target": 2},
        "contacts": {"done": 1, "target": 5}, "applications": {"done": 1, "target": 3}}
    shown = run("plan")
    assert shown.exit_code == 0 and "Week of 2026-11-16" in shown.stdout


def test_a_weekly_target_must_be_sensible(desk_env: dict[str, str]) -> None:
    result = run("plan", "--calls", "-3")
    assert result.exit_code == 2 and "calls" in result.stderr
