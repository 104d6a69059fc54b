import sqlite3
from pathlib import Path

import pytest

from tests.e2e.cli import run


def test_it_backs_up_and_restores_a_sqlite_desk(desk_env: dict[str, str], tmp_path: Path) -> None:
    if not desk_env["CALLSHEET_DATABASE_URL"].startswith("sqlite"):
        result = run("backup", "--out", str(tmp_path / "x.bak"))
        assert result.exit_code == 1 and "pg_dump" in result.stderr
        return
    run("person", "add", "--name", "Ann", "--phone", "414-555-0100")
    # Hold a write transaction open elsewhere: the backup must still be consistent.
    live = sqlite3.connect(desk_env["CALLSHEET_DATABASE_URL"].removeprefix("sqlite:///"))
    live.execute("BEGIN")
    live.execute("INSERT INTO companies (name, name_key, city, state, is_client, created_at) "
                 "VALUES ('Pending', 'pending', '', '', 0, '2026-01-01')")
    out = tmp_path / "desk.bak"
    result = run("backup", "--out", str(out))
    live.rollback()
    live.close()
    assert result.exit_code == 0, result.stderr
    run("person", "add", "--name", "Bob", "--phone", "414-555-0101")
    assert len(run("person", "list", "--json").json()) == 2
    restored = run("restore", str(out))
    assert restored.exit_code == 0, restored.stderr
    assert [p["name"] for p in run("person", "list", "--json").json()] == ["Ann"]


@pytest.mark.parametrize("content", [b"not a database", b""])
def test_it_refuses_to_restore_something_that_is_not_a_desk(desk_env: dict[str, str], tmp_path: Path,
                                                             content: bytes) -> None:
    if not desk_env["CALLSHEET_DATABASE_URL"].startswith("sqlite"):
        pytest.skip("restore is for SQLite desks")
    bogus = tmp_path / "bogus.bak"
    bogus.write_bytes(content)
    run("person", "add", "--name", "Ann", "--phone", "414-555-0100")
    result = run("restore", str(bogus))
    assert result.exit_code == 2 and "bogus.bak" in result.stderr
    assert [p["name"] for p in run("person", "list", "--json").json()] == ["Ann"]
