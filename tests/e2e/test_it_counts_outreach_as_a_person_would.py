"""`callsheet stats --json` gives the figures a person counts by hand from the fixture desk's calls."""

from pathlib import Path

from sqlalchemy import Engine

from tests import fixture_desk
from tests.e2e.cli import run

RANGE = ("--from", "2026-11-01", "--to", "2026-11-17")


def _rows(rows: list[dict[str, object]], key: str) -> dict[object, tuple[object, ...]]:
    return {r[key]: tuple(v for k, v in r.items() if k != key) for r in rows}


def test_the_desk_figures_match_a_hand_count(engine: Engine, desk_env: dict[str, str]) -> None:
    fixture_desk.build(engine)
    result = run("stats", *RANGE, "--json")
    assert result.exit_code == 0, result.stderr
    s = result.json()
    # 17 calls in range (Ann's October call is outside it); 10 reached someone.
    assert (s["touches"], s["dials"], s["connects"], s["connect_rate"]) == (17, 17, 10, 0.5882)
    # Ben called back within a week of both voicemails; Dan never did.
    assert (s["voicemails"], s["voicemails_returned"], s["voicemail_callback_rate"]) == (3, 2, 0.6667)
    assert _rows(s["hang_up_rate_by_seniority"], "seniority") == {1: (2, 1, 0.5), 3: (1, 0, 0.0), 4: (7, 0, 0.0)}
    assert {r["reason"]: r["count"] for r in s["decline_reasons"]} == {"compensation": 1, "happy_where_i_am": 1}
    assert _rows(s["reach_by_hour"], "hour") == {
        9: (4, 2, 0.5), 10: (4, 3, 0.75), 11: (1, 0, 0.0), 12: (3, 3, 1.0), 13: (1, 0, 0.0),
        14: (3, 1, 0.3333), 17: (1, 1, 1.0)}
    assert _rows(s["reach_by_weekday"], "weekday") == {
        "Mon": (4, 0, 0.0), "Tue": (4, 3, 0.75), "Wed": (3, 2, 0.6667), "Thu": (2, 1, 0.5), "Fri": (4, 4, 1.0)}
    assert s["referrals"] == {"obtained": 1, "in_pipeline": 1, "became_candidates": 0}
    # Ann: first call Oct 1 15:00Z, submitted Nov 5 16:00Z; Jo: Nov 4 15:00Z to placed Nov 14 16:00Z.
    assert s["first_call_to_submission_days"] == {"count": 2, "median": 22.5, "mean": 22.5}
    assert (s["placements"], s["touches_per_placement"]) == (1, 17.0)


def test_a_recruiter_a_client_and_a_job_each_see_their_own_calls(engine: Engine, desk_env: dict[str, str]) -> None:
    fx = fixture_desk.build(engine)
    dana = run("stats", *RANGE, "--owner", "dana", "--json").json()
    assert (dana["dials"], dana["connects"], dana["placements"]) == (3, 2, 0)
    beta = run("stats", *RANGE, "--client", "beta corp", "--json").json()
    assert (beta["dials"], beta["connects"]) == (2, 1)
    helpdesk = run("stats", *RANGE, "--job", str(fx.helpdesk), "--json").json()
    assert (helpdesk["dials"], helpdesk["hang_ups"]) == (3, 1)
    everything = run("stats", "--from", "2026-10-01", "--to", "2026-11-17", "--json").json()
    assert everything["dials"] == 18


def test_the_terminal_view_and_the_png_are_written(engine: Engine, desk_env: dict[str, str],
                                                   tmp_path: Path) -> None:
    fixture_desk.build(engine)
    out = tmp_path / "stats.png"
    result = run("stats", *RANGE, "--png", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Connect rate" in result.stdout and "58.8%" in result.stdout
    assert out.read_bytes().startswith(b"\x89PNG")


def test_bad_dates_and_unknown_names_are_bad_input(engine: Engine, desk_env: dict[str, str]) -> None:
    fixture_desk.build(engine)
    for args, word in ((("--from", "2026-13-01"), "from"), (("--from", "2026-11-10", "--to", "2026-11-01"), "from"),
                       (("--owner", "nobody"), "nobody"), (("--client", "Nobody Inc"), "Nobody Inc"),
                       (("--job", "999"), "job")):
        result = run("stats", *args, "--json")
        assert result.exit_code == 2, args
        assert word in result.stderr and result.stdout == ""
