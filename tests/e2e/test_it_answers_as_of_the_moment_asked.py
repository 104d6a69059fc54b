"""Marked do-not-call on Dec 1, lifted by an admin on Dec 3: asked about Dec 2, every answer says no;
asked about Dec 4, every answer says yes. The call sheet, `why`, the card, the client report and the
API read the person as they stood at the moment asked, not as they stand today."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from fastapi.testclient import TestClient

from callsheet.server import create_app
from callsheet.settings import Settings
from tests.e2e.cli import Result, run

TODAY = "2026-12-07T10:00:00-06:00"  # the Monday after: the mark is lifted by now
MARKED_AT, LIFTED_AT = "2026-12-01T10:00:00-06:00", "2026-12-03T10:00:00-06:00"
BEFORE, MARKED, LIFTED = "2026-11-30T16:00", "2026-12-02T16:00", "2026-12-04T16:00"


def _at(moment: str, user: str, *args: str, input: str | None = None) -> Result:
    """`callsheet ARGS` run by `user` with the desk's clock at `moment`."""
    os.environ["CALLSHEET_NOW"], os.environ["CALLSHEET_USER"] = moment, user
    result = run(*args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def _report(tmp_path: Path, job_id: int, now: str) -> dict[str, str]:
    out = tmp_path / f"report-{now[:10]}.csv"
    _at(now, "andrew", "report", str(job_id), "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8-sig") as f:
        return next(csv.DictReader(f))


def test_queue_why_card_report_and_api_agree_before_during_and_after_a_lifted_mark(
        desk_env: dict[str, str], tmp_path: Path) -> None:
    _at(TODAY, "andrew", "user", "add", "boss@example.com", "--role", "admin", "--password-stdin",
        input="correct horse battery\n")
    ann = _at(BEFORE, "andrew", "person", "add", "--name", "Ann Lee", "--phone", "414-555-0177", "--city",
              "Milwaukee", "--state", "WI", "--json").json()
    job = _at(BEFORE, "andrew", "job", "add", "--title", "SRE", "--client", "Initech", "--city", "Milwaukee",
              "--state", "WI", "--json").json()
    _at(BEFORE, "andrew", "pipeline", "add", str(job["id"]), str(ann["id"]))
    _at(MARKED_AT, "andrew", "log", str(ann["id"]), "--outcome", "do_not_call", "--note", "Asked to be left alone")
    _at(LIFTED_AT, "boss@example.com", "person", "lift", str(ann["id"]), "--reason", "Marked on the wrong person")

    token = _at(TODAY, "andrew", "user", "token", "boss@example.com").stdout.strip()
    settings = Settings(database_url=desk_env["CALLSHEET_DATABASE_URL"], timezone=desk_env["CALLSHEET_TIMEZONE"],
                        secret_key="test-secret", cookie_secure=False)
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(settings)) as api:
        for moment, callable_then in ((BEFORE, True), (MARKED, False), (LIFTED, True)):
            verdict = _at(TODAY, "andrew", "why", str(ann["id"]), "--at", moment,
                          "--json").json()
            on_job = _at(TODAY, "andrew", "why", str(ann["id"]), "--job", str(job["id"]), "--at", moment,
                         "--json").json()
            sheet = _at(TODAY, "andrew", "queue", "--at", moment, "--json").json()
            card = _at(TODAY, "andrew", "person", "show", str(ann["id"]), "--at", moment,
                       "--json").json()
            api_sheet = api.get("/api/v1/queue", params={"at": moment}, headers=auth).json()
            api_why = api.get(f"/api/v1/why/{ann['id']}", params={"at": moment}, headers=auth).json()
            assert verdict["callable"] is on_job["callable"] is callable_then, (moment, verdict, on_job)
            assert card["decision"] == verdict and api_why == verdict, moment
            assert [r["person_id"] for r in sheet] == ([ann["id"]] if callable_then else []), (moment, sheet)
            assert [r["person_id"] for r in api_sheet] == [r["person_id"] for r in sheet], moment
            if not callable_then:
                assert "Do not call: marked on 2026-12-01 by andrew" in verdict["reasons"][0]
                assert verdict["next_ok_at"] is None

    # The client report, prepared on each day: a person marked then is "no longer being contacted".
    assert _report(tmp_path, job["id"], MARKED + ":00-06:00")["stage"] == "No longer being contacted"
    lifted = _report(tmp_path, job["id"], LIFTED + ":00-06:00")
    assert lifted["stage"] == "Identified" and lifted["next_step"] == "First call", lifted
