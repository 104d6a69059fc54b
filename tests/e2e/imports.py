"""Helpers for import tests: fixture files copied beside the test (rejects files land there)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from callsheet.store.engine import make_engine
from callsheet.store.tables import people
from tests.e2e.cli import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


def fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def import_json(kind: str, path: Path, *extra: str) -> dict[str, Any]:
    result = run("import", kind, str(path), *extra, "--json")
    assert result.exit_code == 0, result.stderr
    summary: dict[str, Any] = result.json()
    return summary


def everyone() -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = run("person", "list", "--json").json()
    return listed


def by_name(name: str) -> dict[str, Any]:
    """The first person (lowest id) of that name."""
    found = [p for p in everyone() if p["name"] == name]
    assert found, (name, [p["name"] for p in everyone()])
    return found[0]


def rejects(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def set_suppression(database_url: str, person_id: int, suppression: str) -> None:
    # No `log` command in this branch yet: mark the person the way a do_not_call outcome would.
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(update(people).where(people.c.id == person_id).values(suppression=suppression))
    engine.dispose()


def rows_of(database_url: str, table: Any) -> list[Any]:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        found = list(conn.execute(select(table)))
    engine.dispose()
    return found
