"""Search follows the store's change log in the background: fresh within a second, on every server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine, text

from callsheet.clock import FixedClock
from callsheet.services.accounts import tokens
from callsheet.services.accounts import users as accounts
from callsheet.services.people import records as people_service
from callsheet.services.search import people as search_service
from callsheet.store.search import SearchIndex, place
from callsheet.store.search.arrays import ENTRY_BYTES, FOLD_AT, JOURNAL
from callsheet.store.search.follow import COMPACT_AFTER, Follower, compact_log
from callsheet.store.uow import UnitOfWork

CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))


def found(engine: Engine, query: str) -> list[int]:
    hits = search_service.search(UnitOfWork(engine), search_service.SearchRequest(query))
    return [f.hit.person_id for f in hits]


def add(engine: Engine, name: str, **kw: str) -> int:
    person = people_service.add_person(UnitOfWork(engine), CLOCK, people_service.NewPerson(name=name, **kw))
    assert person.id is not None
    return person.id


def test_a_person_added_is_found_by_search_within_a_second_without_any_refresh(engine: Engine) -> None:
    add(engine, "Grace Hopper", title="Rear Admiral")
    assert found(engine, "grace") != []  # the desk is open and searched already
    pid = add(engine, "Hedy Lamarr", title="Frequency Hopping Inventor")
    start = time.monotonic()
    while found(engine, "hedy") != [pid]:
        assert time.monotonic() - start < 1.0, "a new person was not searchable within a second"
        time.sleep(0.02)


def test_a_thousand_edits_of_one_person_leave_a_bounded_change_log_and_match_journal(engine: Engine) -> None:
    pid = add(engine, "Alan Turing", title="Edit 0")
    assert found(engine, "alan") == [pid]
    directory = place.index_dir_of(engine)
    follower = Follower(engine, directory, SearchIndex)  # its steps, run here one by one rather than in its thread
    uow = UnitOfWork(engine)
    for n in range(1, 1001):
        with uow:
            person = uow.people.get(pid)
            assert person is not None
            person.title = f"Edit {n}"
            uow.people.update(person, CLOCK.now())
        if n % 2 == 0:
            follower.step(engine)
    with engine.connect() as connection:
        logged = connection.execute(text("SELECT count(*) FROM search_changes")).scalar()
    assert logged is not None and logged <= COMPACT_AFTER + 1
    assert (directory / JOURNAL).stat().st_size // ENTRY_BYTES <= FOLD_AT
    assert found(engine, '"edit 1000"') == [pid] and found(engine, '"edit 999"') == []
    assert search_service.reindex(UnitOfWork(engine)) == 1
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM search_changes")).scalar() == 1


def test_compacting_the_change_log_keeps_each_persons_latest_change_in_every_desk(engine: Engine) -> None:
    """Desk 1's person 5 and another desk's person 5 are different people: each keeps its own latest change."""
    changes = [(1, 5), (1, 6), (2, 5), (1, 5), (2, 5), (2, 7), (1, 6), (1, 5)]
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM search_changes WHERE desk_id IN (1, 2)"))
        ids = [connection.execute(text("INSERT INTO search_changes (desk_id, person_id) VALUES (:d, :p) "
                                       "RETURNING id"), {"d": d, "p": p}).scalar_one() for d, p in changes]
    assert compact_log(engine) == 4
    latest = {(d, p): i for i, (d, p) in zip(ids, changes, strict=True)}
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT id, desk_id, person_id FROM search_changes "
                                       "WHERE desk_id IN (1, 2) ORDER BY id")).all()
    assert [tuple(row) for row in kept] == sorted((i, d, p) for (d, p), i in latest.items())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _server(database_url: str, search_dir: Path) -> Iterator[str]:
    """`callsheet serve` in its own process with its own index folder; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "CALLSHEET_DATABASE_URL": database_url, "CALLSHEET_SEARCH_DIR": str(search_dir),
           "CALLSHEET_SECRET_KEY": "two-servers-secret", "CALLSHEET_USER": "andrew"}
    proc = subprocess.Popen([sys.executable, "-m", "callsheet", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, "callsheet serve stopped"
            assert time.monotonic() < deadline, "callsheet serve did not start"
            with contextlib.suppress(httpx.TransportError):
                httpx.get(f"{base}/login", timeout=2)
                break
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_person_added_through_one_server_is_found_through_another_within_two_seconds(
        database_url: str, engine: Engine, tmp_path: Path) -> None:
    accounts.add_user(UnitOfWork(engine), CLOCK, "recruiter@example.com", "recruiter", password="correct horse",
                      name="Rita Recruiter")
    auth = {"Authorization": f"Bearer {tokens.new_token(UnitOfWork(engine), CLOCK, 'recruiter@example.com')}"}
    add(engine, "Grace Hopper", title="Rear Admiral")
    with _server(database_url, tmp_path / "a") as a, _server(database_url, tmp_path / "b") as b:
        for base in (a, b):  # both servers have opened their indexes
            seen = httpx.get(f"{base}/api/v1/search", params={"q": "grace"}, headers=auth, timeout=30)
            assert seen.status_code == 200 and len(seen.json()) == 1
        added = httpx.post(f"{a}/api/v1/people", json={"name": "Hedy Lamarr", "title": "Inventor"},
                           headers=auth, timeout=30)
        assert added.status_code == 201
        start = time.monotonic()
        while True:
            hits = httpx.get(f"{b}/api/v1/search", params={"q": "hedy"}, headers=auth, timeout=10).json()
            if [h["person_id"] for h in hits] == [added.json()["id"]]:
                break
            assert time.monotonic() - start < 10, "the other server never found the new person"
            time.sleep(0.05)
        assert time.monotonic() - start < 2.0
