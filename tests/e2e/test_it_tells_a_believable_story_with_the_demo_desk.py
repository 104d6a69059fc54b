"""The demo desk's numbers tell the story recruiters know: junior roles hang up more, evenings reach more."""

from typing import Any

from tests.e2e.cli import run


def _ratio(rows: list[dict[str, Any]], part: str, whole: str) -> float:
    return sum(r[part] for r in rows) / sum(r[whole] for r in rows)


def test_the_demo_stats_show_junior_hang_ups_and_evening_reach(desk_env: dict[str, str]) -> None:
    assert run("demo", "--people", "300", "--no-serve").exit_code == 0
    s = run("stats", "--from", "2024-11-01", "--json").json()
    by_level = s["hang_up_rate_by_seniority"]
    junior = _ratio([r for r in by_level if (r["seniority"] or 3) <= 2], "hang_ups", "connects")
    senior = _ratio([r for r in by_level if (r["seniority"] or 3) >= 4], "hang_ups", "connects")
    assert junior > 2 * senior
    hours = s["reach_by_hour"]
    evening = _ratio([r for r in hours if r["hour"] >= 17], "connects", "dials")
    daytime = _ratio([r for r in hours if r["hour"] < 17], "connects", "dials")
    assert evening > daytime + 0.05
    recent = run("stats", "--json").json()
    assert recent["placements"] > 0 and recent["voicemails_returned"] > 0
    assert recent["first_call_to_submission_days"]["count"] > 0
