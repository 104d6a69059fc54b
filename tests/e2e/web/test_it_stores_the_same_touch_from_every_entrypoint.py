"""The same touch logged through the command line, the web desk's sheet and the API is stored alike.

Every entrypoint calls the one service that writes a touch: the rows (all but id and created_at) and
each person's last touch come out the same. A callback time typed without an offset is in the
callee's zone, whichever way it came in. Between entrypoints the touches are deleted again, and the
store puts each person's last touch back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from callsheet.settings import get_settings
from callsheet.store.engine import make_engine
from callsheet.store.tables import people, touches
from tests.conftest import DESK_ZONE, NOW
from tests.e2e import cli
from tests.e2e.web.conftest import PASSWORD, Desk
from tests.e2e.web.test_it_guards_the_api_with_tokens_and_roles import token_for
from tests.e2e.web.test_it_protects_sessions_and_forms import csrf_of

RECRUITER = "recruiter@example.com"


def the_touches(desk: Desk) -> list[dict[str, Any]]:
    """What each entrypoint logs: a voicemail on a named number, a callback at a time in the callee's
    zone, a decline with its reason; each about a job."""
    return [
        {"person_id": desk.jack, "outcome": "voicemail", "job_id": desk.acme_job, "phone": "414-555-0101",
         "note": "left word"},
        {"person_id": desk.mary, "outcome": "callback", "job_id": desk.acme_job, "callback_at": "2026-11-18T14:00",
         "note": "after lunch"},
        {"person_id": desk.pat, "outcome": "declined", "job_id": desk.globex_job, "reason": "timing",
         "note": "ask again in spring"},
    ]


def by_cli(desk: Desk, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {"CALLSHEET_DATABASE_URL": desk.settings.database_url, "CALLSHEET_NOW": NOW,
                       "CALLSHEET_TIMEZONE": DESK_ZONE, "CALLSHEET_USER": RECRUITER}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    for touch in the_touches(desk):
        args = ["log", str(touch["person_id"]), "--outcome", touch["outcome"], "--job", str(touch["job_id"]),
                "--note", touch["note"]]
        for name in ("phone", "callback_at", "reason"):
            if name in touch:
                args += [f"--{name.replace('_', '-')}", touch[name]]
        result = cli.run(*args)
        assert result.exit_code == 0, result.stdout + result.stderr


def by_web(desk: Desk, client: TestClient, _: pytest.MonkeyPatch) -> None:
    login = client.get("/login")
    client.post("/login", data={"email": RECRUITER, "password": PASSWORD, "csrf_token": csrf_of(login.text)})
    token = client.get("/sheet").text.split('"X-CSRF-Token": "')[1].split('"')[0]
    for touch in the_touches(desk):
        # The sheet's row sends the zone it shows the callee's time in; the service reads the callback in it.
        form = {key: str(value) for key, value in touch.items()} | {"zone": "America/Chicago"}
        logged = client.post("/sheet/log", data=form, headers={"X-CSRF-Token": token, "HX-Request": "true"})
        assert logged.status_code == 200, logged.text


def by_api(desk: Desk, client: TestClient, _: pytest.MonkeyPatch) -> None:
    auth = token_for(desk, RECRUITER)
    for touch in the_touches(desk):
        answer = client.post("/api/v1/touches", headers=auth, json=touch)
        assert answer.status_code == 201, answer.text


def stored_and_cleared(desk: Desk) -> tuple[list[dict[str, Any]], dict[int, datetime | None]]:
    """The touches just logged (without id and created_at) and each person's last touch; then the touches
    are deleted, and the store must give each person their earlier last touch back."""
    engine = make_engine(desk.settings.database_url)
    ids = [desk.jack, desk.mary, desk.pat]
    last = select(people.c.id, people.c.last_touch_at).where(people.c.id.in_(ids))
    with engine.begin() as conn:
        rows = [r._asdict() for r in conn.execute(select(touches).where(touches.c.at == datetime.fromisoformat(NOW))
                                                   .order_by(touches.c.id))]
        lasts = {pid: at for pid, at in conn.execute(last)}
        conn.execute(delete(touches).where(touches.c.id.in_([r["id"] for r in rows])))
        back = {pid: at for pid, at in conn.execute(last)}
    engine.dispose()
    assert back == {desk.jack: None, desk.mary: None, desk.pat: datetime.fromisoformat("2026-11-10T10:00:00-06:00")}
    for row in rows:
        del row["id"], row["created_at"]
    return rows, lasts


def test_it_stores_the_same_touch_from_every_entrypoint(desk: Desk, client: TestClient,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    stored = {}
    for entrypoint in (by_cli, by_web, by_api):
        entrypoint(desk, client, monkeypatch)
        stored[entrypoint.__name__] = stored_and_cleared(desk)
    rows, lasts = stored["by_cli"]
    assert len(rows) == 3
    assert stored["by_web"] == stored["by_api"] == (rows, lasts)
    voicemail, callback, declined = rows
    assert voicemail["phone"] == "+14145550101" and voicemail["kind"] == "voicemail" and voicemail["user_id"]
    assert callback["callback_at"] == datetime.fromisoformat("2026-11-18T14:00:00-06:00")  # Milwaukee's time
    assert declined["reason"] == "timing" and declined["notes"] == "ask again in spring"
    assert set(lasts.values()) == {datetime.fromisoformat(NOW)}
