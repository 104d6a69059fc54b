import os

from tests.e2e.cli import run


def test_the_seeker_demo_has_applications_of_every_age_and_follow_ups_due(desk_env: dict[str, str]) -> None:
    os.environ["CALLSHEET_USER"] = "jordan"
    result = run("demo", "--seeker", "--people", "120", "--no-serve", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["connections"] == 120
    apps = run("applications", "--json").json()
    assert len(apps) >= 10
    assert {a["followup"] for a in apps} >= {"followed up — now wait"}
    assert any(a["followup_due"] for a in apps) and any(a["followup_due_on"] and not a["followup_due"]
                                                        for a in apps)
    assert run("followups", "--json").json()
    assert run("network", "intro", "Lakeshore Health Partners", "--json").json()
    assert run("plan", "--json").json()["progress"]["calls"]["target"] == 15
