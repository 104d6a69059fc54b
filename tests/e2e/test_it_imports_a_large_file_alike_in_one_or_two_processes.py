"""A large import is checked in a second process while the first stores it; nothing about the
outcome may depend on that: the same counts, the same rejects file, the same people."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callsheet.clock import FixedClock
from callsheet.domain.errors import BadInput
from callsheet.services.imports.files import import_file
from callsheet.store.engine import make_engine
from callsheet.store.tables import emails, people, phones
from callsheet.store.uow import UnitOfWork
from tests.e2e.cli import run
from tests.e2e.imports import rejects, set_suppression

ROWS = 3_000
CLOCK = FixedClock(datetime(2026, 11, 17, 16, 0, tzinfo=UTC))


def _phone(i: int) -> str:
    return f"(414) {200 + i // 10000:03d}-{i % 10000:04d}"


def _write(path: Path) -> None:
    """Every 100th row (from 7) has no name, every 100th (from 13) a bad phone, every tenth (from 9)
    repeats the person five rows earlier under a new email, and row 20 reaches a do-not-call person."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Phone", "Email"])
        for i in range(ROWS):
            person = i - 5 if i % 10 == 9 else i
            name = "" if i % 100 == 7 else f"Person {person}"
            phone = "555-12" if i % 100 == 13 else _phone(person)
            writer.writerow([name, phone, f"p{i}@example.com"])


def _import(database_url: str, path: Path, pipeline: bool) -> dict[str, object]:
    engine = make_engine(database_url)
    try:
        return import_file(UnitOfWork(engine), CLOCK, "csv", path, user_login="andrew", pipeline=pipeline).view()
    finally:
        engine.dispose()


@pytest.mark.parametrize("pipeline", [False, True], ids=["one process", "two processes"])
def test_it_accounts_for_every_row_of_a_large_file_whichever_way_it_is_checked(
        desk_env: dict[str, str], database_url: str, tmp_path: Path, pipeline: bool) -> None:
    added = run("person", "add", "--name", "Jack Kowalski", "--phone", _phone(20), "--json")
    assert added.exit_code == 0, added.stderr
    jack = added.json()["id"]
    set_suppression(database_url, jack, "do_not_call")
    path = tmp_path / "large.csv"
    _write(path)

    summary = _import(database_url, path, pipeline)

    assert summary == {"created": 2_669, "merged": 300, "suppressed": 1, "rejected": 30, "problems": 30,
                       "rejects_file": str(tmp_path / "large.csv.rejects.csv"), "dry_run": False}
    expected = []
    for i in range(ROWS):
        if i % 100 == 7:
            expected.append((str(i + 2), "name: a name is required"))
        elif i % 100 == 13:
            expected.append((str(i + 2), "phone: '555-12' is not a valid phone number"))
    assert [(r["row"], r["reason"]) for r in rejects(tmp_path / "large.csv.rejects.csv")] == expected
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(people)).scalar_one() == 2_670
        four = conn.execute(select(people.c.id).where(people.c.name == "Person 4")).scalar_one()
        assert sorted(conn.execute(select(emails.c.address).where(emails.c.person_id == four)).scalars()) == [
            "p4@example.com", "p9@example.com"]
        assert list(conn.execute(select(phones.c.e164).where(phones.c.person_id == four)).scalars()) == [
            "+14142000004"]
        # The do-not-call person gained nothing.
        assert list(conn.execute(select(emails.c.address).where(emails.c.person_id == jack)).scalars()) == []
    engine.dispose()

    again = _import(database_url, path, pipeline)
    assert (again["created"], again["merged"], again["suppressed"], again["rejected"]) == (0, 2_969, 1, 30)


@pytest.mark.parametrize("pipeline", [False, True], ids=["one process", "two processes"])
def test_it_names_the_line_of_a_large_file_that_is_not_text_whichever_way_it_is_checked(
        desk_env: dict[str, str], database_url: str, tmp_path: Path, pipeline: bool) -> None:
    path = tmp_path / "broken.csv"
    _write(path)
    with path.open("ab") as f:  # well past the part read to guess the encoding
        f.write(b"Person \xff\xfe,(414) 555-0142,x@example.com\r\n")
    with pytest.raises(BadInput) as raised:
        _import(database_url, path, pipeline)
    assert raised.value.field == "file" and "not UTF-8 text" in raised.value.message, raised.value.message
