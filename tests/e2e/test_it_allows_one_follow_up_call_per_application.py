"""A job seeker follows up on an application once, not before five business days."""

import os

from tests.e2e.cli import run

# desk_env pins Tuesday 2026-11-17 10:00 in Milwaukee.


def _apply(applied: str) -> dict:  # type: ignore[type-arg]
    result = run("apply", "--company", "Acme", "--role", "Data Analyst", "--applied", applied,
                 "--contact-name", "Pat Lee", "--contact-phone", "414-555-0123", "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()  # type: ignore[no-any-return]


def test_three_business_days_is_too_soon_and_five_is_due(desk_env: dict[str, str]) -> None:
    early = _apply("2026-11-12")  # Thursday: Fri, Mon, Tue = 3 business days
    # Monday: Tue, Thu, Fri, Mon, Tue = 5 business days (Wednesday 11 November is Veterans Day).
    due = _apply("2026-11-09")
    assert early["followup_due"] is False and early["followup_due_on"] == "2026-11-19"
    assert due["followup_due"] is True
    listed = run("followups", "--json").json()
    assert [r["id"] for r in listed] == [due["id"]]
    assert "still open" in listed[0]["script"] and listed[0]["callable_now"] is True


def test_after_the_follow_up_a_second_one_is_refused_with_the_reason(desk_env: dict[str, str]) -> None:
    app = _apply("2026-11-09")
    first = run("followup", str(app["id"]), "--outcome", "connected", "--note", "Received; still open", "--json")
    assert first.exit_code == 0, first.stderr
    second = run("followup", str(app["id"]), "--outcome", "connected")
    assert second.exit_code == 1
    assert "Followed up on 2026-11-17 — now wait" in second.stderr
    shown = next(a for a in run("applications", "--json").json() if a["id"] == app["id"])
    assert shown["followup"] == "followed up — now wait" and shown["followup_due"] is False
    assert run("followups", "--json").json() == []


def test_weekends_and_holidays_are_not_business_days(desk_env: dict[str, str]) -> None:
    # Applied Friday 2026-11-20; Thanksgiving is Thursday 2026-11-26.
    os.environ["CALLSHEET_NOW"] = "2026-11-26T10:00:00-06:00"
    app = _apply("2026-11-20")
    assert app["followup_due"] is False and app["followup_due_on"] == "2026-11-30"
    os.environ["CALLSHEET_NOW"] = "2026-11-30T10:00:00-06:00"
    assert [r["id"] for r in run("followups", "--json").json()] == [app["id"]]


def test_a_hiring_manager_who_says_never_again_is_do_not_call(desk_env: dict[str, str]) -> None:
    app = _apply("2026-11-09")
    result = run("followup", str(app["id"]), "--outcome", "do_not_call", "--note", "Asked not to be called")
    assert result.exit_code == 0, result.stderr
    card = run("person", "show", str(app["contact_person_id"]), "--json").json()
    assert card["suppression"] == "do_not_call"


def test_it_refuses_bad_application_input(desk_env: dict[str, str]) -> None:
    for args, field in ((["--applied", "next week"], "applied"), (["--applied", "2026-12-01"], "applied"),
                        (["--channel", "carrier pigeon"], "channel"), (["--contact-phone", "12345",
                                                                         "--contact-name", "X"], "phone")):
        result = run("apply", "--company", "Acme", "--role", "Analyst", *args)
        assert result.exit_code == 2 and field in result.stderr, (args, result.stderr)
    assert run("applications", "--json").json() == []
