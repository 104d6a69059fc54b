"""On a job seeker's desk the call picks the seeker's scripts and ladder, filled from the application."""

from tests.e2e.cli import run


def test_a_seekers_call_uses_the_application_and_the_seeker_ladder(desk_env: dict[str, str]) -> None:
    run("plan", "--strengths", "SQL and clear dashboards", "--roles", "Data Analyst")
    app = run("apply", "--company", "Acme", "--role", "BI Analyst", "--applied", "2026-11-02",
              "--contact-name", "Pat Lee", "--contact-phone", "414-555-0123", "--json").json()
    contact = app["contact_person_id"]
    shown = run("script", "show", "seeker_followup", "--person", str(contact), "--json").json()
    assert "I applied for the BI Analyst role at Acme on 2026-11-02" in shown["voicemail"]["text"]
    assert [r["rung"] for r in shown["ladder"]] == [
        "interview", "informal_meeting", "opening_on_horizon", "referral", "stay_in_touch"]
    result = run("call", str(contact), input="s\n2\nCoffee on Friday\n")
    assert result.exit_code == 0, result.stderr
    assert "Job seeker: following up an application" in result.stdout
    assert "A win: informal_meeting" in result.stdout
    stranger = run("person", "add", "--name", "Dana Fox", "--phone", "414-555-0124", "--company", "Beta",
                   "--json").json()["id"]
    other = run("call", str(stranger), input="n\n")
    assert "Job seeker: calling a hiring manager" in other.stdout
    assert "Data Analyst" in " ".join(other.stdout.replace("│", " ").split())
    assert run("wins", "--json").json()["this_week"]["by_rung"] == {"informal_meeting": 1}
