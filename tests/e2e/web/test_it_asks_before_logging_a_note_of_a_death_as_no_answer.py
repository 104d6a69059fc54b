"""A note that says the person died, logged with a weaker outcome, is asked about before anything is stored.

The command line, the web desk's sheet and the API call the one service: each refuses a "no answer" whose
note says the person passed away, names the suggested outcome and stores nothing; kept on purpose, the
touch is stored as asked; logged as deceased, the person is marked and leaves everyone's sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from callsheet.settings import get_settings
from callsheet.store.engine import make_engine
from callsheet.store.tables import people
from tests.conftest import DESK_ZONE, NOW
from tests.e2e import cli
from tests.e2e.web.conftest import PASSWORD, Desk
from tests.e2e.web.test_it_answers_touches_through_the_api import count_touches
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for
from tests.e2e.web.test_it_protects_sessions_and_forms import csrf_of

RECRUITER = "recruiter@example.com"
NOTE = "His wife answered: he passed away last month"


def suppression_of(desk: Desk, person_id: int) -> str:
    engine = make_engine(desk.settings.database_url)
    with engine.connect() as conn:
        mark: str = conn.execute(select(people.c.suppression).where(people.c.id == person_id)).scalar_one()
    engine.dispose()
    return mark


def by_cli(desk: Desk, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str]]:
    for key, value in {"CALLSHEET_DATABASE_URL": desk.settings.database_url, "CALLSHEET_NOW": NOW,
                       "CALLSHEET_TIMEZONE": DESK_ZONE, "CALLSHEET_USER": RECRUITER}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()

    def log(outcome: str, keep: bool = False) -> tuple[int, str]:
        result = cli.run("log", str(desk.jack), "--outcome", outcome, "--job", str(desk.acme_job), "--note", NOTE,
                         *(["--keep-outcome"] if keep else []))
        return result.exit_code, result.stdout + result.stderr

    return log


def by_web(desk: Desk, client: TestClient, _: pytest.MonkeyPatch) -> Callable[..., tuple[int, str]]:
    login = client.get("/login")
    client.post("/login", data={"email": RECRUITER, "password": PASSWORD, "csrf_token": csrf_of(login.text)})
    token = client.get("/sheet").text.split('"X-CSRF-Token": "')[1].split('"')[0]

    def log(outcome: str, keep: bool = False) -> tuple[int, str]:
        form = {"person_id": str(desk.jack), "job_id": str(desk.acme_job), "outcome": outcome, "note": NOTE,
                "name": "Jack Kowalski"} | ({"keep_outcome": "true"} if keep else {})
        answer = client.post("/sheet/log", data=form, headers={"X-CSRF-Token": token, "HX-Request": "true"})
        return answer.status_code, answer.text

    return log


def by_api(desk: Desk, client: TestClient, _: pytest.MonkeyPatch) -> Callable[..., tuple[int, str]]:
    auth = token_for(desk, RECRUITER)

    def log(outcome: str, keep: bool = False) -> tuple[int, str]:
        body: dict[str, Any] = {"person_id": desk.jack, "job_id": desk.acme_job, "outcome": outcome, "note": NOTE}
        answer = client.post("/api/v1/touches", headers=auth, json=body | ({"keep_outcome": True} if keep else {}))
        return answer.status_code, answer.text

    return log


ENTRYPOINTS = {"cli": by_cli, "web": by_web, "api": by_api}
REFUSED = {"cli": 2, "web": 409, "api": 409}
STORED = {"cli": 0, "web": 200, "api": 201}


@pytest.mark.parametrize("entrypoint", ENTRYPOINTS)
def test_a_no_answer_whose_note_says_the_person_passed_away_is_refused_and_nothing_is_stored(
        entrypoint: str, desk: Desk, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    log = ENTRYPOINTS[entrypoint](desk, client, monkeypatch)
    before = count_touches(desk)
    status, said = log("no_answer")
    assert status == REFUSED[entrypoint], said
    assert "deceased" in said and "Traceback" not in said
    assert count_touches(desk) == before and suppression_of(desk, desk.jack) == "none"
    if entrypoint == "cli":
        assert f"callsheet log {desk.jack} --outcome deceased --job {desk.acme_job} --note '{NOTE}'" in said
        assert "--keep-outcome" in said
    if entrypoint == "api":
        assert client.post("/api/v1/touches", headers=token_for(desk, RECRUITER),
                           json={"person_id": desk.jack, "outcome": "no_answer", "note": NOTE}).json() == {
            "detail": "note: the note says the person died: log it as deceased, or keep no_answer on purpose",
            "suggested_outcome": "deceased"}
    if entrypoint == "web":  # the suggested outcome one click away, and keeping the chosen one the other
        assert 'name="outcome" value="deceased"' in said and 'name="keep_outcome" value="true"' in said
        assert "Log as deceased" in said and "Keep no answer" in said


@pytest.mark.parametrize("entrypoint", ENTRYPOINTS)
def test_a_no_answer_kept_on_purpose_is_stored_as_asked(entrypoint: str, desk: Desk, client: TestClient,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    log = ENTRYPOINTS[entrypoint](desk, client, monkeypatch)
    before = count_touches(desk)
    status, said = log("no_answer", keep=True)
    assert status == STORED[entrypoint], said
    assert count_touches(desk) == before + 1 and suppression_of(desk, desk.jack) == "none"


@pytest.mark.parametrize("entrypoint", ENTRYPOINTS)
def test_the_outcome_changed_to_deceased_marks_the_person(entrypoint: str, desk: Desk, client: TestClient,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    log = ENTRYPOINTS[entrypoint](desk, client, monkeypatch)
    before = count_touches(desk)
    status, said = log("deceased")
    assert status == STORED[entrypoint], said
    assert count_touches(desk) == before + 1 and suppression_of(desk, desk.jack) == "deceased"
