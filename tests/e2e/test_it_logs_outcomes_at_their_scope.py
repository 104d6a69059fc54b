"""Each outcome acts at its scope: a number, a job, or the person."""

from tests.e2e.cli import run


def _desk() -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    person = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--phone", "414-555-0101",
                 "--city", "Milwaukee", "--state", "WI", "--json").json()
    one = run("job", "add", "--title", "DBA", "--client", "Acme", "--json").json()
    two = run("job", "add", "--title", "Data Engineer", "--client", "Beta", "--json").json()
    for job in (one, two):
        run("pipeline", "add", str(job["id"]), str(person["id"]))
    return person, one, two


def test_a_wrong_number_retires_only_that_number(desk_env: dict[str, str]) -> None:
    person, one, _ = _desk()
    run("log", str(person["id"]), "--outcome", "wrong_number", "--phone", "414-555-0100", "--job", str(one["id"]))
    card = run("person", "show", str(person["id"]), "--json").json()
    assert [(p["e164"], p["status"]) for p in card["phone_details"]] == [
        ("+14145550100", "wrong_number"), ("+14145550101", "ok")]
    assert run("why", str(person["id"]), "--phone", "414-555-0100", "--json").json()["callable"] is False
    sheet = run("queue", "--json").json()
    assert {row["phone"] for row in sheet} == {"+14145550101"}


def test_a_decline_closes_one_job_and_a_hang_up_rests_the_person(desk_env: dict[str, str]) -> None:
    person, one, two = _desk()
    declined = run("log", str(person["id"]), "--outcome", "declined", "--job", str(one["id"]),
                   "--reason", "mid_project", "--json")
    assert declined.exit_code == 0 and declined.json()["reason"] == "mid_project"
    assert run("why", str(person["id"]), "--job", str(one["id"]), "--json").json()["callable"] is False
    assert run("why", str(person["id"]), "--job", str(two["id"]), "--json").json()["callable"] is True
    assert [r["job_id"] for r in run("queue", "--json").json()] == [two["id"]]
    run("log", str(person["id"]), "--outcome", "hung_up", "--job", str(two["id"]))
    verdict = run("why", str(person["id"]), "--json").json()
    assert verdict["callable"] is False and verdict["next_ok_at"].startswith("2026-12-17")
    assert run("queue", "--json").json() == []


def test_a_referral_creates_a_linked_person_in_the_same_pipeline(desk_env: dict[str, str]) -> None:
    person, one, _ = _desk()
    touch = run("log", str(person["id"]), "--outcome", "declined", "--reason", "loyal", "--job", str(one["id"]),
                "--referral-name", "Piotr Zielinski", "--referral-phone", "262-555-0177", "--json").json()
    referred = run("person", "show", str(touch["referral_person_id"]), "--json").json()
    assert referred["name"] == "Piotr Zielinski" and referred["phones"] == ["+12625550177"]
    assert referred["referred_by"] == {"id": person["id"], "name": "Ann Nowak"}
    assert [c["job_id"] for c in referred["candidacies"]] == [one["id"]]


def test_a_callback_in_the_callees_zone_tops_the_sheet_when_due(desk_env: dict[str, str]) -> None:
    person, one, two = _desk()
    hot = run("person", "add", "--name", "Hot Lead", "--phone", "414-555-0150", "--city", "Milwaukee",
              "--state", "WI", "--json").json()
    run("pipeline", "add", str(two["id"]), str(hot["id"]), "--target")
    logged = run("log", str(person["id"]), "--outcome", "callback", "--job", str(one["id"]),
                 "--callback-at", "2026-11-17T14:00", "--json").json()
    assert logged["callback_at"] == "2026-11-17T20:00:00+00:00"  # 14:00 in Milwaukee
    assert run("why", str(person["id"]), "--job", str(one["id"]), "--json").json()["callable"] is False
    sheet = run("queue", "--at", "2026-11-17T14:05", "--json").json()
    assert sheet[0]["person_id"] == person["id"] and "Promised callback is due" in sheet[0]["why"]
    assert sheet[0]["tel"] == sheet[0]["phone"].join(["tel:", ""]) and sheet[0]["local_time"].startswith("Tue 14:05")


def test_it_refuses_bad_logs_and_stores_nothing(desk_env: dict[str, str]) -> None:
    person, one, _ = _desk()
    for args, field in ((["--outcome", "ghosted"], "outcome"),
                        (["--outcome", "declined", "--job", str(one["id"])], "reason"),
                        (["--outcome", "declined", "--job", str(one["id"]), "--reason", "meh"], "reason"),
                        (["--outcome", "callback", "--job", str(one["id"]), "--callback-at", "2026-11-16T10:00"],
                         "callback_at"),
                        (["--outcome", "referral", "--job", str(one["id"]), "--referral-name", "X"], "referral"),
                        (["--outcome", "no_answer", "--phone", "12345"], "phone")):
        result = run("log", str(person["id"]), *args)
        assert result.exit_code == 2, (args, result.stderr)
        assert field in result.stderr and "Traceback" not in result.stderr
    card = run("person", "show", str(person["id"]), "--json").json()
    assert card["history"] == [] and len(run("person", "list", "--json").json()) == 1
