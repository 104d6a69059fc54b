"""The win column: every rung reached counts, per ISO week (this week first) and by rung."""

from tests.e2e.cli import run


def test_wins_json_counts_rungs_reached_per_week(desk_env: dict[str, str]) -> None:
    ann = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json").json()["id"]
    bob = run("person", "add", "--name", "Bob Lis", "--phone", "414-555-0101", "--json").json()["id"]
    # The desk's clock is Tuesday 2026-11-17 10:00 in Chicago: ISO week 47 started Monday the 16th.
    for person, rung, at in ((ann, "informal_meeting", "2026-11-16T09:00"), (bob, "referral", "2026-11-17T09:30"),
                             (ann, "stay_in_touch", "2026-11-17T09:45"), (bob, "interview", "2026-11-12T15:00"),
                             (ann, "referral", "2026-11-15T23:30")):  # Sunday night: still last week
        logged = run("log", str(person), "--outcome", "connected", "--rung", rung, "--at", at)
        assert logged.exit_code == 0, logged.stderr
    run("log", str(ann), "--outcome", "no_answer", "--at", "2026-11-17T08:00")  # no rung, no win
    column = run("wins", "--weeks", "3", "--json").json()
    assert column["this_week"] == {"week": "2026-W47", "start": "2026-11-16", "total": 3,
                                   "by_rung": {"informal_meeting": 1, "referral": 1, "stay_in_touch": 1}}
    assert [(w["week"], w["total"]) for w in column["weeks"]] == [("2026-W47", 3), ("2026-W46", 2), ("2026-W45", 0)]
    assert column["weeks"][1]["by_rung"] == {"interview": 1, "referral": 1}
    assert {r["rung"]: r["count"] for r in column["by_rung"]} == {
        "interview": 1, "informal_meeting": 1, "referral": 2, "stay_in_touch": 1}
    assert column["total"] == 5
    assert "This week (2026-W47): 3 wins" in run("wins").stdout


def test_a_rung_off_the_ladders_is_refused(desk_env: dict[str, str]) -> None:
    ann = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--json").json()["id"]
    result = run("log", str(ann), "--outcome", "connected", "--rung", "high_five")
    assert result.exit_code == 2 and "rung" in result.stderr and "stay_in_touch" in result.stderr
    assert run("person", "show", str(ann), "--json").json()["history"] == []
