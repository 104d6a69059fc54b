"""A database stored before desks (revision 0131) keeps every row through `callsheet init`: all of it lands in
desk 1 "Default", the salt moves to the desk, logins and API token hashes are mapped to it, and the desk
works as before — the deceased stay uncallable, tokens still open the API, notes are still searched."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Connection, bindparam, text

from callsheet.server import create_app
from callsheet.services.imports.keys import digest
from callsheet.settings import Settings
from callsheet.store import schema
from callsheet.store.engine import make_engine
from callsheet.store.tables import UTCDateTime
from tests.conftest import DESK_ZONE, NOW
from tests.e2e.cli import Result, run_process

AT = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
SALT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
TOKEN = "cs_a_token_made_before_desks_existed_0123456789"
NOTE_WORD = "zeppelin"
#: The tables the old desk fills, each counted before and after the upgrade.
FILLED = ("users", "api_tokens", "companies", "people", "phones", "emails", "jobs", "candidacies", "touches",
          "suppression_events", "erased_keys", "number_releases", "dnc_lists", "dnc_events", "dnc_numbers")


@dataclass
class OldDesk:
    url: str
    counts: dict[str, int]
    logins: list[str]
    ann: int
    jack: int
    dora: int
    job: int


def _insert(conn: Connection, table: str, **values: Any) -> int:
    """One row as the store at revision 0131 wrote it, in plain SQL; returns its id."""
    names = ", ".join(values)
    statement = text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)})").bindparams(
        *[bindparam(n, type_=UTCDateTime()) for n, v in values.items() if isinstance(v, datetime)])
    conn.execute(statement, values)
    new_id: int = conn.execute(text(f"SELECT max(id) FROM {table}")).scalar_one()
    return new_id


def _person(conn: Connection, name: str, suppression: str = "none", **values: Any) -> int:
    return _insert(conn, "people", **{
        "name": name, "title": "", "company_id": None, "seniority": None, "skills": "", "city": "Milwaukee",
        "state": "WI", "zip": "", "lat": None, "lon": None, "timezone": "", "active": True, "profile": "",
        "linkedin_url": None, "suppression": suppression, "suppressed_at": AT if suppression != "none" else None,
        "suppressed_by": "andrew" if suppression != "none" else "", "suppression_reason": "",
        "referred_by_id": None, "created_at": AT, "updated_at": AT, "first_name": name.split()[0],
        "last_name": name.split()[-1], **values})


def _phone(conn: Connection, person: int, e164: str) -> int:
    return _insert(conn, "phones", person_id=person, e164=e164, label="mobile", status="ok", status_at=None,
                   position=0)


def _touch(conn: Connection, person: int, job: int | None, user: int, outcome: str, notes: str = "") -> int:
    return _insert(conn, "touches", person_id=person, job_id=job, phone="", kind="call", direction="outbound", at=AT,
                   duration_s=None, outcome=outcome, reason="", notes=notes, rung="", callback_at=None,
                   user_id=user, referral_person_id=None, created_at=AT)


def _fill(conn: Connection) -> tuple[list[str], int, int, int, int]:
    andrew = _insert(conn, "users", login="andrew@example.com", name="Andrew", role="recruiter", company_id=None,
                     password_hash=None, active=True, created_at=AT, session_version=0, phone="")
    admin = _insert(conn, "users", login="ada@example.com", name="Ada Admin", role="admin", company_id=None,
                    password_hash=None, active=True, created_at=AT, session_version=0, phone="")
    _insert(conn, "api_tokens", user_id=andrew, name="token 1", token_hash=hashlib.sha256(TOKEN.encode()).hexdigest(),
            created_at=AT, last_used_at=None, revoked_at=None, revoked_by=None)
    acme = _insert(conn, "companies", name="Acme", name_key="acme", city="Milwaukee", state="WI", is_client=True,
                   created_at=AT)
    _insert(conn, "companies", name="Globex", name_key="globex", city="Madison", state="WI", is_client=False,
            created_at=AT)
    ann = _person(conn, "Ann Nowak", company_id=acme, title="Network Administrator")
    jack = _person(conn, "Jack Kowalski", suppression="deceased")
    dora = _person(conn, "Dora Lee", suppression="do_not_call")
    erased = _person(conn, "Erased person", suppression="erased", active=False, city="", state="",
                     first_name="", last_name="")
    for person, e164 in ((ann, "+14145550101"), (jack, "+14145550142"), (dora, "+14145550155")):
        _phone(conn, person, e164)
    _insert(conn, "emails", person_id=ann, address="ann@example.com", position=0)
    _insert(conn, "emails", person_id=dora, address="dora@example.com", position=0)
    job = _insert(conn, "jobs", title="Network Administrator", company_id=acme, hiring_manager_id=None,
                  city="Milwaukee", state="WI", zip="", lat=None, lon=None, timezone="", seniority=None, skills="cisco",
                  urgency=5, opportunity=5, fee_type="contingent", status="open", owner_id=andrew, description="",
                  created_at=AT)
    for person in (ann, jack):
        _insert(conn, "candidacies", job_id=job, person_id=person, stage="sourced", is_target=False, created_at=AT,
                updated_at=AT)
    _touch(conn, ann, job, andrew, "interested", f"Collects {NOTE_WORD} models, call after five")
    _touch(conn, ann, None, andrew, "voicemail")
    _touch(conn, jack, job, andrew, "deceased", "His widow answered.")
    _touch(conn, dora, None, andrew, "declined", "Asked never to be called again")
    for person, kind in ((jack, "deceased"), (dora, "do_not_call")):
        _insert(conn, "suppression_events", person_id=person, action="set", suppression=kind, reason="",
                user_id=andrew, user_name="Andrew", at=AT)
    _insert(conn, "erased_keys", person_id=erased, kind="phone", digest=digest(SALT, "phone", "+14145550199"))
    _insert(conn, "number_releases", person_id=dora, digest=digest(SALT, "phone", "+14145550177"),
            reason="a new holder of the number", user_id=admin, user_name="Ada Admin", at=AT)
    dnc = _insert(conn, "dnc_lists", name="Wisconsin no-call", created_at=AT, removed_at=None)
    event = _insert(conn, "dnc_events", list_id=dnc, action="load", file="wi.csv", listed=2, added=2, released=0,
                    rejected=0, user_id=admin, user_name="Ada Admin", at=AT)
    for e164 in ("+14145550160", "+14145550161"):
        _insert(conn, "dnc_numbers", list_id=dnc, e164=e164, listed_event_id=event, released_event_id=None)
    conn.execute(text("INSERT INTO desk_meta (key, value) VALUES ('hash_salt', :salt)"), {"salt": SALT})
    return ["ada@example.com", "andrew@example.com"], ann, jack, dora, job


def _counts(conn: Connection) -> dict[str, int]:
    return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in FILLED}


@pytest.fixture
def old_desk(empty_database_url: str) -> OldDesk:
    """A database at revision 0131, the last before desks, filled as a desk of the time would be."""
    engine = make_engine(empty_database_url)
    config = schema.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0131")
    with engine.begin() as conn:
        logins, ann, jack, dora, job = _fill(conn)
    with engine.connect() as conn:
        counts = _counts(conn)
    engine.dispose()
    return OldDesk(empty_database_url, counts, logins, ann, jack, dora, job)


def _cli(desk: OldDesk, *args: str) -> Result:
    return run_process(*args, env={"CALLSHEET_DATABASE_URL": desk.url, "CALLSHEET_NOW": NOW,
                                   "CALLSHEET_TIMEZONE": DESK_ZONE, "CALLSHEET_USER": "andrew@example.com"})


def _init(desk: OldDesk) -> None:
    done = _cli(desk, "init", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["before"] == "0131" and done.json()["revision"] == schema.head_revision()


def test_every_row_of_a_desk_before_desks_is_kept_in_the_default_desk(old_desk: OldDesk) -> None:
    _init(old_desk)
    engine = make_engine(old_desk.url)
    with engine.connect() as conn:
        assert _counts(conn) == old_desk.counts
        desks = conn.execute(text("SELECT id, name, hash_salt FROM desks")).all()
        assert [tuple(d) for d in desks] == [(1, "Default", SALT)]
        assert conn.execute(text("SELECT count(*) FROM desk_meta WHERE key = 'hash_salt'")).scalar_one() == 0
        for table in FILLED:
            assert conn.execute(text(f"SELECT DISTINCT desk_id FROM {table}")).scalars().all() == [1], table
        keys = conn.execute(text("SELECT kind, key, desk_id FROM desk_keys ORDER BY kind, key")).all()
    engine.dispose()
    assert [tuple(k) for k in keys] == [("login", login, 1) for login in old_desk.logins] + [
        ("token", hashlib.sha256(TOKEN.encode()).hexdigest(), 1)]


def test_the_deceased_stay_uncallable_and_the_do_not_call_stay_marked_after_the_upgrade(old_desk: OldDesk) -> None:
    _init(old_desk)
    for person in (old_desk.jack, old_desk.dora):
        verdict = _cli(old_desk, "why", str(person), "--json")
        assert verdict.exit_code == 0, verdict.stderr
        assert verdict.json()["callable"] is False and verdict.json()["next_ok_at"] is None
    ann = _cli(old_desk, "why", str(old_desk.ann), "--json", "--job", str(old_desk.job))
    assert ann.exit_code == 0, ann.stderr


def test_an_api_token_made_before_the_upgrade_still_opens_the_api(old_desk: OldDesk) -> None:
    _init(old_desk)
    settings = Settings(database_url=old_desk.url, now=datetime.fromisoformat(NOW), timezone=DESK_ZONE,
                        cookie_secure=False, secret_key="test-secret")
    with TestClient(create_app(settings)) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        ann = client.get(f"/api/v1/people/{old_desk.ann}", headers=auth)
        assert ann.status_code == 200 and ann.json()["name"] == "Ann Nowak"
        assert client.get(f"/api/v1/people/{old_desk.ann}",
                          headers={"Authorization": "Bearer cs_never_made"}).status_code == 401


def test_a_word_of_a_note_logged_before_the_upgrade_still_finds_its_person(old_desk: OldDesk) -> None:
    _init(old_desk)
    found = _cli(old_desk, "search", NOTE_WORD, "--json")
    assert found.exit_code == 0, found.stderr
    assert [f["person_id"] for f in found.json()] == [old_desk.ann]
