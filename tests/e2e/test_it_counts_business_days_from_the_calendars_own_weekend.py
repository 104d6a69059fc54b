"""With CALLSHEET_HOLIDAYS=IL the weekend is Friday and Saturday: a no-answer on Thursday is retried on
Sunday, and the job seeker's five business days skip Friday and Saturday."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from tests.e2e.cli import run


def test_thursdays_no_answer_is_retried_on_sunday_and_the_wait_skips_friday_and_saturday(
        desk_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSHEET_HOLIDAYS", "IL")
    os.environ["CALLSHEET_NOW"] = "2026-11-19T10:00:00-06:00"  # Thursday
    person = run("person", "add", "--name", "Ann Nowak", "--phone", "414-555-0100", "--city", "Milwaukee",
                 "--state", "WI", "--json").json()
    logged = run("log", str(person["id"]), "--outcome", "no_answer")
    assert logged.exit_code == 0, logged.stderr
    os.environ["CALLSHEET_NOW"] = "2026-11-20T10:00:00-06:00"  # Friday
    why = run("why", str(person["id"]), "--json").json()
    assert why["callable"] is False
    assert datetime.fromisoformat(why["next_ok_at"]) == datetime.fromisoformat("2026-11-22T10:00:00-06:00")
    os.environ["CALLSHEET_NOW"] = "2026-11-22T10:00:00-06:00"  # Sunday
    assert run("why", str(person["id"]), "--json").json()["callable"] is True

    applied = run("apply", "--company", "Acme", "--role", "Data Analyst", "--applied", "2026-11-19",
                  "--contact-name", "Pat Lee", "--contact-phone", "414-555-0123", "--json")
    assert applied.exit_code == 0, applied.stderr
    assert applied.json()["followup_due_on"] == "2026-11-26"
