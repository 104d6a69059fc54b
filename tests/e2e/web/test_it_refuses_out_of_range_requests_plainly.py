"""The hostile tester's inputs through the web desk and the API: a huge id, a moment in year 1 or 9999,
a note too long or holding a NUL. Each is answered 422 naming the field, never a server error, the same
on both stores, and a second read shows nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from callsheet.domain.bounds import NOTE_MAX
from tests.e2e.web.conftest import Desk
from tests.e2e.web.report_history import sign_in
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for

HUGE = "99999999999999999999"


def _history(client: TestClient, desk: Desk, auth: dict[str, str]) -> Any:
    card = client.get(f"/api/v1/people/{desk.jack}", headers=auth)
    assert card.status_code == 200
    return card.json()


def _refused(answer: Any, field: str) -> None:
    assert answer.status_code == 422, answer.text
    assert field in answer.text.lower()


@pytest.mark.parametrize(("path", "field"), [
    (f"/people/{HUGE}", "person_id"),
    (f"/jobs/{HUGE}", "job_id"),
    (f"/jobs/{HUGE}/matches", "job_id"),
    (f"/jobs/{HUGE}/report", "job_id"),
    (f"/jobs/{HUGE}/report.csv", "job_id"),
    ("/sheet?at=9999-12-31T23:59", "at"),
    ("/analytics?from=0001-01-01", "from"),
])
def test_the_web_desk_refuses_a_huge_id_or_a_moment_out_of_range(client: TestClient, desk: Desk, path: str,
                                                                 field: str) -> None:
    sign_in(client, "recruiter@example.com")
    answer = client.get(path)
    assert answer.status_code in (400, 422), answer.text
    assert field in answer.text.lower()


@pytest.mark.parametrize(("form", "field"), [
    ({"person_id": HUGE}, "person_id"),
    ({"job_id": HUGE}, "job_id"),
    ({"note": "x" * (NOTE_MAX + 1)}, "note"),
    ({"note": "said\x00call back"}, "note"),
])
def test_the_web_sheet_logs_nothing_out_of_range(client: TestClient, desk: Desk, form: dict[str, str],
                                                 field: str) -> None:
    auth = token_for(desk, "admin@example.com")
    before = _history(client, desk, auth)
    csrf = sign_in(client, "recruiter@example.com")
    data = {"csrf_token": csrf, "person_id": str(desk.jack), "job_id": str(desk.acme_job), "outcome": "no_answer",
            **form}
    _refused(client.post("/sheet/log", data=data), field)
    assert _history(client, desk, auth) == before


@pytest.mark.parametrize(("path", "field"), [
    (f"/api/v1/people/{HUGE}", "person_id"),
    (f"/api/v1/jobs/{HUGE}", "job_id"),
    (f"/api/v1/why/{HUGE}", "person_id"),
    ("/api/v1/queue?at=9999-12-31T23:59", "at"),
    ("/api/v1/why/{jack}?at=9999-12-31T23:59", "at"),
    ("/api/v1/why/{jack}?at=0001-01-01T00:00", "at"),
])
def test_the_api_refuses_a_huge_id_or_a_moment_out_of_range(client: TestClient, desk: Desk, path: str,
                                                            field: str) -> None:
    auth = token_for(desk, "admin@example.com")
    _refused(client.get(path.format(jack=desk.jack), headers=auth), field)


@pytest.mark.parametrize(("body", "field"), [
    ({"person_id": int(HUGE)}, "person_id"),
    ({"at": "0001-01-01T10:00:00"}, "at"),
    ({"at": "1969-12-31T10:00:00-06:00"}, "at"),
    ({"note": "x" * (NOTE_MAX + 1)}, "note"),
    ({"note": "said\x00call back"}, "note"),
])
def test_the_api_logs_no_touch_out_of_range(client: TestClient, desk: Desk, body: dict[str, object],
                                            field: str) -> None:
    auth = token_for(desk, "admin@example.com")
    before = _history(client, desk, auth)
    touch = {"person_id": desk.jack, "job_id": desk.acme_job, "outcome": "no_answer", **body}
    _refused(client.post("/api/v1/touches", json=touch, headers=auth), field)
    assert _history(client, desk, auth) == before
